// Covers the Encryption and JWT cards against known test vectors, and JWT round trips with
// generated RSA and EC keys.
import { describe, expect, test } from 'vitest'
import { cardContext, cardFailure, runCard } from './test-support'

const NOW = Date.UTC(2024, 2, 5, 10)

const context = cardContext({ ports: { now: () => NOW } })

const FOX = 'The quick brown fox jumps over the lazy dog'

describe('hashes and HMAC', () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      'crypto.sha256',
      { text: 'abc' },
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
    ['crypto.sha1', { text: 'abc' }, 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    [
      'crypto.hash',
      { text: 'abc' },
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ],
    [
      'crypto.hash',
      { text: 'abc', algorithm: 'SHA-256', encoding: 'base64' },
      'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=',
    ],
    [
      'crypto.hash',
      { text: 'abc', algorithm: 'sha256', encoding: 'base64url' },
      'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    ],
    ['crypto.hash', { text: '', algorithm: 'sha1' }, 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    [
      'crypto.hmac',
      { text: FOX, key: 'key' },
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    ],
    [
      'crypto.hmac',
      { text: FOX, key: 'key', algorithm: 'sha1' },
      'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9',
    ],
    [
      'crypto.hmac',
      { text: FOX, key: 'key', algorithm: 'HmacSHA512' },
      'b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a',
    ],
    [
      'crypto.hmac',
      { text: FOX, key: 'key', encoding: 'base64' },
      '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=',
    ],
  ])('%s(%j) = %s', async (id, inputs, expected) => {
    expect(await runCard(id, inputs, context)).toEqual({ output: expected })
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['crypto.hash', { text: 'a', algorithm: 'md5' }, /MD5 is not available in Web Crypto/],
    [
      'crypto.hash',
      { text: 'a', algorithm: 'sha3' },
      /Input "algorithm" must be one of sha1, sha256, sha384, sha512/,
    ],
    [
      'crypto.hash',
      { text: 'a', encoding: 'binary' },
      /Input "encoding" must be hex, base64 or base64url/,
    ],
    ['crypto.hmac', { text: 'a', key: '' }, /HMAC needs a secret key/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs, context)).message).toMatch(message)
  })
})

// The example token from jwt.io, signed with HS256 and the secret "your-256-bit-secret".
const JWT_IO =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'

async function pemPair(algorithm: RsaHashedKeyGenParams | EcKeyGenParams) {
  const pair = (await crypto.subtle.generateKey(algorithm, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const pem = async (format: 'pkcs8' | 'spki', key: CryptoKey, label: string) => {
    const der = Buffer.from(await crypto.subtle.exportKey(format, key)).toString('base64')
    return `-----BEGIN ${label} KEY-----\n${der.replace(/(.{64})/g, '$1\n')}\n-----END ${label} KEY-----\n`
  }
  return {
    privateKey: await pem('pkcs8', pair.privateKey, 'PRIVATE'),
    publicKey: await pem('spki', pair.publicKey, 'PUBLIC'),
  }
}

describe('JWT', () => {
  test('Decode reads a token without checking it; Verify checks the jwt.io example', async () => {
    const decoded = await runCard('jwt.decode', { token: JWT_IO }, context)
    expect(decoded).toEqual({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { sub: '1234567890', name: 'John Doe', iat: 1516239022 },
    })
    expect(
      await runCard('jwt.verify', { token: JWT_IO, key: 'your-256-bit-secret' }, context),
    ).toEqual(decoded)
    const wrong = await cardFailure('jwt.verify', { token: JWT_IO, key: 'another secret' }, context)
    expect([wrong.code, wrong.message]).toEqual([401, 'The JWT signature is not valid'])
  })

  test('Sign (HS256) sets iat and exp from the clock, and Verify checks expiry', async () => {
    const { output: token } = await runCard(
      'jwt.sign',
      {
        payload: { sub: 'u1' },
        key: 'secret',
        expiresIn: 60,
        header: { kid: 'k1' },
      },
      context,
    )
    const { header, payload } = await runCard('jwt.decode', { token }, context)
    expect(header).toEqual({ kid: 'k1', alg: 'HS256', typ: 'JWT' })
    expect(payload).toEqual({ iat: NOW / 1000, sub: 'u1', exp: NOW / 1000 + 60 })
    expect((await runCard('jwt.verify', { token, key: 'secret' }, context)).payload).toEqual(
      payload,
    )
    const late = await cardFailure(
      'jwt.verify',
      { token, key: 'secret' },
      cardContext({ ports: { now: () => NOW + 61_000 } }),
    )
    expect([late.code, late.message]).toEqual([401, 'The JWT expired at 2024-03-05T10:01:00.000Z'])
  })

  test.each<[string, RsaHashedKeyGenParams | EcKeyGenParams]>([
    [
      'RS256',
      {
        name: 'RSASSA-PKCS1-v1_5',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
        hash: 'SHA-256',
      },
    ],
    ['ES256', { name: 'ECDSA', namedCurve: 'P-256' }],
  ])('Sign and Verify with %s and PEM keys', async (algorithm, params) => {
    const { privateKey, publicKey } = await pemPair(params)
    const { output: token } = await runCard(
      'jwt.sign',
      {
        payload: { sub: 'u1' },
        key: privateKey,
        algorithm,
      },
      context,
    )
    expect(
      (await runCard('jwt.verify', { token, key: publicKey, algorithm }, context)).header,
    ).toEqual({
      alg: algorithm,
      typ: 'JWT',
    })
    const other = await pemPair(params)
    expect(
      (await cardFailure('jwt.verify', { token, key: other.publicKey, algorithm }, context)).code,
    ).toBe(401)
  })

  test('Verify refuses a token whose alg differs from the expected one, including "none"', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`
    const error = await cardFailure('jwt.verify', { token: none, key: 'secret' }, context)
    expect([error.code, error.message]).toEqual([
      401,
      'The JWT is signed with "none", not the expected HS256',
    ])
    expect(
      (await cardFailure('jwt.verify', { token: JWT_IO, key: 'k', algorithm: 'RS256' }, context))
        .message,
    ).toMatch(/signed with "HS256", not the expected RS256/)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['jwt.decode', { token: 'a.b' }, /is not a JWT/],
    ['jwt.decode', { token: 'e30.!!!.x' }, /The JWT payload is not valid base64url|not JSON/],
    [
      'jwt.decode',
      { token: `${Buffer.from('[1]').toString('base64url')}.e30.x` },
      /The JWT header is not a JSON object/,
    ],
    [
      'jwt.sign',
      { payload: {}, key: 'k', algorithm: 'PS256' },
      /Input "algorithm" must be one of HS256/,
    ],
    ['jwt.sign', { payload: {}, key: 'not a pem', algorithm: 'RS256' }, /PEM PKCS#8 private key/],
    ['jwt.sign', { payload: [], key: 'k' }, /Input "payload" must be an Object/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs, context)).message).toMatch(message)
  })
})
