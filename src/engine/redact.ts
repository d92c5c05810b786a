// Secret redaction for traces, history and logs. A value is hidden when it sits under a secret
// key or a credential header, or when it contains a known secret (or its Base64 form, as a Basic
// Authorization header carries it). Redaction copies; it never mutates the run's real data.
import { base64Encode } from './values'

export const REDACTED = '••••••'

const SECRET_KEYS =
  /^(password|passwd|secret|client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|id_token|api_key|apiKey|api-key|token|authorization|cookie|set-cookie|proxy-authorization|x-api-key|x-api-client-token)$/i

export interface Redactor {
  (value: unknown): unknown
}

/** Builds a redactor for these secret values (short values are ignored to avoid noise). */
export function createRedactor(secrets: Iterable<string>): Redactor {
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
    if (typeof value === 'string') return redactString(value)
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
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
