// Covers share links (round trip, size, hostile links, bombs) and secret stripping, with property tests.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { ProjectContent, ProjectFiles } from '../definition'
import {
  MAX_DECODED_BYTES,
  MAX_LINK_CHARS,
  SHARE_PREFIX_V1,
  decodeShareLink,
  encodeShareLink,
  validateSharedPayload,
  type DecodeResult,
} from './share-link'
import { stripSecrets } from './strip-secrets'

function readTemplate(id: string): ProjectFiles {
  const dir = join(import.meta.dirname, '../../fixtures/templates', id)
  const files: ProjectFiles = {
    'connector.json': readFileSync(join(dir, 'connector.json'), 'utf8'),
  }
  for (const name of readdirSync(join(dir, 'flows'))) {
    files[`flows/${name}`] = readFileSync(join(dir, 'flows', name), 'utf8')
  }
  return files
}

/** The skeleton of the Acme HR template: connector.json, httpHelper, _authping and List Users. */
const CORE_FILES = [
  'connector.json',
  'flows/httpHelper.json',
  'flows/_authping.json',
  'flows/List Users.json',
]
const template: ProjectContent = {
  name: 'Acme HR connector',
  files: Object.fromEntries(
    Object.entries(readTemplate('acme-hr')).filter(([path]) => CORE_FILES.includes(path)),
  ),
}

async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

function base64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A link whose payload is this exact text, bypassing the encoder's own checks. */
async function linkOfText(text: string): Promise<string> {
  return SHARE_PREFIX_V1 + base64Url(await deflateRaw(new TextEncoder().encode(text)))
}

const linkOf = (payload: unknown) => linkOfText(JSON.stringify(payload))

function expectError(result: DecodeResult, message: string | RegExp): void {
  expect(result.ok).toBe(false)
  if (result.ok) return
  if (typeof message === 'string') expect(result.error).toContain(message)
  else expect(result.error).toMatch(message)
}

describe('encodeShareLink / decodeShareLink', () => {
  test('a project round-trips unchanged', async () => {
    const { fragment, stripped } = await encodeShareLink(template)
    expect(stripped).toEqual([])
    expect(fragment.startsWith('p1/')).toBe(true)
    expect(fragment.slice(3)).toMatch(/^[A-Za-z0-9_-]+$/)
    const decoded = await decodeShareLink(fragment)
    expect(decoded).toEqual({ ok: true, project: template })
    expect(await decodeShareLink(`#${fragment}`)).toEqual(decoded)
  })

  test('a realistic 4–5 kB project encodes to less than half its JSON length', async () => {
    const json = JSON.stringify({ v: 1, ...template })
    expect(json.length).toBeGreaterThan(3_500)
    expect(json.length).toBeLessThan(6_000)
    const { fragment } = await encodeShareLink(template)
    expect(fragment.length).toBeLessThan(json.length * 0.5)
  })

  test('decoded files are a plain object (no null prototype surprises)', async () => {
    const decoded = await decodeShareLink((await encodeShareLink(template)).fragment)
    if (!decoded.ok) throw new Error(decoded.error)
    expect(Object.getPrototypeOf(decoded.project.files)).toBe(Object.prototype)
  })

  test('secrets are stripped on the way out and reported', async () => {
    const files = {
      ...template.files,
      'flows/Leaky.json': JSON.stringify({
        name: 'Leaky',
        kind: 'action',
        steps: [{ id: 's', card: 'flow.assign', inputs: { password: 'hunter2secret' } }],
      }),
    }
    const { fragment, stripped } = await encodeShareLink({ name: 'p', files })
    expect(stripped).toEqual([{ file: 'flows/Leaky.json', pointer: '/steps/0/inputs/password' }])
    const decoded = await decodeShareLink(fragment)
    if (!decoded.ok) throw new Error(decoded.error)
    expect(JSON.stringify(decoded.project)).not.toContain('hunter2secret')
    expect(decoded.project.files['flows/List Users.json']).toBe(
      template.files['flows/List Users.json'],
    )
  })

  test('property: any safe project round-trips', async () => {
    const pathArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,10}(\/[A-Za-z0-9_ -]{1,10}){0,2}\.json$/)
    const nameArb = fc
      .string({ minLength: 1, maxLength: 60, unit: 'binary' })
      .filter((s) => s.trim() === s && s !== '')
    const textArb = fc.string({ maxLength: 200, unit: 'binary' })
    await fc.assert(
      fc.asyncProperty(
        nameArb,
        fc.dictionary(pathArb, textArb, { minKeys: 1, maxKeys: 6 }),
        async (name, files) => {
          fc.pre(stripSecrets(files).stripped.length === 0)
          const decoded = await decodeShareLink((await encodeShareLink({ name, files })).fragment)
          expect(decoded).toEqual({ ok: true, project: { name, files } })
        },
      ),
      { numRuns: 60 },
    )
  }, 30_000)
})

describe('stripSecrets', () => {
  const flowWith = (inputs: Record<string, unknown>) =>
    JSON.stringify({ name: 'F', kind: 'action', steps: [{ id: 's', card: 'x', inputs }] }, null, 2)

  test('a literal password in a step input is removed and reported', () => {
    const { files, stripped } = stripSecrets({
      'flows/F.json': flowWith({ user: 'ada', password: 'hunter2' }),
    })
    expect(stripped).toEqual([{ file: 'flows/F.json', pointer: '/steps/0/inputs/password' }])
    const text = files['flows/F.json'] ?? ''
    expect(text).not.toContain('hunter2')
    expect(JSON.parse(text)).toEqual({
      name: 'F',
      kind: 'action',
      steps: [{ id: 's', card: 'x', inputs: { user: 'ada', password: '' } }],
    })
    expect(text.endsWith('}\n')).toBe(true)
  })

  test.each<[string, unknown]>([
    ['a reference', '=input.auth.password'],
    ['an empty value', ''],
    ['null', null],
    ['a boolean', true],
  ])('%s under a secret key is kept, and the file text is untouched', (_what, value) => {
    const text = flowWith({ password: value, token: value })
    const { files, stripped } = stripSecrets({ 'flows/F.json': text })
    expect(stripped).toEqual([])
    expect(files['flows/F.json']).toBe(text)
  })

  test('an escaped literal "==…" under a secret key is a literal and removed', () => {
    const { stripped } = stripSecrets({ 'flows/F.json': flowWith({ password: '==hunter2' }) })
    expect(stripped.map((s) => s.pointer)).toEqual(['/steps/0/inputs/password'])
  })

  test.each<[string, string]>([
    ['Authorization', 'Bearer abcdefghijk'],
    ['authorization', 'anything at all'],
    ['client_secret', 'cs-123'],
    ['clientSecret', 'cs-123'],
    ['api_key', 'k-123'],
    ['X-API-Key', 'k-123'],
    ['access_token', 'at'],
    ['Cookie', 'sid=1'],
    ['note', 'Bearer abcdefghijk'],
    ['note', 'Basic ZGVtbzpwbGF5Z3JvdW5k'],
    ['note', '  Bearer abcdefghijk  '],
    ['note', 'sk_live_abc123'],
    ['note', 'ghp_abcdef123456'],
    ['note', 'xoxb-1234-abcd'],
    ['note', 'AKIAIOSFODNN7EXAMPLE'],
  ])('"%s": %j is removed', (key, value) => {
    const { files, stripped } = stripSecrets({
      'flows/F.json': flowWith({ headers: { [key]: value, Accept: 'application/json' } }),
    })
    expect(stripped).toEqual([{ file: 'flows/F.json', pointer: `/steps/0/inputs/headers/${key}` }])
    const parsed = JSON.parse(files['flows/F.json'] ?? '') as {
      steps: { inputs: { headers: Record<string, string> } }[]
    }
    expect(parsed.steps[0]?.inputs.headers).toEqual({ [key]: '', Accept: 'application/json' })
  })

  test.each([
    'Bearer short',
    'Bearer',
    'Basic',
    'see the Bearer abcdefghijk docs',
    'AKIA-not-a-key',
    'just text',
  ])('an ordinary value %j under an ordinary key is kept', (value) => {
    expect(stripSecrets({ 'a.json': JSON.stringify({ note: value }) }).stripped).toEqual([])
  })

  test('credential-looking strings inside lists are found with their index', () => {
    const { stripped } = stripSecrets({
      'a.json': JSON.stringify({
        list: ['ok', ['Bearer abcdefghijk']],
        'a/b~c': { password: 'p' },
      }),
    })
    expect(stripped).toEqual([
      { file: 'a.json', pointer: '/list/1/0' },
      { file: 'a.json', pointer: '/a~1b~0c/password' },
    ])
  })

  test('a password config value is stripped, a text one is kept', () => {
    const connector = {
      name: 'C',
      authentication: {
        type: 'custom',
        configValues: [
          { key: 'pw', label: 'PW', type: 'password', value: 's3cret' },
          { key: 'region', label: 'Region', type: 'text', value: 'eu-west-1' },
          { key: 'ref', label: 'Ref', type: 'password', value: '=connection.pw' },
        ],
      },
    }
    const { files, stripped } = stripSecrets({ 'connector.json': JSON.stringify(connector) })
    expect(stripped).toEqual([
      { file: 'connector.json', pointer: '/authentication/configValues/0/value' },
    ])
    const text = files['connector.json'] ?? ''
    expect(text).not.toContain('s3cret')
    expect(text).toContain('eu-west-1')
    expect(text).toContain('=connection.pw')
  })

  test('a malformed JSON file is kept verbatim', () => {
    const text = '{ "password": "hunter2", oops }'
    const { files, stripped } = stripSecrets({ 'flows/Broken.json': text, 'b.json': '' })
    expect(files).toEqual({ 'flows/Broken.json': text, 'b.json': '' })
    expect(stripped).toEqual([])
  })

  test('a file without secrets keeps its exact formatting', () => {
    expect(stripSecrets(template.files)).toEqual({ files: template.files, stripped: [] })
  })

  test('does not mutate its input', () => {
    const input = { 'a.json': JSON.stringify({ password: 'hunter2' }) }
    const before = { ...input }
    stripSecrets(input)
    expect(input).toEqual(before)
  })

  test('property: literal secrets in any nested position never leave the device', async () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9]{8,32}$/)
    const keyArb = fc.constantFrom('password', 'client_secret', 'api_key', 'Password', 'API_KEY')
    const segmentArb = fc.oneof(
      fc.constantFrom('inputs', 'config', 'headers', 'nested', 'body', 'x'),
      fc.nat({ max: 3 }),
    )
    const placementArb = fc.record({
      secret: secretArb,
      key: keyArb,
      path: fc.array(segmentArb, { maxLength: 6 }),
      file: fc.constantFrom('connector.json', 'flows/Main.json', 'flows/deep/Other.json'),
      sibling: fc.constantFrom('visible', 42, null, ['a'], { k: 'v' }),
    })
    const wrap = (path: readonly (string | number)[], leaf: unknown): unknown =>
      path.reduceRight<unknown>(
        (inner, segment) =>
          typeof segment === 'number'
            ? [...Array.from({ length: segment }, () => 'filler'), inner]
            : { [segment]: inner },
        leaf,
      )

    await fc.assert(
      fc.asyncProperty(
        fc.array(placementArb, { minLength: 1, maxLength: 5 }),
        fc.constantFrom(0, 2),
        async (placements, indent) => {
          const documents: Record<string, Record<string, unknown>> = {
            'connector.json': { name: 'C', key: 'c', baseUrl: 'https://hr.example' },
            'flows/Main.json': { name: 'Main', kind: 'action', steps: [] },
            'flows/deep/Other.json': { name: 'Other', kind: 'helper', steps: [] },
          }
          placements.forEach((p, i) => {
            const doc = documents[p.file]
            if (doc) doc[`slot${i}`] = wrap(p.path, { [p.key]: p.secret, other: p.sibling })
          })
          const files: ProjectFiles = {}
          for (const [path, doc] of Object.entries(documents)) {
            files[path] = JSON.stringify(doc, null, indent)
          }
          const { fragment, stripped } = await encodeShareLink({ name: 'Leaky', files })
          expect(stripped).toHaveLength(placements.length)
          const decoded = await decodeShareLink(fragment)
          if (!decoded.ok) throw new Error(decoded.error)
          const everything = Object.values(decoded.project.files).join('\n')
          for (const { secret } of placements) {
            expect(fragment).not.toContain(secret)
            expect(everything).not.toContain(secret)
          }
          for (const text of Object.values(decoded.project.files)) {
            expect(() => JSON.parse(text) as unknown).not.toThrow()
          }
        },
      ),
      { numRuns: 200 },
    )
  }, 30_000)
})

describe('hostile links', () => {
  const valid = { v: 1, name: 'Shared', files: { 'connector.json': '{}' } }

  test('a hand-made valid payload decodes', async () => {
    expect(await decodeShareLink(await linkOf(valid))).toEqual({
      ok: true,
      project: { name: 'Shared', files: { 'connector.json': '{}' } },
    })
  })

  test.each(['', 'p2/abc', 'hello', 'P1/abc', '#', '#p2/x', 'https://example.com/#p1/abc'])(
    'wrong prefix %j is not a project link',
    async (fragment) => {
      expectError(await decodeShareLink(fragment), 'not a Connector Playground project link')
    },
  )

  test.each(['p1/', 'p1/abc+def', 'p1/abc/def', 'p1/abc=', 'p1/ab cd', 'p1/é', 'p1/A'])(
    '%j is not valid base64url',
    async (fragment) => {
      expectError(await decodeShareLink(fragment), 'not valid base64url')
    },
  )

  test('a link cut in half is rejected', async () => {
    const { fragment } = await encodeShareLink(template)
    const result = await decodeShareLink(fragment.slice(0, Math.floor(fragment.length / 2)))
    expectError(result, /damaged/)
  })

  test('random bytes are rejected', async () => {
    let seed = 12345
    const bytes = Uint8Array.from({ length: 2048 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed >> 16
    })
    expectError(await decodeShareLink(SHARE_PREFIX_V1 + base64Url(bytes)), /damaged/)
  })

  test.each([
    ['plain text', 'hello world'],
    ['truncated JSON', '{"v":1,"name":"x"'],
  ])('valid deflate of %s is not valid JSON', async (_what, text) => {
    expectError(await decodeShareLink(await linkOfText(text)), 'its content is not valid JSON')
  })

  test('valid deflate of bytes that are not UTF-8 is rejected', async () => {
    const link =
      SHARE_PREFIX_V1 + base64Url(await deflateRaw(Uint8Array.from([0x22, 0xff, 0xfe, 0x22])))
    expectError(await decodeShareLink(link), 'not valid JSON')
  })

  test.each<[string, unknown, string]>([
    ['an array', [valid], 'does not contain a project'],
    ['null', null, 'does not contain a project'],
    ['a number', 1, 'does not contain a project'],
    ['a string', 'p1/', 'does not contain a project'],
    ['version 2', { ...valid, v: 2 }, 'unknown project version (2)'],
    ['version "1"', { ...valid, v: '1' }, 'unknown project version (1)'],
    ['no version', { name: 'x', files: valid.files }, 'unknown project version (undefined)'],
    ['no name', { v: 1, files: valid.files }, 'has no name'],
    ['a blank name', { ...valid, name: '   ' }, 'has no name'],
    ['a numeric name', { ...valid, name: 7 }, 'has no name'],
    ['no files', { v: 1, name: 'x' }, 'has no files'],
    ['files as text', { ...valid, files: 'connector.json' }, 'has no files'],
    ['files as a list', { ...valid, files: ['{}'] }, 'has no files'],
    ['files null', { ...valid, files: null }, 'has no files'],
    ['zero files', { ...valid, files: {} }, 'has no files'],
    [
      'a file that is a number',
      { ...valid, files: { 'a.json': 5 } },
      'The shared file a.json is not text',
    ],
    ['a file that is an object', { ...valid, files: { 'a.json': {} } }, 'is not text'],
    ['a file that is null', { ...valid, files: { 'a.json': null } }, 'is not text'],
  ])('a payload that is %s is rejected', async (_what, payload, message) => {
    expectError(await decodeShareLink(await linkOf(payload)), message)
  })

  test.each([
    '../x',
    '/abs',
    'a/../b',
    'a/./b',
    './a',
    '..',
    '.',
    'a//b',
    'a/',
    '',
    'C:/x.json',
    'a\\b.json',
    'flows/x.json\n',
    'flows/<script>.json',
    'é.json',
  ])('unsafe path %j is rejected', async (path) => {
    const result = await decodeShareLink(await linkOf({ ...valid, files: { [path]: '{}' } }))
    expectError(result, 'unsafe file path')
  })

  test.each(['__proto__', 'constructor', 'prototype'])(
    'reserved file name %j is rejected',
    async (path) => {
      const link = await linkOfText(`{"v":1,"name":"x","files":{"${path}":"{}"}}`)
      const result = await decodeShareLink(link)
      expectError(result, `reserved file name: ${path}`)
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    },
  )

  test('a __proto__ key at the top of the payload does not change the project', async () => {
    const link = await linkOfText(
      '{"__proto__":{"polluted":true},"v":1,"name":"x","files":{"a.json":"{}"}}',
    )
    const result = await decodeShareLink(link)
    expect(result).toEqual({ ok: true, project: { name: 'x', files: { 'a.json': '{}' } } })
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
  })

  test('more than 500 files are rejected, 500 are fine', async () => {
    const files = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`flows/f${i}.json`, '{}']))
    expectError(
      await decodeShareLink(await linkOf({ ...valid, files: files(501) })),
      'more than 500 files',
    )
    const ok = await decodeShareLink(await linkOf({ ...valid, files: files(500) }))
    expect(ok.ok && Object.keys(ok.project.files).length).toBe(500)
  })

  test('a long name is trimmed and capped at 200 characters', async () => {
    const result = await decodeShareLink(await linkOf({ ...valid, name: `  ${'n'.repeat(300)} ` }))
    expect(result.ok && result.project.name).toBe('n'.repeat(200))
  })

  test('an over-long link is rejected before decoding', async () => {
    const link = SHARE_PREFIX_V1 + 'A'.repeat(MAX_LINK_CHARS)
    const result = await decodeShareLink(link)
    expectError(result, 'The link is too long')
    expectError(result, '400,000')
  })

  test('a link of exactly the maximum length is not rejected for its length', async () => {
    const link = SHARE_PREFIX_V1 + 'A'.repeat(MAX_LINK_CHARS - SHARE_PREFIX_V1.length)
    const result = await decodeShareLink(link)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).not.toContain('too long')
  })

  test('a decompression bomb is rejected with a message in MB', async () => {
    const bomb = await deflateRaw(new Uint8Array(20 * 1024 * 1024))
    const link = SHARE_PREFIX_V1 + base64Url(bomb)
    expect(link.length).toBeLessThan(MAX_LINK_CHARS)
    const result = await decodeShareLink(link)
    expectError(result, `more than ${MAX_DECODED_BYTES / 1024 / 1024} MB`)
  }, 30_000)

  test('a payload just under the decoded cap is still accepted', async () => {
    const big = 'x'.repeat(MAX_DECODED_BYTES - 200)
    const result = await decodeShareLink(await linkOf({ ...valid, files: { 'big.json': big } }))
    expect(result.ok && result.project.files['big.json']?.length).toBe(big.length)
  }, 30_000)

  test('validateSharedPayload copies files into a fresh object', () => {
    const files = { 'a.json': '{}' }
    const result = validateSharedPayload({ v: 1, name: 'x', files })
    expect(result.ok && result.project.files).toEqual(files)
    expect(result.ok && result.project.files).not.toBe(files)
  })

  test('property: truncated or mutated links never throw', async () => {
    const { fragment } = await encodeShareLink(template)
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=#. '
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('replace' as const),
        at: fc.nat(),
        char: fc.constantFrom(...alphabet),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(),
        text: fc.string({ maxLength: 8 }),
      }),
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(),
        length: fc.nat({ max: 20 }),
      }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
        let link = fragment
        for (const m of mutations) {
          const at = m.at % (link.length + 1)
          if (m.kind === 'truncate') link = link.slice(0, at)
          else if (m.kind === 'replace') link = link.slice(0, at) + m.char + link.slice(at + 1)
          else if (m.kind === 'insert') link = link.slice(0, at) + m.text + link.slice(at)
          else link = link.slice(0, at) + link.slice(at + m.length)
        }
        const result = await decodeShareLink(link)
        if (result.ok) {
          expect(typeof result.project.name).toBe('string')
          for (const text of Object.values(result.project.files)) expect(typeof text).toBe('string')
        } else {
          expect(typeof result.error).toBe('string')
          expect(result.error.length).toBeGreaterThan(0)
        }
      }),
      { numRuns: 200 },
    )
  }, 30_000)

  test('property: arbitrary strings never throw', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => SHARE_PREFIX_V1 + s),
        ),
        async (link) => {
          const result = await decodeShareLink(link)
          expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 200 },
    )
  }, 30_000)
})
