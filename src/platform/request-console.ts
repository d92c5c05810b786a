// The request console: send any request to a mock API, optionally with a connection applied —
// `{{connection.key}}` placeholders filled from its auth object and, for Basic and OAuth 2.0,
// the Authorization header — and show exactly what went out and came back, with secrets
// redacted, plus the same request as a curl command.
import { createRedactor, REDACTED, type EnginePorts } from '../engine'
import type { ConsoleExchange, ConsoleRequest, MockRequest, MockResponse } from './engine-api'
import type { ConnectionManager } from './connections'
import { basicAuthorization } from './oauth'

const PLACEHOLDER = /\{\{\s*connection\.([A-Za-z0-9_.-]+)\s*\}\}/g

/** Single-quotes a value for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`
}

export function toCurl(request: MockRequest): string {
  const parts = ['curl']
  if (request.method !== 'GET') parts.push('-X', request.method)
  parts.push(shellQuote(request.url))
  for (const [name, value] of Object.entries(request.headers)) {
    parts.push('-H', shellQuote(`${name}: ${value}`))
  }
  if (request.body !== null && request.body !== '')
    parts.push('--data-raw', shellQuote(request.body))
  return parts.join(' ')
}

function fill(
  text: string,
  auth: Record<string, unknown> | undefined,
  missing: Set<string>,
): string {
  return text.replace(PLACEHOLDER, (whole, key: string) => {
    const value = auth?.[key]
    if (value === undefined || value === null) {
      missing.add(key)
      return whole
    }
    return typeof value === 'string' ? value : JSON.stringify(value)
  })
}

function errorExchange(request: MockRequest, error: string): ConsoleExchange {
  return {
    request,
    response: { status: 0, statusText: '', headers: {}, body: '' },
    durationMs: 0,
    curl: toCurl(request),
    error,
  }
}

export async function sendConsoleRequest(
  input: ConsoleRequest,
  connections: ConnectionManager,
  http: EnginePorts['http'],
  elapsed: () => number,
): Promise<ConsoleExchange> {
  const connectionId = input.connectionId
  const auth = connectionId ? await connections.authFor(connectionId) : undefined
  const redact = createRedactor(connectionId ? connections.secretsOf(connectionId) : [])
  /** Redacts secrets; an Authorization header keeps its scheme ("Bearer ••••••"). */
  const redactRequest = (request: MockRequest): MockRequest => {
    const shown = redact(request) as MockRequest
    for (const [name, value] of Object.entries(request.headers)) {
      const scheme = /^(Basic|Bearer|Token|Digest)\s+\S/i.exec(value)?.[1]
      if (name.toLowerCase() === 'authorization' && scheme) {
        shown.headers[name] = `${scheme} ${REDACTED}`
      }
    }
    return shown
  }
  const original: MockRequest = {
    method: input.method.toUpperCase(),
    url: input.url.trim(),
    headers: input.headers,
    body: input.body,
  }
  if (connectionId && !auth) return errorExchange(original, 'That connection no longer exists')
  const missing = new Set<string>()
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(input.headers)) {
    if (name.trim() !== '') headers[name.trim()] = fill(value, auth, missing)
  }
  const request: MockRequest = {
    method: original.method,
    url: fill(original.url, auth, missing),
    headers,
    body: input.body === null ? null : fill(input.body, auth, missing),
  }
  if (missing.size > 0) {
    return errorExchange(
      redactRequest(request),
      `The connection has no ${[...missing].map((k) => `"${k}"`).join(', ')}; it has ${Object.keys(auth ?? {}).join(', ') || 'no values'}`,
    )
  }
  if (!/^[A-Z]+$/.test(request.method)) {
    return errorExchange(redactRequest(request), `"${request.method}" is not an HTTP method`)
  }
  try {
    new URL(request.url)
  } catch {
    return errorExchange(redactRequest(request), `"${request.url}" is not an absolute URL`)
  }
  const hasAuthorization = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')
  if (auth && connectionId && !hasAuthorization) {
    const type = connections.authTypeOf(connectionId)
    if (
      type === 'basic' &&
      typeof auth.username === 'string' &&
      typeof auth.password === 'string'
    ) {
      headers.Authorization = basicAuthorization(auth.username, auth.password)
    } else if (typeof auth.access_token === 'string') {
      headers.Authorization = `Bearer ${auth.access_token}`
    }
  }
  if (
    request.body !== null &&
    request.body !== '' &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  ) {
    headers['Content-Type'] = 'application/json'
  }
  // What is shown is what went out: the wrapper may swap in a refreshed token.
  let sent: MockRequest = request
  const capture: EnginePorts['http'] = (outgoing, signal) => {
    sent = outgoing
    return http(outgoing, signal)
  }
  const send = connectionId ? connections.wrapHttp(connectionId, capture) : capture
  const started = elapsed()
  let response: MockResponse
  try {
    response = await send(request, new AbortController().signal)
  } catch (error) {
    return errorExchange(redactRequest(sent), `The request failed: ${String(error)}`)
  }
  const shown = redactRequest(sent)
  return {
    request: shown,
    response: redact(response) as MockResponse,
    durationMs: Math.round((elapsed() - started) * 10) / 10,
    curl: toCurl(shown),
  }
}
