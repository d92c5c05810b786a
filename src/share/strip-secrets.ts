// Removes secret values from project files before they leave the device (share links, exports).
// Connection secrets are never in project files; this catches secrets a builder typed into a
// definition by mistake: literal values under secret-named keys, and credential-looking strings.
import type { ProjectFiles } from '../definition'

export interface StrippedSecret {
  file: string
  /** JSON pointer of the removed value. */
  pointer: string
}

const SECRET_KEY =
  /^(password|passwd|secret|client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|api_key|apiKey|x-api-key|authorization|cookie|token)$/i
const SECRET_VALUE =
  /^(Bearer\s+\S{8,}|Basic\s+[A-Za-z0-9+/=]{8,}|sk_live_\S+|ghp_\S+|xox[abpr]-\S+|AKIA[0-9A-Z]{16})$/

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1')

/** Copies a key as data: a key named __proto__ must not become the copy's prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** True for a value that is a reference or empty: safe to keep under a secret-named key. */
function isHarmless(value: unknown): boolean {
  return (
    value === '' ||
    value === null ||
    typeof value === 'boolean' ||
    (typeof value === 'string' && /^=[A-Za-z_]/.test(value))
  )
}

function stripValue(value: unknown, pointer: string, found: string[]): unknown {
  if (typeof value === 'string') {
    if (SECRET_VALUE.test(value.trim())) {
      found.push(pointer)
      return ''
    }
    return value
  }
  if (Array.isArray(value))
    return value.map((item, i) => stripValue(item, `${pointer}/${i}`, found))
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const isPasswordConfig = record.type === 'password' && 'value' in record
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(record)) {
      const at = `${pointer}/${escapePointer(key)}`
      if (
        (SECRET_KEY.test(key) && typeof inner === 'string' && !isHarmless(inner)) ||
        (isPasswordConfig && key === 'value' && !isHarmless(inner))
      ) {
        found.push(at)
        setOwn(out, key, '')
      } else {
        setOwn(out, key, stripValue(inner, at, found))
      }
    }
    return out
  }
  return value
}

export function stripSecrets(files: ProjectFiles): {
  files: ProjectFiles
  stripped: StrippedSecret[]
} {
  const out: ProjectFiles = {}
  const stripped: StrippedSecret[] = []
  for (const [file, text] of Object.entries(files)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      out[file] = text // a file with syntax errors is shared as typed, so nothing is lost
      continue
    }
    const found: string[] = []
    const cleaned = stripValue(parsed, '', found)
    if (found.length === 0) {
      out[file] = text
    } else {
      out[file] = JSON.stringify(cleaned, null, 2) + '\n'
      stripped.push(...found.map((pointer) => ({ file, pointer })))
    }
  }
  return { files: out, stripped }
}
