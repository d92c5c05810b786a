// URL function cards: encode and decode components and query strings, and build or take apart
// a URL. Everything goes through the WHATWG URL parser; nothing is fetched.
import { FlowError } from '../errors'
import { isPlainObject, toObject, toText, type PlainObject } from '../values'
import type { Card } from './card'
import { toInteger } from './number'
import { checkText } from './text-more'

function encodeComponent(text: string, input: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    throw new FlowError(`Input "${input}" holds text that cannot be URL-encoded (a lone surrogate)`)
  }
}

function decodeComponent(text: string, input: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new FlowError(`Input "${input}" is not valid URL-encoded text ("%" must start %XX)`)
  }
}

/** A query object as "a=1&b=x%20y"; a list repeats the key; objects become JSON. */
export function encodeQuery(query: PlainObject): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(
        `${encodeComponent(key, 'query')}=${encodeComponent(toText(item, `query.${key}`), `query.${key}`)}`,
      )
    }
  }
  return parts.join('&')
}

/** A query string (with or without "?") as an object; a repeated key gives a list. */
export function decodeQuery(text: string, input: string): PlainObject {
  const query: PlainObject = {}
  for (const part of text.replace(/^\?/, '').split('&')) {
    if (part === '') continue
    const at = part.indexOf('=')
    const rawKey = at === -1 ? part : part.slice(0, at)
    const rawValue = at === -1 ? '' : part.slice(at + 1)
    const key = decodeComponent(rawKey.replace(/\+/g, ' '), input)
    const value = decodeComponent(rawValue.replace(/\+/g, ' '), input)
    const existing = Object.prototype.hasOwnProperty.call(query, key) ? query[key] : undefined
    Object.defineProperty(query, key, {
      value:
        existing === undefined
          ? value
          : [...(Array.isArray(existing) ? existing : [existing]), value],
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return query
}

function parseUrl(text: string, input: string): URL {
  try {
    return new URL(text)
  } catch {
    throw new FlowError(`Input "${input}" ("${text}") is not a valid absolute URL`)
  }
}

export const urlCards: Card[] = [
  {
    id: 'url.encodeComponent',
    name: 'Encode Component',
    category: 'URL',
    oktaKey: 'url:encodeComponent',
    help: 'URL-encodes text for use inside a URL or query: every character with a special meaning in URLs (/ ? & = # space …) is encoded.',
    pure: true,
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({
      outputs: {
        output: checkText(encodeComponent(toText(inputs.text, 'text'), 'text'), 'Encode Component'),
      },
    }),
  },
  {
    id: 'url.decodeComponent',
    name: 'Decode Component',
    category: 'URL',
    oktaKey: 'url:decodeComponent',
    help: 'Decodes URL-encoded text (%XX sequences) back to the original text. "+" stays "+".',
    pure: true,
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({
      outputs: { output: decodeComponent(toText(inputs.text, 'text'), 'text') },
    }),
  },
  {
    id: 'url.encodeQuery',
    name: 'Encode Query',
    category: 'URL',
    oktaKey: 'url:encode',
    help: 'Turns a query object into a URL-encoded query string ("a=1&b=x%20y", no "?"). A list value repeats the key; an object value is sent as JSON.',
    pure: true,
    inputs: [{ key: 'query', type: 'object', required: true }],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({
      outputs: {
        output: checkText(encodeQuery(toObject(inputs.query, 'query')), 'Encode Query'),
      },
    }),
  },
  {
    id: 'url.decodeQuery',
    name: 'Decode Query',
    category: 'URL',
    oktaKey: 'url:decode',
    help: 'Turns a URL-encoded query string (with or without "?") into an object of text values; "+" is a space and a repeated key gives a list.',
    pure: true,
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'object' }],
    run: (inputs) => ({
      outputs: { output: decodeQuery(toText(inputs.text, 'text'), 'text') },
    }),
  },
  {
    id: 'url.parse',
    name: 'Parse',
    category: 'URL',
    oktaKey: 'url:parse',
    help: 'Takes an absolute URL apart: protocol ("https:"), host (the name, without the port), port (a number, or null when the URL gives none), path ("/a/b") and query (the query string without "?", still encoded).',
    pure: true,
    inputs: [{ key: 'url', type: 'text', required: true }],
    outputs: [
      { key: 'protocol', type: 'text' },
      { key: 'host', type: 'text' },
      { key: 'port', type: 'number' },
      { key: 'path', type: 'text' },
      { key: 'query', type: 'text' },
    ],
    run(inputs) {
      const url = parseUrl(toText(inputs.url, 'url'), 'url')
      return {
        outputs: {
          protocol: url.protocol,
          host: url.hostname,
          port: url.port === '' ? null : Number(url.port),
          path: url.pathname,
          query: url.search.replace(/^\?/, ''),
        },
      }
    },
  },
  {
    id: 'url.format',
    name: 'Format',
    category: 'URL',
    oktaKey: 'url:format',
    help: 'Builds a URL from its parts: protocol ("https" when empty), host, port (optional), path and query (an object, encoded as by Encode Query, or a ready query string).',
    pure: true,
    inputs: [
      { key: 'protocol', type: 'text', help: '"https" when empty.' },
      { key: 'host', type: 'text', required: true },
      { key: 'port', type: 'number' },
      { key: 'path', type: 'text' },
      { key: 'query', type: 'any', help: 'An object, or a query string.' },
    ],
    outputs: [{ key: 'output', type: 'text' }],
    run(inputs) {
      const protocol = (toText(inputs.protocol, 'protocol') || 'https').replace(/:?(\/\/)?$/, '')
      if (!/^[A-Za-z][A-Za-z0-9+.-]*$/.test(protocol)) {
        throw new FlowError(`Input "protocol" ("${protocol}") is not a URL scheme`)
      }
      const host = toText(inputs.host, 'host')
      if (host === '' || /[/?#@\s]/.test(host)) {
        throw new FlowError(
          `Input "host" must be a host name such as "api.example.com", got "${host}"`,
        )
      }
      const port =
        inputs.port === undefined || inputs.port === null || inputs.port === ''
          ? ''
          : `:${toInteger(inputs.port, 'port', { min: 0, max: 65535 })}`
      const rawPath = toText(inputs.path, 'path')
      const path = rawPath === '' || rawPath.startsWith('/') ? rawPath : `/${rawPath}`
      const query = isPlainObject(inputs.query)
        ? encodeQuery(inputs.query)
        : toText(inputs.query, 'query').replace(/^\?/, '')
      const url = parseUrl(`${protocol}://${host}${port}${path}${query ? `?${query}` : ''}`, 'host')
      return { outputs: { output: checkText(url.toString(), 'Format') } }
    },
  },
]
