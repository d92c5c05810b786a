// Encryption and JWT function cards, on Web Crypto (globalThis.crypto.subtle, which workers and
// node 20 both have). Text is UTF-8; keys are text (HMAC secrets) or PEM (RSA/EC keys).
// Not modelled: MD5 (Web Crypto has none) and the cipher cards (Encrypt, Decrypt, AES, Sign).
import type { CardFieldSpec } from '../../definition'
import { FlowError } from '../errors'
import { isPlainObject, toObject, toText, type PlainObject } from '../values'
import type { Card } from './card'
import { optionalNumber } from './number'

const HASHES: Record<string, string> = {
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
}
const ENCODINGS = ['hex', 'base64', 'base64url'] as const
type Encoding = (typeof ENCODINGS)[number]

function subtle(): SubtleCrypto {
  const found = (globalThis as { crypto?: Crypto }).crypto?.subtle
  if (!found) throw new FlowError('Web Crypto is not available in this environment', 500)
  return found
}

/** "SHA-256", "sha256", "HmacSHA256" … → the Web Crypto name. */
function toHash(value: unknown, input: string, fallback: string): string {
  const given =
    value === undefined || value === null || value === '' ? fallback : toText(value, input)
  const key = given
    .toLowerCase()
    .replace(/^hmac/, '')
    .replace(/[^a-z0-9]/g, '')
  const hash = HASHES[key]
  if (!hash) {
    throw new FlowError(
      `Input "${input}" must be one of sha1, sha256, sha384, sha512, got "${given}"${key === 'md5' ? ' (MD5 is not available in Web Crypto)' : ''}`,
    )
  }
  return hash
}

function toEncoding(value: unknown): Encoding {
  const given =
    value === undefined || value === null || value === '' ? 'hex' : toText(value, 'encoding')
  const encoding = given.toLowerCase() as Encoding
  if (!ENCODINGS.includes(encoding)) {
    throw new FlowError(`Input "encoding" must be hex, base64 or base64url, got "${given}"`)
  }
  return encoding
}

const utf8 = (text: string) => new TextEncoder().encode(text)

function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function base64url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64url(text: string, what: string): Uint8Array<ArrayBuffer> {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/')
  try {
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
      c.charCodeAt(0),
    )
  } catch {
    throw new FlowError(`${what} is not valid base64url`)
  }
}

function encode(buffer: ArrayBuffer, encoding: Encoding): string {
  const bytes = new Uint8Array(buffer)
  if (encoding === 'hex') return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return encoding === 'base64' ? bytesToBase64(bytes) : base64url(bytes)
}

export async function hmac(
  text: string,
  key: string,
  hash: string,
  encoding: Encoding = 'hex',
): Promise<string> {
  if (key === '') throw new FlowError('Input "key" is empty; HMAC needs a secret key')
  const imported = await subtle().importKey('raw', utf8(key), { name: 'HMAC', hash }, false, [
    'sign',
  ])
  return encode(await subtle().sign('HMAC', imported, utf8(text)), encoding)
}

export async function digest(text: string, hash: string, encoding: Encoding = 'hex') {
  return encode(await subtle().digest(hash, utf8(text)), encoding)
}

// ─── JWT ──────────────────────────────────────────────────────────────────────────────────────

const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384']

interface JwtAlgorithm {
  family: 'HS' | 'RS' | 'ES'
  hash: string
}

function jwtAlgorithm(value: unknown, input: string): JwtAlgorithm & { name: string } {
  const name =
    value === undefined || value === null || value === ''
      ? 'HS256'
      : toText(value, input).toUpperCase()
  if (!JWT_ALGORITHMS.includes(name)) {
    throw new FlowError(
      `Input "${input}" must be one of ${JWT_ALGORITHMS.join(', ')}, got "${name}"`,
    )
  }
  return { name, family: name.slice(0, 2) as JwtAlgorithm['family'], hash: `SHA-${name.slice(2)}` }
}

function pemBytes(pem: string, kind: 'PRIVATE' | 'PUBLIC'): Uint8Array<ArrayBuffer> {
  const match = new RegExp(`-----BEGIN ${kind} KEY-----([\\s\\S]+?)-----END ${kind} KEY-----`).exec(
    pem,
  )
  if (!match?.[1]) {
    throw new FlowError(
      `Input "key" must be a PEM ${kind === 'PRIVATE' ? 'PKCS#8 private' : 'SPKI public'} key ("-----BEGIN ${kind} KEY-----")`,
    )
  }
  try {
    return Uint8Array.from(atob(match[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0))
  } catch {
    throw new FlowError('Input "key" holds a PEM block that is not valid Base64')
  }
}

async function jwtKey(algorithm: JwtAlgorithm, key: string, use: 'sign' | 'verify') {
  if (key === '') throw new FlowError('Input "key" is empty')
  try {
    if (algorithm.family === 'HS') {
      return await subtle().importKey(
        'raw',
        utf8(key),
        { name: 'HMAC', hash: algorithm.hash },
        false,
        [use],
      )
    }
    const format = use === 'sign' ? 'pkcs8' : 'spki'
    const bytes = pemBytes(key, use === 'sign' ? 'PRIVATE' : 'PUBLIC')
    const params =
      algorithm.family === 'RS'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: algorithm.hash }
        : { name: 'ECDSA', namedCurve: algorithm.hash === 'SHA-256' ? 'P-256' : 'P-384' }
    return await subtle().importKey(format, bytes, params, false, [use])
  } catch (error) {
    if (error instanceof FlowError) throw error
    throw new FlowError(
      `Input "key" is not a usable key for ${algorithm.family}${algorithm.hash.slice(4)}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

function signParams(algorithm: JwtAlgorithm): AlgorithmIdentifier | EcdsaParams {
  if (algorithm.family === 'HS') return 'HMAC'
  if (algorithm.family === 'RS') return 'RSASSA-PKCS1-v1_5'
  return { name: 'ECDSA', hash: algorithm.hash }
}

function decodeJwt(token: string): {
  header: PlainObject
  payload: PlainObject
  signature: string
  signed: string
} {
  const parts = token.trim().split('.')
  if (parts.length !== 3) {
    throw new FlowError('Input "token" is not a JWT (three base64url parts separated by dots)')
  }
  const [header = '', payload = '', signature = ''] = parts
  const json = (part: string, what: string): PlainObject => {
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder().decode(fromBase64url(part, `The JWT ${what}`)))
    } catch (error) {
      if (error instanceof FlowError) throw error
      throw new FlowError(`The JWT ${what} is not JSON`)
    }
    if (!isPlainObject(parsed)) throw new FlowError(`The JWT ${what} is not a JSON object`)
    return parsed
  }
  return {
    header: json(header, 'header'),
    payload: json(payload, 'payload'),
    signature,
    signed: `${header}.${payload}`,
  }
}

const textIn = (key: string, help?: string): CardFieldSpec => ({
  key,
  type: 'text',
  required: true,
  ...(help ? { help } : {}),
})
const encodingIn: CardFieldSpec = {
  key: 'encoding',
  type: 'text',
  help: 'hex (the default), base64 or base64url.',
}

export const cryptoCards: Card[] = [
  {
    id: 'crypto.hmac',
    name: 'HMAC',
    category: 'Encryption',
    oktaKey: 'crypto:hmac',
    help: 'The HMAC of a text with a secret key (both UTF-8), e.g. to sign a webhook: algorithm sha1, sha256 (the default), sha384 or sha512; encoded as hex (the default), base64 or base64url.',
    pure: true,
    inputs: [
      textIn('text'),
      textIn('key', 'The secret key, as text.'),
      { key: 'algorithm', type: 'text', help: 'sha1, sha256 (default), sha384 or sha512.' },
      encodingIn,
    ],
    outputs: [{ key: 'output', type: 'text' }],
    run: async (inputs) => ({
      outputs: {
        output: await hmac(
          toText(inputs.text, 'text'),
          toText(inputs.key, 'key'),
          toHash(inputs.algorithm, 'algorithm', 'sha256'),
          toEncoding(inputs.encoding),
        ),
      },
    }),
  },
  {
    id: 'crypto.hash',
    name: 'Hash',
    category: 'Encryption',
    oktaKey: 'crypto:hash',
    help: 'The hash (digest) of a text (UTF-8): algorithm sha1, sha256 (the default), sha384 or sha512; encoded as hex (the default), base64 or base64url.',
    pure: true,
    inputs: [
      textIn('text'),
      { key: 'algorithm', type: 'text', help: 'sha1, sha256 (default), sha384 or sha512.' },
      encodingIn,
    ],
    outputs: [{ key: 'output', type: 'text' }],
    run: async (inputs) => ({
      outputs: {
        output: await digest(
          toText(inputs.text, 'text'),
          toHash(inputs.algorithm, 'algorithm', 'sha256'),
          toEncoding(inputs.encoding),
        ),
      },
    }),
  },
  {
    id: 'crypto.sha1',
    name: 'SHA1',
    category: 'Encryption',
    oktaKey: 'crypto:sha1',
    help: 'The SHA-1 hash of a text (UTF-8), as hex.',
    pure: true,
    inputs: [textIn('text')],
    outputs: [{ key: 'output', type: 'text' }],
    run: async (inputs) => ({
      outputs: { output: await digest(toText(inputs.text, 'text'), 'SHA-1') },
    }),
  },
  {
    id: 'crypto.sha256',
    name: 'SHA256',
    category: 'Encryption',
    oktaKey: 'crypto:sha256',
    help: 'The SHA-256 hash of a text (UTF-8), as hex.',
    pure: true,
    inputs: [textIn('text')],
    outputs: [{ key: 'output', type: 'text' }],
    run: async (inputs) => ({
      outputs: { output: await digest(toText(inputs.text, 'text'), 'SHA-256') },
    }),
  },
  {
    id: 'jwt.sign',
    name: 'Sign',
    category: 'JWT',
    oktaKey: 'jwt:sign',
    help: `Encodes and signs a JSON Web Token. algorithm: ${JWT_ALGORITHMS.join(', ')} (HS256 by default). HS* take a secret as text; RS*/ES* a PEM PKCS#8 private key ("-----BEGIN PRIVATE KEY-----"). The claim iat is set to now, and exp to now + expiresIn seconds when given. header adds header fields such as kid.`,
    inputs: [
      { key: 'payload', type: 'object', required: true, help: 'The claims.' },
      textIn('key', 'The secret (HS*) or PEM private key (RS*, ES*).'),
      { key: 'algorithm', type: 'text', help: 'HS256 when empty.' },
      { key: 'expiresIn', type: 'number', help: 'Seconds until the token expires.' },
      { key: 'header', type: 'object', help: 'Extra header fields (alg and typ are set).' },
    ],
    outputs: [{ key: 'output', type: 'text' }],
    async run(inputs, context) {
      const algorithm = jwtAlgorithm(inputs.algorithm, 'algorithm')
      const now = Math.floor(context.ports.now() / 1000)
      const payload: PlainObject = { iat: now, ...toObject(inputs.payload, 'payload') }
      const expiresIn = optionalNumber(inputs.expiresIn, 'expiresIn', Number.NaN)
      if (!Number.isNaN(expiresIn)) payload.exp = now + Math.floor(expiresIn)
      const header = { ...toObject(inputs.header, 'header'), alg: algorithm.name, typ: 'JWT' }
      const signed = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(payload)))}`
      const key = await jwtKey(algorithm, toText(inputs.key, 'key'), 'sign')
      const signature = await subtle().sign(signParams(algorithm), key, utf8(signed))
      return { outputs: { output: `${signed}.${base64url(new Uint8Array(signature))}` } }
    },
  },
  {
    id: 'jwt.decode',
    name: 'Decode',
    category: 'JWT',
    oktaKey: 'jwt:decode',
    help: 'Reads the header and payload of a JSON Web Token WITHOUT checking its signature (use Verify for that).',
    pure: true,
    inputs: [textIn('token')],
    outputs: [
      { key: 'header', type: 'object' },
      { key: 'payload', type: 'object' },
    ],
    run(inputs) {
      const { header, payload } = decodeJwt(toText(inputs.token, 'token'))
      return { outputs: { header, payload } }
    },
  },
  {
    id: 'jwt.verify',
    name: 'Verify',
    category: 'JWT',
    oktaKey: 'jwt:verify',
    help: `Checks a JSON Web Token's signature with the expected algorithm (${JWT_ALGORITHMS.join(', ')}; HS256 by default — the token's own "alg" must match it, and "none" is never accepted), and its exp and nbf claims against the run's clock; then returns header and payload. HS* take the secret as text, RS*/ES* a PEM SPKI public key. A failed check is a 401 error.`,
    inputs: [
      textIn('token'),
      textIn('key', 'The secret (HS*) or PEM public key (RS*, ES*).'),
      { key: 'algorithm', type: 'text', help: 'HS256 when empty.' },
    ],
    outputs: [
      { key: 'header', type: 'object' },
      { key: 'payload', type: 'object' },
    ],
    async run(inputs, context) {
      const algorithm = jwtAlgorithm(inputs.algorithm, 'algorithm')
      const { header, payload, signature, signed } = decodeJwt(toText(inputs.token, 'token'))
      if (header.alg !== algorithm.name) {
        throw new FlowError(
          `The JWT is signed with ${JSON.stringify(header.alg)}, not the expected ${algorithm.name}`,
          401,
        )
      }
      const key = await jwtKey(algorithm, toText(inputs.key, 'key'), 'verify')
      const valid = await subtle().verify(
        signParams(algorithm),
        key,
        fromBase64url(signature, 'The JWT signature'),
        utf8(signed),
      )
      if (!valid) throw new FlowError('The JWT signature is not valid', 401)
      const now = context.ports.now() / 1000
      if (typeof payload.exp === 'number' && now >= payload.exp) {
        throw new FlowError(`The JWT expired at ${new Date(payload.exp * 1000).toISOString()}`, 401)
      }
      if (typeof payload.nbf === 'number' && now < payload.nbf) {
        throw new FlowError(
          `The JWT is not valid before ${new Date(payload.nbf * 1000).toISOString()}`,
          401,
        )
      }
      return { outputs: { header, payload } }
    },
  },
]
