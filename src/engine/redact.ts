// Secret redaction for traces, history and logs. A value is hidden when it sits under a secret
// key or a credential header, or when it contains a known secret (or its Base64 form, as a Basic
// Authorization header carries it). Redaction copies; it never mutates the run's real data.
// The copy is also bounded — long lists and texts are cut, with a note of what was left out — so
// a trace stays small however large the data a run moves.
import { base64Encode } from './values'

export const REDACTED = '••••••'

const SECRET_KEYS =
  /^(password|passwd|secret|client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|id_token|api_key|apiKey|api-key|token|authorization|cookie|set-cookie|proxy-authorization|x-api-key|x-api-client-token)$/i

export interface Redactor {
  (value: unknown): unknown
}

/** How much of a value a trace keeps. */
export interface TraceBounds {
  /** Items kept from the start of a list; the rest is counted. */
  maxListItems: number
  /** Characters kept from the start of a text. */
  maxTextLength: number
}

export const DEFAULT_TRACE_BOUNDS: TraceBounds = { maxListItems: 100, maxTextLength: 10_000 }

/** Builds a redactor for these secret values (short values are ignored to avoid noise). */
export function createRedactor(
  secrets: Iterable<string>,
  bounds: TraceBounds = DEFAULT_TRACE_BOUNDS,
): Redactor {
  const needles = new Set<string>()
  for (const secret of secrets) {
    if (secret.length < 4) continue
    needles.add(secret)
    needles.add(base64Encode(secret))
  }
  const list = [...needles].sort((a, b) => b.length - a.length)

  const redactString = (text: string): string => {
    let out = text
    for (const needle of list) if (out.includes(needle)) out = out.split(needle).join(REDACTED)
    return out
  }

  const redact = (value: unknown, depth: number): unknown => {
    if (depth > 64) return '[too deep]'
    if (typeof value === 'string') {
      // Redact before cutting, so a secret across the cut cannot survive in part.
      const clean = redactString(value)
      return clean.length > bounds.maxTextLength
        ? `${clean.slice(0, bounds.maxTextLength)}… (${(clean.length - bounds.maxTextLength).toLocaleString('en-US')} more characters not kept in the trace)`
        : clean
    }
    if (Array.isArray(value)) {
      const kept = value.slice(0, bounds.maxListItems).map((item) => redact(item, depth + 1))
      const left = value.length - kept.length
      if (left > 0) kept.push(`… ${left.toLocaleString('en-US')} more items not kept in the trace`)
      return kept
    }
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {}
      for (const [key, inner] of Object.entries(value)) {
        // defineProperty: a key named __proto__ is copied as data, never as a prototype.
        Object.defineProperty(out, key, {
          value:
            SECRET_KEYS.test(key) && inner !== '' && inner !== null && inner !== undefined
              ? REDACTED
              : redact(inner, depth + 1),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return out
    }
    return value
  }
  return (value) => redact(value, 0)
}

/** The secret values of a connection's auth object, including derived Basic credentials. */
export function connectionSecrets(connection: Record<string, unknown> | undefined): string[] {
  if (!connection) return []
  const secrets: string[] = []
  for (const [key, value] of Object.entries(connection)) {
    if (typeof value === 'string' && SECRET_KEYS.test(key)) secrets.push(value)
  }
  const { username, password } = connection
  if (typeof username === 'string' && typeof password === 'string') {
    secrets.push(`${username}:${password}`)
  }
  return secrets
}
