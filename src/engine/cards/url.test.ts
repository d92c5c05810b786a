// Covers the URL cards: component and query encoding, and building and parsing URLs.
import { describe, expect, test } from 'vitest'
import { cardFailure, runCard } from './test-support'

describe('url cards', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['url.encodeComponent', { text: 'a b&c=d/é?' }, { output: 'a%20b%26c%3Dd%2F%C3%A9%3F' }],
    ['url.encodeComponent', { text: 12 }, { output: '12' }],
    ['url.decodeComponent', { text: 'a%20b%26c%3Dd%2F%C3%A9%3F' }, { output: 'a b&c=d/é?' }],
    ['url.decodeComponent', { text: 'a+b' }, { output: 'a+b' }],
    [
      'url.encodeQuery',
      { query: { q: 'a b', tags: ['x', 'y'], n: 1, skip: null } },
      { output: 'q=a%20b&tags=x&tags=y&n=1' },
    ],
    ['url.encodeQuery', { query: { filter: { a: 1 } } }, { output: 'filter=%7B%22a%22%3A1%7D' }],
    ['url.encodeQuery', { query: {} }, { output: '' }],
    [
      'url.decodeQuery',
      { text: '?q=a+b&tags=x&tags=y&tags=z&empty=&flag' },
      { output: { q: 'a b', tags: ['x', 'y', 'z'], empty: '', flag: '' } },
    ],
    ['url.decodeQuery', { text: '' }, { output: {} }],
    [
      'url.parse',
      { url: 'https://api.example.com:8443/v1/users?limit=2&q=a%20b#top' },
      {
        protocol: 'https:',
        host: 'api.example.com',
        port: 8443,
        path: '/v1/users',
        query: 'limit=2&q=a%20b',
      },
    ],
    [
      'url.parse',
      { url: 'http://example.com' },
      { protocol: 'http:', host: 'example.com', port: null, path: '/', query: '' },
    ],
    [
      'url.format',
      { host: 'api.example.com', path: 'v1/users', query: { limit: 2, q: 'a b' } },
      { output: 'https://api.example.com/v1/users?limit=2&q=a%20b' },
    ],
    [
      'url.format',
      { protocol: 'http:', host: 'localhost', port: 8080, path: '/x', query: '?a=1' },
      { output: 'http://localhost:8080/x?a=1' },
    ],
    ['url.format', { host: 'example.com' }, { output: 'https://example.com/' }],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs)).toEqual(expected)
  })

  test('Decode Query keeps "__proto__" as an own key', async () => {
    const { output } = await runCard('url.decodeQuery', { text: '__proto__=x' })
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(Object.keys(output as object)).toEqual(['__proto__'])
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['url.decodeComponent', { text: '%E0%A4%A' }, /Input "text" is not valid URL-encoded text/],
    ['url.decodeQuery', { text: 'a=%zz' }, /not valid URL-encoded/],
    ['url.encodeComponent', { text: '\uD800' }, /lone surrogate/],
    [
      'url.parse',
      { url: '/relative/path' },
      /Input "url" \("\/relative\/path"\) is not a valid absolute URL/,
    ],
    ['url.format', { host: 'a/b' }, /Input "host" must be a host name/],
    ['url.format', { host: 'x.io', port: 70000 }, /between 0 and 65535/],
    ['url.format', { host: 'x.io', protocol: '1http' }, /not a URL scheme/],
    ['url.encodeQuery', { query: 'x' }, /Input "query" must be an Object/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs)).message).toMatch(message)
  })
})
