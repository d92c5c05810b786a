import { describe, expect, it } from 'vitest'
import {
  CONSOLE_PRESETS,
  DEFAULT_FAULT_DRAFT,
  describeAuthType,
  describeFault,
  describeOffset,
  faultFromDraft,
  formatDuration,
  headersToRows,
  headerValue,
  invalidHeaderNames,
  isJsonContentType,
  methodHasBody,
  placeholderKeys,
  prettyBody,
  relativeTime,
  rowsToHeaders,
  shortUrl,
  statusClass,
  statusLine,
  type FaultDraft,
} from './console-format'

describe('prettyBody', () => {
  it('indents JSON when the content type says JSON', () => {
    expect(prettyBody('{"a":1,"b":[true]}', 'application/json; charset=utf-8')).toEqual({
      text: '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}',
      json: true,
      truncated: 0,
    })
    expect(prettyBody('{"error":"x"}', 'application/problem+json').json).toBe(true)
  })

  it('indents JSON-looking text without a content type, but not other types', () => {
    expect(prettyBody('[1,2]').text).toBe('[\n  1,\n  2\n]')
    expect(prettyBody('{"a":1}', 'text/plain')).toEqual({
      text: '{"a":1}',
      json: false,
      truncated: 0,
    })
  })

  it('shows a malformed JSON body as it came', () => {
    const body = '{"data": [{"id": "1", "name": "Trunc'
    expect(prettyBody(body, 'application/json')).toEqual({ text: body, json: false, truncated: 0 })
  })

  it('cuts long bodies and says by how much', () => {
    const result = prettyBody('x'.repeat(25), 'text/plain', 10)
    expect(result.text).toBe('x'.repeat(10))
    expect(result.truncated).toBe(15)
  })

  it('leaves empty bodies empty', () => {
    expect(prettyBody('', 'application/json')).toEqual({ text: '', json: false, truncated: 0 })
  })
})

describe('isJsonContentType and headerValue', () => {
  it('recognises JSON types only', () => {
    expect(isJsonContentType('application/json')).toBe(true)
    expect(isJsonContentType('Application/JSON;charset=utf-8')).toBe(true)
    expect(isJsonContentType('application/vnd.api+json')).toBe(true)
    expect(isJsonContentType('text/html')).toBe(false)
    expect(isJsonContentType(undefined)).toBe(false)
  })

  it('finds headers regardless of case', () => {
    expect(headerValue({ 'Content-Type': 'text/plain' }, 'content-type')).toBe('text/plain')
    expect(headerValue({ a: '1' }, 'b')).toBeUndefined()
  })
})

describe('statusClass and statusLine', () => {
  it.each([
    [200, 'ok'],
    [204, 'ok'],
    [301, 'redirect'],
    [401, 'client-error'],
    [429, 'client-error'],
    [500, 'server-error'],
    [504, 'server-error'],
    [0, 'none'],
    [99, 'none'],
    [600, 'none'],
    [undefined, 'none'],
  ] as const)('%s is %s', (status, expected) => {
    expect(statusClass(status)).toBe(expected)
  })

  it('prefers the response text and falls back to the standard one', () => {
    expect(statusLine(404, 'Nope')).toBe('404 Nope')
    expect(statusLine(429, '')).toBe('429 Too Many Requests')
    expect(statusLine(299)).toBe('299')
  })
})

describe('header rows', () => {
  it('drops empty keys, trims keys and keeps the last of a repeated name', () => {
    expect(
      rowsToHeaders([
        { key: ' Accept ', value: 'text/plain' },
        { key: '', value: 'ignored' },
        { key: '   ', value: 'ignored too' },
        { key: 'X-Trace', value: '1' },
        { key: 'accept', value: 'application/json' },
      ]),
    ).toEqual({ accept: 'application/json', 'X-Trace': '1' })
  })

  it('keeps the order of first appearance', () => {
    const headers = rowsToHeaders([
      { key: 'B', value: '1' },
      { key: 'A', value: '2' },
      { key: 'b', value: '3' },
    ])
    expect(Object.keys(headers)).toEqual(['b', 'A'])
  })

  it('round-trips a record', () => {
    const record = { Accept: 'application/json', 'X-Api-Key': '{{connection.api_key}}' }
    expect(rowsToHeaders(headersToRows(record))).toEqual(record)
    expect(headersToRows({})).toEqual([])
  })

  it('reports invalid header names', () => {
    expect(
      invalidHeaderNames([
        { key: 'X-Ok', value: '' },
        { key: 'Bad Name', value: '' },
        { key: '', value: '' },
        { key: 'Also:bad', value: '' },
      ]),
    ).toEqual(['Bad Name', 'Also:bad'])
  })
})

describe('placeholders, methods and URLs', () => {
  it('lists connection placeholders once each', () => {
    expect(
      placeholderKeys(
        'https://{{connection.subdomain}}.tickets.example/x',
        '{{ connection.api_key }} {{connection.subdomain}}',
        '{{other.thing}}',
      ),
    ).toEqual(['subdomain', 'api_key'])
  })

  it('knows which methods carry a body', () => {
    expect(methodHasBody('POST')).toBe(true)
    expect(methodHasBody('patch')).toBe(true)
    expect(methodHasBody('GET')).toBe(false)
    expect(methodHasBody('DELETE')).toBe(false)
  })

  it('shortens URLs to host, path and query', () => {
    expect(shortUrl('https://hr.example/api/v1/users?limit=5')).toBe(
      'hr.example/api/v1/users?limit=5',
    )
    expect(shortUrl('not a url')).toBe('not a url')
  })
})

describe('time', () => {
  it('describes the clock offset in days, hours and minutes', () => {
    expect(describeOffset(0)).toBe('+0 min')
    expect(describeOffset(20_000)).toBe('+0 min')
    expect(describeOffset(5 * 60_000)).toBe('+5 min')
    expect(describeOffset(65 * 60_000)).toBe('+1 h 5 min')
    expect(describeOffset(24 * 3_600_000 + 2 * 3_600_000)).toBe('+1 d 2 h')
    expect(describeOffset(3 * 24 * 3_600_000 + 59.6 * 60_000)).toBe('+3 d 1 h')
    expect(describeOffset(-3_600_000)).toBe('−1 h')
    expect(describeOffset(Number.NaN)).toBe('+0 min')
  })

  it('says how long ago', () => {
    const now = 1_000_000_000_000
    expect(relativeTime(now - 1_000, now)).toBe('just now')
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago')
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago')
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago')
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2 d ago')
    expect(relativeTime(now + 10 * 60_000, now)).toBe('in 10 min')
  })

  it('formats durations', () => {
    expect(formatDuration(37.6)).toBe('38 ms')
    expect(formatDuration(1250)).toBe('1.25 s')
    expect(formatDuration(12_500)).toBe('12.5 s')
    expect(formatDuration(-1)).toBe('—')
  })
})

describe('faults', () => {
  const draft = (over: Partial<FaultDraft> & Pick<FaultDraft, 'kind'>): FaultDraft => ({
    ...DEFAULT_FAULT_DRAFT,
    ...over,
  })

  it('builds each kind from its form, with the defaults', () => {
    expect(faultFromDraft(draft({ kind: 'rateLimit' }))).toEqual({
      fault: { kind: 'rateLimit', retryAfterSeconds: 30, times: 1 },
    })
    expect(faultFromDraft(draft({ kind: 'serverError', status: '502', times: '3' }))).toEqual({
      fault: { kind: 'serverError', status: 502, times: 3 },
    })
    expect(faultFromDraft(draft({ kind: 'latency', latencyMs: '750', untilOff: true }))).toEqual({
      fault: { kind: 'latency', ms: 750 },
    })
    expect(faultFromDraft(draft({ kind: 'malformedBody', times: ' 2 ' }))).toEqual({
      fault: { kind: 'malformedBody', times: 2 },
    })
  })

  it('rejects what the worker would drop', () => {
    expect(faultFromDraft(draft({ kind: 'rateLimit', times: '0' }))).toHaveProperty('error')
    expect(faultFromDraft(draft({ kind: 'rateLimit', times: '1.5' }))).toHaveProperty('error')
    expect(faultFromDraft(draft({ kind: 'rateLimit', retryAfterSeconds: '-1' }))).toHaveProperty(
      'error',
    )
    expect(faultFromDraft(draft({ kind: 'rateLimit', retryAfterSeconds: '3601' }))).toHaveProperty(
      'error',
    )
    expect(faultFromDraft(draft({ kind: 'serverError', status: '501' }))).toHaveProperty('error')
    expect(faultFromDraft(draft({ kind: 'latency', latencyMs: '30001' }))).toHaveProperty('error')
    expect(faultFromDraft(draft({ kind: 'latency', latencyMs: '' }))).toHaveProperty('error')
  })

  it('ignores a bad count when the fault runs until turned off', () => {
    expect(faultFromDraft(draft({ kind: 'malformedBody', times: '', untilOff: true }))).toEqual({
      fault: { kind: 'malformedBody' },
    })
  })

  it('describes armed faults', () => {
    expect(describeFault({ kind: 'rateLimit', retryAfterSeconds: 30, times: 2 })).toBe(
      '429 rate limit (Retry-After 30 s) — next 2 requests',
    )
    expect(describeFault({ kind: 'serverError', status: 503, times: 1 })).toBe(
      '503 Service Unavailable — next request',
    )
    expect(describeFault({ kind: 'latency', ms: 1500 })).toBe(
      '1,500 ms added latency — until turned off',
    )
    expect(describeFault({ kind: 'malformedBody' })).toBe(
      'Malformed body (truncated JSON) — until turned off',
    )
  })
})

describe('describeAuthType', () => {
  it('names each auth type', () => {
    expect(describeAuthType('basic')).toBe('Basic')
    expect(describeAuthType('oauth2AuthorizationCode')).toBe('OAuth 2.0, authorization code')
    expect(describeAuthType('oauth2ClientCredentials')).toBe('OAuth 2.0, client credentials')
    expect(describeAuthType('custom')).toBe('Custom')
  })
})

describe('presets', () => {
  it('have unique ids and absolute https URLs on mock hosts', () => {
    const ids = CONSOLE_PRESETS.map((p) => p.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const preset of CONSOLE_PRESETS) {
      const url = preset.url.replace(/\{\{connection\.subdomain\}\}/, 'acme')
      const parsed = new URL(url)
      expect(parsed.protocol).toBe('https:')
      expect(parsed.hostname.endsWith('.example')).toBe(true)
      if (preset.body !== undefined) {
        expect(methodHasBody(preset.method)).toBe(true)
        expect(() => JSON.parse(preset.body as string) as unknown).not.toThrow()
      }
    }
  })

  it('include the Tickety list with its API key header', () => {
    const tickets = CONSOLE_PRESETS.find((p) => p.id === 'tickets-list')
    expect(tickets?.url).toBe('https://{{connection.subdomain}}.tickets.example/api/v1/tickets')
    expect(rowsToHeaders(tickets?.headers ?? [])).toEqual({ 'X-Api-Key': '{{connection.api_key}}' })
  })
})
