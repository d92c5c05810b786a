// Pure helpers for the Mock services and Console pages: response bodies for display, status
// colour classes, header rows ↔ header records, the virtual clock's offset in words, fault
// descriptions and the console's request presets. No DOM, no state: unit-tested in node.
import { FAULT_LIMITS } from '../mocks/fault-limits'
import type { AuthType, Fault } from '../platform/engine-api'

// ---- Response bodies -------------------------------------------------------------------------

/** Bodies longer than this are cut for display (the full body stays in the exchange). */
export const BODY_DISPLAY_LIMIT = 100_000
/** Bodies longer than this are not parsed for pretty-printing. */
const PRETTY_PARSE_LIMIT = 2_000_000

export interface PrettyBody {
  text: string
  /** The body parsed as JSON and was re-indented. */
  json: boolean
  /** How many characters were cut off for display (0 when none). */
  truncated: number
}

/** Whether a content type says JSON (`application/json`, `application/problem+json`, …). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || type.endsWith('+json') || type === 'text/json'
}

/**
 * A body for display: indented when it is JSON (by its content type, or by its look when there is
 * no content type), otherwise as it came; cut to `limit` characters. A body that claims to be
 * JSON but does not parse (a malformed-body fault) is shown as it came, so the learner sees why.
 */
export function prettyBody(
  body: string,
  contentType?: string,
  limit = BODY_DISPLAY_LIMIT,
): PrettyBody {
  let text = body
  let json = false
  const looksJson = /^\s*[[{]/.test(body)
  if (
    body.length <= PRETTY_PARSE_LIMIT &&
    (isJsonContentType(contentType) || (!contentType && looksJson))
  ) {
    try {
      text = JSON.stringify(JSON.parse(body) as unknown, null, 2)
      json = true
    } catch {
      text = body
    }
  }
  if (text.length > limit) {
    return { text: text.slice(0, limit), json, truncated: text.length - limit }
  }
  return { text, json, truncated: 0 }
}

/** A header's value by name, ignoring case. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value
  }
  return undefined
}

// ---- Status codes ----------------------------------------------------------------------------

export type StatusClass = 'ok' | 'redirect' | 'client-error' | 'server-error' | 'none'

/** The colour class of an HTTP status: 2xx ok, 3xx redirect, 4xx/5xx errors, anything else none. */
export function statusClass(status: number | undefined): StatusClass {
  if (status === undefined || !Number.isInteger(status)) return 'none'
  if (status >= 200 && status < 300) return 'ok'
  if (status >= 300 && status < 400) return 'redirect'
  if (status >= 400 && status < 500) return 'client-error'
  if (status >= 500 && status < 600) return 'server-error'
  return 'none'
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** "404 Not Found": the status with the text the response gave, or the standard one. */
export function statusLine(status: number, statusText?: string): string {
  const text = statusText?.trim() || STATUS_TEXT[status] || ''
  return text ? `${status} ${text}` : String(status)
}

// ---- Headers ---------------------------------------------------------------------------------

export interface HeaderRow {
  key: string
  value: string
}

/** An HTTP header name (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

export function isValidHeaderName(name: string): boolean {
  return TOKEN.test(name)
}

/**
 * Header rows to a record: keys trimmed, rows with an empty key dropped; when a name repeats
 * (ignoring case) the last row wins, with its spelling, in the place of the first.
 */
export function rowsToHeaders(rows: readonly HeaderRow[]): Record<string, string> {
  const byName = new Map<string, { key: string; value: string }>()
  for (const row of rows) {
    const key = row.key.trim()
    if (key === '') continue
    byName.set(key.toLowerCase(), { key, value: row.value })
  }
  const headers: Record<string, string> = {}
  for (const { key, value } of byName.values()) headers[key] = value
  return headers
}

export function headersToRows(headers: Record<string, string>): HeaderRow[] {
  return Object.entries(headers).map(([key, value]) => ({ key, value }))
}

/** The names among the rows that are not valid header names (empty keys are ignored). */
export function invalidHeaderNames(rows: readonly HeaderRow[]): string[] {
  return rows.map((r) => r.key.trim()).filter((key) => key !== '' && !isValidHeaderName(key))
}

/** The `{{connection.key}}` placeholders used in some texts, each key once, in order. */
export function placeholderKeys(...texts: string[]): string[] {
  const keys = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(/\{\{\s*connection\.([A-Za-z0-9_.-]+)\s*\}\}/g)) {
      if (match[1]) keys.add(match[1])
    }
  }
  return [...keys]
}

/** Methods the console sends a body with. */
export function methodHasBody(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(method.toUpperCase())
}

/** The path and query of a URL, for compact lists (the text itself when it is not a URL). */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.host}${parsed.pathname}${parsed.search}`
  } catch {
    return url
  }
}

// ---- Time ------------------------------------------------------------------------------------

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** How far the virtual clock runs ahead, in whole minutes: "+1 d 2 h 5 min", "+0 min". */
export function describeOffset(ms: number): string {
  if (!Number.isFinite(ms)) return '+0 min'
  const sign = ms < 0 ? '−' : '+'
  let rest = Math.round(Math.abs(ms) / MINUTE) * MINUTE
  const parts: string[] = []
  for (const [size, unit] of [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'min'],
  ] as const) {
    const count = Math.floor(rest / size)
    rest -= count * size
    if (count > 0) parts.push(`${count} ${unit}`)
  }
  return `${sign}${parts.length > 0 ? parts.join(' ') : '0 min'}`
}

/** "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago" (and "in …" for the future). */
export function relativeTime(at: number, now: number): string {
  const diff = now - at
  const abs = Math.abs(diff)
  if (abs < 5_000) return 'just now'
  const amount =
    abs < MINUTE
      ? `${Math.floor(abs / 1000)} s`
      : abs < HOUR
        ? `${Math.floor(abs / MINUTE)} min`
        : abs < DAY
          ? `${Math.floor(abs / HOUR)} h`
          : `${Math.floor(abs / DAY)} d`
  return diff >= 0 ? `${amount} ago` : `in ${amount}`
}

/** "38 ms", "1.25 s", "12.5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const seconds = ms / 1000
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`
}

// ---- Faults ----------------------------------------------------------------------------------

/** The worker's limits (src/mocks/faults.ts); repeated so the page bundle need not load msw. */
export { FAULT_LIMITS }

export type FaultKind = Fault['kind']

export const FAULT_KINDS: readonly { kind: FaultKind; label: string; help: string }[] = [
  {
    kind: 'rateLimit',
    label: '429 rate limit',
    help: 'Answers 429 Too Many Requests with a Retry-After header, as an API under load does.',
  },
  {
    kind: 'serverError',
    label: 'Server error',
    help: 'Answers with a 5xx status, as an API having an outage does.',
  },
  {
    kind: 'latency',
    label: 'Added latency',
    help: 'Waits before answering; it adds to whatever else answers.',
  },
  {
    kind: 'malformedBody',
    label: 'Malformed body',
    help: 'Answers 200 with JSON cut off in the middle, as a dropped connection delivers.',
  },
]

/** What the fault forms hold (text from inputs, checked on Arm). */
export interface FaultDraft {
  kind: FaultKind
  retryAfterSeconds: string
  status: string
  latencyMs: string
  untilOff: boolean
  times: string
}

export const DEFAULT_FAULT_DRAFT: Omit<FaultDraft, 'kind'> = {
  retryAfterSeconds: '30',
  status: '503',
  latencyMs: '2000',
  untilOff: false,
  times: '1',
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim()
  if (!/^\d+$/.test(trimmed)) return undefined
  const value = Number(trimmed)
  return value >= min && value <= max ? value : undefined
}

/** A fault from a form, or what is wrong with the form. */
export function faultFromDraft(draft: FaultDraft): { fault: Fault } | { error: string } {
  let times: { times?: number } = {}
  if (!draft.untilOff) {
    const count = wholeNumber(draft.times, 1, FAULT_LIMITS.times)
    if (count === undefined) {
      return {
        error: `The number of requests must be a whole number from 1 to ${FAULT_LIMITS.times}.`,
      }
    }
    times = { times: count }
  }
  switch (draft.kind) {
    case 'rateLimit': {
      const seconds = wholeNumber(draft.retryAfterSeconds, 0, FAULT_LIMITS.retryAfterSeconds)
      if (seconds === undefined) {
        return {
          error: `Retry-After must be a whole number of seconds from 0 to ${FAULT_LIMITS.retryAfterSeconds}.`,
        }
      }
      return { fault: { kind: 'rateLimit', retryAfterSeconds: seconds, ...times } }
    }
    case 'serverError': {
      const status = Number(draft.status)
      if (status !== 500 && status !== 502 && status !== 503 && status !== 504) {
        return { error: 'The status must be 500, 502, 503 or 504.' }
      }
      return { fault: { kind: 'serverError', status, ...times } }
    }
    case 'latency': {
      const ms = wholeNumber(draft.latencyMs, 1, FAULT_LIMITS.latencyMs)
      if (ms === undefined) {
        return {
          error: `The latency must be a whole number of milliseconds from 1 to ${FAULT_LIMITS.latencyMs}.`,
        }
      }
      return { fault: { kind: 'latency', ms, ...times } }
    }
    case 'malformedBody':
      return { fault: { kind: 'malformedBody', ...times } }
  }
}

/** A fault in words: "429 rate limit (Retry-After 30 s) — next 2 requests". */
export function describeFault(fault: Fault): string {
  const what =
    fault.kind === 'rateLimit'
      ? `429 rate limit (Retry-After ${fault.retryAfterSeconds} s)`
      : fault.kind === 'serverError'
        ? statusLine(fault.status)
        : fault.kind === 'latency'
          ? `${fault.ms.toLocaleString('en')} ms added latency`
          : 'Malformed body (truncated JSON)'
  const when =
    fault.times === undefined
      ? 'until turned off'
      : fault.times === 1
        ? 'next request'
        : `next ${fault.times} requests`
  return `${what} — ${when}`
}

// ---- Services --------------------------------------------------------------------------------

export type AuthStyle = 'basic' | 'oauth2' | 'apiKey'

export function describeAuthStyle(style: AuthStyle): string {
  switch (style) {
    case 'basic':
      return 'Basic authentication (username and password on every request)'
    case 'oauth2':
      return 'OAuth 2.0 (short-lived access tokens, refreshed with a refresh token)'
    case 'apiKey':
      return 'API key (sent in a header on every request)'
  }
}

/** A connection's auth type in words, for the console's connection list. */
export function describeAuthType(type: AuthType): string {
  switch (type) {
    case 'basic':
      return 'Basic'
    case 'oauth2AuthorizationCode':
      return 'OAuth 2.0, authorization code'
    case 'oauth2ClientCredentials':
      return 'OAuth 2.0, client credentials'
    case 'custom':
      return 'Custom'
  }
}

/** What "Revoke credentials" does to a service, said for the confirm dialog. */
export function describeRevoke(style: AuthStyle): string {
  switch (style) {
    case 'basic':
      return "Rotates every account's password. Connections that use the old password get 401 until you reauthorize them with the new password shown on this page."
    case 'oauth2':
      return 'Revokes every OAuth grant: access and refresh tokens stop working, so the platform cannot refresh them. Connections get 401 until you reauthorize them.'
    case 'apiKey':
      return "Rotates every account's API key. Connections that use the old key get 401 until you reauthorize them with the new key shown on this page."
  }
}

// ---- Console presets -------------------------------------------------------------------------

export interface ConsolePreset {
  id: string
  /** The mock service it talks to (MockServiceState.id). */
  serviceId: string
  label: string
  method: string
  url: string
  headers: HeaderRow[]
  body?: string
}

const TICKETY = 'https://{{connection.subdomain}}.tickets.example/api/v1'
const TICKETY_KEY: HeaderRow = { key: 'X-Api-Key', value: '{{connection.api_key}}' }
const JSON_BODY: HeaderRow = { key: 'Content-Type', value: 'application/json' }
const json = (value: unknown) => JSON.stringify(value, null, 2)

export const CONSOLE_PRESETS: readonly ConsolePreset[] = [
  {
    id: 'hr-me',
    serviceId: 'hr',
    label: 'Acme HR — GET /me (who am I)',
    method: 'GET',
    url: 'https://hr.example/api/v1/me',
    headers: [],
  },
  {
    id: 'hr-users',
    serviceId: 'hr',
    label: 'Acme HR — GET /users',
    method: 'GET',
    url: 'https://hr.example/api/v1/users?offset=0&limit=5',
    headers: [],
  },
  {
    id: 'hr-groups',
    serviceId: 'hr',
    label: 'Acme HR — GET /groups',
    method: 'GET',
    url: 'https://hr.example/api/v1/groups',
    headers: [],
  },
  {
    id: 'hr-create-user',
    serviceId: 'hr',
    label: 'Acme HR — POST /users',
    method: 'POST',
    url: 'https://hr.example/api/v1/users',
    headers: [JSON_BODY],
    body: json({
      email: 'sam.rivera@acme.example',
      firstName: 'Sam',
      lastName: 'Rivera',
      department: 'Engineering',
    }),
  },
  {
    id: 'files-me',
    serviceId: 'files',
    label: 'Nimbus Files — GET /api/v2/me',
    method: 'GET',
    url: 'https://files.example/api/v2/me',
    headers: [],
  },
  {
    id: 'files-list',
    serviceId: 'files',
    label: 'Nimbus Files — GET /api/v2/files',
    method: 'GET',
    url: 'https://files.example/api/v2/files?limit=10',
    headers: [],
  },
  {
    id: 'files-folders',
    serviceId: 'files',
    label: 'Nimbus Files — GET /api/v2/folders',
    method: 'GET',
    url: 'https://files.example/api/v2/folders',
    headers: [],
  },
  {
    id: 'tickets-list',
    serviceId: 'tickets',
    label: 'Tickety — GET /api/v1/tickets',
    method: 'GET',
    url: `${TICKETY}/tickets`,
    headers: [TICKETY_KEY],
  },
  {
    id: 'tickets-account',
    serviceId: 'tickets',
    label: 'Tickety — GET /api/v1/account',
    method: 'GET',
    url: `${TICKETY}/account`,
    headers: [TICKETY_KEY],
  },
  {
    id: 'tickets-create',
    serviceId: 'tickets',
    label: 'Tickety — POST /api/v1/tickets',
    method: 'POST',
    url: `${TICKETY}/tickets`,
    headers: [TICKETY_KEY, JSON_BODY],
    body: json({
      subject: 'The printer on floor 3 is jammed',
      description: 'It shows error E-42 and will not print.',
      requester_email: 'sam.rivera@acme.example',
      priority: 'high',
    }),
  },
]
