// HTTP function cards. Requests go through the injected http port; in the playground that port
// answers only from the mock services and fails closed for any other host.
import { FlowError } from '../errors'
import type { HttpResponseData } from '../ports'
import { isPlainObject, toObject, toText } from '../values'
import type { Card, CardContext, CardOutcome } from './card'

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

export function buildUrl(url: string, query: Record<string, unknown>): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new FlowError(`"${url}" is not a valid absolute URL`)
  }
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    const values = Array.isArray(value) ? value : [value]
    for (const v of values) parsed.searchParams.append(key, toText(v, `query.${key}`))
  }
  return parsed.toString()
}

export function encodeBody(
  body: unknown,
  headers: Record<string, string>,
): { body: string | null; headers: Record<string, string> } {
  if (body === undefined || body === null || body === '') return { body: null, headers }
  if (typeof body === 'string') return { body, headers }
  const hasContentType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  return {
    body: JSON.stringify(body),
    headers: hasContentType ? headers : { ...headers, 'content-type': 'application/json' },
  }
}

/** Parses a JSON response body into data; other bodies stay text. */
export function decodeBody(response: HttpResponseData): unknown {
  const contentType = Object.entries(response.headers).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1]
  if (!contentType?.includes('json') || response.body === '') return response.body
  try {
    return JSON.parse(response.body) as unknown
  } catch {
    throw new FlowError(
      `The response says it is JSON (${contentType}) but its body is not valid JSON`,
      502,
      response.body.slice(0, 500),
    )
  }
}

export function stringHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, v] of Object.entries(toObject(value, 'headers'))) {
    if (v !== undefined && v !== null) headers[name] = toText(v, `headers.${name}`)
  }
  return headers
}

/**
 * Sends a request built from the inputs url, headers, query and body, and returns statusCode,
 * headers and body. A response of 400 or above fails with its status code (what Raw Request and
 * the Get/Post/Put/Patch/Delete cards share).
 */
export async function sendRequest(
  method: string,
  inputs: Record<string, unknown>,
  context: CardContext,
): Promise<CardOutcome> {
  const url = buildUrl(toText(inputs.url, 'url'), toObject(inputs.query, 'query'))
  const encoded = encodeBody(inputs.body, stringHeaders(inputs.headers))
  const response = await context.ports.http(
    { method, url, headers: encoded.headers, body: encoded.body },
    context.signal,
  )
  if (response.status >= 400) {
    // An error response keeps its status even when its body is not the JSON it claims to be.
    let body: unknown
    try {
      body = decodeBody(response)
    } catch {
      body = response.body
    }
    const reason = isPlainObject(body)
      ? toText(body.message ?? body.error ?? body.errorSummary ?? '', 'body')
      : ''
    throw new FlowError(
      `HTTP ${response.status} ${response.statusText}${reason ? `: ${reason}` : ''}`.trim(),
      response.status,
      body,
    )
  }
  const body = decodeBody(response)
  return { outputs: { statusCode: response.status, headers: response.headers, body } }
}

export const httpCards: Card[] = [
  {
    id: 'http.rawRequest',
    name: 'Raw Request',
    category: 'HTTP',
    oktaKey: 'httpfunctions:raw',
    help: 'Sends an HTTP request with full control over method, headers, query and body. Fails with the status code for responses of 400 and above.',
    inputs: [
      { key: 'url', type: 'text', required: true },
      { key: 'method', type: 'text', required: true },
      { key: 'headers', type: 'object' },
      { key: 'query', type: 'object' },
      { key: 'body', type: 'any' },
    ],
    outputs: [
      { key: 'statusCode', type: 'number' },
      { key: 'headers', type: 'object' },
      { key: 'body', type: 'any' },
    ],
    async run(inputs, context) {
      const method = toText(inputs.method, 'method').toUpperCase()
      if (!METHODS.has(method)) throw new FlowError(`"${method}" is not an HTTP method`)
      return sendRequest(method, inputs, context)
    },
  },
]
