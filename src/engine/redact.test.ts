// Covers secret redaction for traces: by key, by value and its Base64 form, limits, and immutability.
import { describe, expect, test } from 'vitest'
import { REDACTED, connectionSecrets, createRedactor } from './redact'

describe('createRedactor', () => {
  test.each([
    'password',
    'Password',
    'passwd',
    'secret',
    'client_secret',
    'clientSecret',
    'access_token',
    'accessToken',
    'refresh_token',
    'id_token',
    'api_key',
    'apiKey',
    'api-key',
    'token',
    'Authorization',
    'cookie',
    'Set-Cookie',
    'Proxy-Authorization',
    'X-API-Key',
    'x-api-client-token',
  ])('a value under the key %j is redacted', (key) => {
    const redact = createRedactor([])
    expect(redact({ [key]: 'anything-at-all', other: 'anything-at-all' })).toEqual({
      [key]: REDACTED,
      other: 'anything-at-all',
    })
  })

  test.each(['passwordHint', 'user', 'tokens', 'my_password', 'authorized'])(
    'a value under the ordinary key %j is kept',
    (key) => {
      expect(createRedactor([])({ [key]: 'visible' })).toEqual({ [key]: 'visible' })
    },
  )

  test.each<[unknown]>([[''], [null], [undefined]])(
    'an empty secret-key value %j is kept as it is',
    (value) => {
      expect(createRedactor([])({ password: value })).toEqual({ password: value })
    },
  )

  test('a non-string value under a secret key is redacted as a whole', () => {
    expect(createRedactor([])({ token: { nested: 'x' }, password: 1234 })).toEqual({
      token: REDACTED,
      password: REDACTED,
    })
  })

  test.each<[unknown, unknown]>([
    ['hunter22', REDACTED],
    ['my password is hunter22!', `my password is ${REDACTED}!`],
    ['hunter22hunter22', `${REDACTED}${REDACTED}`],
    [btoa('hunter22'), REDACTED],
    [`Basic ${btoa('hunter22')}`, `Basic ${REDACTED}`],
    [
      ['a', 'x-hunter22-x'],
      ['a', `x-${REDACTED}-x`],
    ],
    [{ deep: { list: [{ msg: 'hunter22' }] } }, { deep: { list: [{ msg: REDACTED }] } }],
    ['HUNTER22', 'HUNTER22'],
    [42, 42],
    [true, true],
    [null, null],
  ])('by value: %j → %j', (value, expected) => {
    expect(createRedactor(['hunter22'])(value)).toEqual(expected)
  })

  test('the Base64 form of a UTF-8 secret is redacted', () => {
    const redact = createRedactor(['pässwörd'])
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode('pässwörd')))
    expect(redact(`Basic ${encoded}`)).toBe(`Basic ${REDACTED}`)
  })

  test('a longer secret is redacted before a shorter one it contains', () => {
    const redact = createRedactor(['play', 'demo:Acme-Demo-7431'])
    expect(redact('auth demo:Acme-Demo-7431')).toBe(`auth ${REDACTED}`)
    expect(redact('play time')).toBe(`${REDACTED} time`)
  })

  test.each(['', 'a', 'ab', 'abc'])(
    'a secret shorter than 4 characters (%j) is ignored',
    (secret) => {
      const text = 'abc and a and ab'
      expect(createRedactor([secret])(text)).toBe(text)
    },
  )

  test('a 4-character secret is redacted', () => {
    expect(createRedactor(['abcd'])('xabcdx')).toBe(`x${REDACTED}x`)
  })

  test('values nested deeper than 64 levels are cut off', () => {
    let deep: unknown = 'leaf'
    for (let i = 0; i < 100; i++) deep = { next: deep }
    let out = createRedactor([])(deep)
    let levels = 0
    while (out !== null && typeof out === 'object') {
      out = (out as { next: unknown }).next
      levels++
    }
    expect(out).toBe('[too deep]')
    expect(levels).toBe(65)
  })

  test('values at depth 64 are still redacted normally', () => {
    let deep: unknown = 'hunter22'
    for (let i = 0; i < 64; i++) deep = [deep]
    let out = createRedactor(['hunter22'])(deep)
    for (let i = 0; i < 64; i++) out = (out as unknown[])[0]
    expect(out).toBe(REDACTED)
  })

  test('does not mutate its input and returns a copy', () => {
    const input = {
      password: 'hunter22',
      list: ['hunter22', { token: 't' }],
      nested: { note: 'hunter22 here' },
    }
    const snapshot = structuredClone(input)
    const out = createRedactor(['hunter22'])(input) as typeof input
    expect(input).toEqual(snapshot)
    expect(out).not.toBe(input)
    expect(out.list).not.toBe(input.list)
    expect(out.nested).not.toBe(input.nested)
    expect(out).toEqual({
      password: REDACTED,
      list: [REDACTED, { token: REDACTED }],
      nested: { note: `${REDACTED} here` },
    })
  })
})

describe('hostile keys', () => {
  test("a key named __proto__ is copied as data, not as the copy's prototype", () => {
    const input = JSON.parse('{"__proto__": {"isAdmin": true}, "name": "x"}') as Record<
      string,
      unknown
    >
    const out = createRedactor([])(input) as Record<string, unknown>
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect(Object.keys(out)).toEqual(['__proto__', 'name'])
    expect((out as { isAdmin?: unknown }).isAdmin).toBeUndefined()
    expect(JSON.stringify(out)).toBe('{"__proto__":{"isAdmin":true},"name":"x"}')
  })
})

describe('connectionSecrets', () => {
  test.each<[Record<string, unknown> | undefined, string[]]>([
    [undefined, []],
    [{}, []],
    [{ username: 'demo', password: 'Acme-Demo-7431' }, ['Acme-Demo-7431', 'demo:Acme-Demo-7431']],
    [{ access_token: 'at-123', refresh_token: 'rt-456', scope: 'read' }, ['at-123', 'rt-456']],
    [{ apiKey: 'k', host: 'x' }, ['k']],
    [{ password: 42, username: 'demo' }, []],
    [{ username: 'demo' }, []],
  ])('connectionSecrets(%j) → %j', (connection, expected) => {
    expect(connectionSecrets(connection)).toEqual(expected)
  })

  test('redacting with a connection hides the password, the pair and its Base64 form', () => {
    const redact = createRedactor(
      connectionSecrets({ username: 'demo', password: 'Acme-Demo-7431' }),
    )
    const out = JSON.stringify(
      redact({
        note: 'signed in as demo with Acme-Demo-7431',
        header: `Basic ${btoa('demo:Acme-Demo-7431')}`,
        pair: 'demo:Acme-Demo-7431',
      }),
    )
    expect(out).not.toContain('Acme-Demo-7431')
    expect(out).not.toContain(btoa('demo:Acme-Demo-7431'))
    expect(out).toContain('signed in as demo with')
  })
})

describe('bounds', () => {
  test('a long list keeps its first items and says how many were left out', () => {
    const redact = createRedactor([], { maxListItems: 3, maxTextLength: 100 })
    expect(redact([1, 2, 3, 4, 5])).toEqual([1, 2, 3, '… 2 more items not kept in the trace'])
    expect(redact([1, 2, 3])).toEqual([1, 2, 3])
  })

  test('a long text is cut after redaction, with the count of characters left out', () => {
    const redact = createRedactor(['Acme-Demo-7431'], { maxListItems: 3, maxTextLength: 10 })
    const out = redact(`xxxxxxxAcme-Demo-7431${'y'.repeat(20)}`) as string
    expect(out).not.toContain('Acme')
    expect(out.startsWith('xxxxxxx•••')).toBe(true)
    expect(out).toMatch(/… \(\d+ more characters not kept in the trace\)$/)
  })

  test('the default bounds keep 100 items and 10,000 characters', () => {
    const redact = createRedactor([])
    expect((redact(Array.from({ length: 250 }, (_, i) => i)) as unknown[]).length).toBe(101)
    expect((redact('z'.repeat(20_000)) as string).length).toBeLessThan(10_100)
  })
})
