// Covers every built-in card's run function (text, object, flow control, http.rawRequest) in isolation.
import { describe, expect, test, vi } from 'vitest'
import type { Step } from '../../definition'
import { FlowError } from '../errors'
import {
  seededRandom,
  type EnginePorts,
  type HttpRequestData,
  type HttpResponseData,
} from '../ports'
import type { Card, CardContext, CardOutcome } from './card'
import { cardCatalogue, cardSpecs, getCard } from './index'

function card(id: string): Card {
  const found = getCard(id)
  if (!found) throw new Error(`no card ${id}`)
  return found
}

interface FakeHttp {
  requests: HttpRequestData[]
  context: CardContext
}

function makeContext(
  respond: (request: HttpRequestData) => HttpResponseData = () => response(200, ''),
  step: Partial<Step> = {},
  callFlow: CardContext['callFlow'] = () => Promise.reject(new Error('no helper flows here')),
): FakeHttp {
  const requests: HttpRequestData[] = []
  const ports: EnginePorts = {
    http: (request) => {
      requests.push(request)
      return Promise.resolve(respond(request))
    },
    now: () => 1_000,
    elapsed: () => 0,
    newId: () => 'id-1',
    random: seededRandom(7),
    wait: () => Promise.resolve(),
  }
  return {
    requests,
    context: {
      step: { id: 'step1', card: 'x', ...step },
      flowName: 'Test Flow',
      ports,
      signal: new AbortController().signal,
      callFlow,
    },
  }
}

function response(
  status: number,
  body: string,
  headers: Record<string, string> = {},
  statusText = '',
): HttpResponseData {
  return { status, statusText, headers, body }
}

async function run(
  id: string,
  inputs: Record<string, unknown>,
  context = makeContext().context,
): Promise<CardOutcome> {
  const found = card(id)
  if (!found.run) throw new Error(`${id} is a container card; the interpreter runs it`)
  return await found.run(inputs, context)
}

async function failure(promise: Promise<unknown>): Promise<FlowError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof FlowError) return error
    throw new Error(`expected a FlowError, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected the card to fail')
}

describe('catalogue', () => {
  test('every card is reachable by id and has a spec without a run function', () => {
    const ids = cardCatalogue.list().map((c) => c.id)
    expect(ids).toEqual(
      expect.arrayContaining([
        'flow.assign',
        'flow.call',
        'flow.return',
        'flow.returnOutputs',
        'text.concatenate',
        'text.base64',
        'text.base64Decode',
        'object.construct',
        'object.get',
        'object.merge',
        'http.rawRequest',
      ]),
    )
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(cardCatalogue.get(id)?.id).toBe(id)
    expect(cardCatalogue.get('nope.nope')).toBeUndefined()
    for (const spec of cardSpecs()) expect(spec).not.toHaveProperty('run')
    expect(structuredClone(cardSpecs())).toEqual(cardSpecs())
  })
})

describe('text.concatenate', () => {
  test.each<[Record<string, unknown>, string]>([
    [{ a: 'x', b: 'y', c: 'z' }, 'xyz'],
    [{ c: 'z', a: 'x', b: 'y' }, 'zxy'],
    [{ n: 42, dot: '.', f: 1.5 }, '42.1.5'],
    [{ t: true, f: false }, 'truefalse'],
    [{ a: 'a', n: null, u: undefined, b: 'b' }, 'ab'],
    [{ o: { k: 1 }, l: [1, 'two'] }, '{"k":1}[1,"two"]'],
    [{}, ''],
    [{ zero: 0, empty: '' }, '0'],
  ])('concatenate(%j) → %j', async (inputs, expected) => {
    expect((await run('text.concatenate', inputs)).outputs).toEqual({ output: expected })
  })
})

describe('text.base64 and text.base64Decode', () => {
  test.each([
    ['', ''],
    ['hello', 'aGVsbG8='],
    ['é', 'w6k='],
    ['demo:Acme-Demo-7431', 'ZGVtbzpBY21lLURlbW8tNzQzMQ=='],
    ['日本', '5pel5pys'],
    ['👍', '8J+RjQ=='],
  ])('base64(%j) → %j and back', async (text, encoded) => {
    expect((await run('text.base64', { text })).outputs).toEqual({ output: encoded })
    expect((await run('text.base64Decode', { text: encoded })).outputs).toEqual({ output: text })
  })

  test('base64 converts a number loosely', async () => {
    expect((await run('text.base64', { text: 12 })).outputs.output).toBe('MTI=')
  })

  test('base64Decode trims surrounding whitespace', async () => {
    expect((await run('text.base64Decode', { text: '  w6k=\n' })).outputs.output).toBe('é')
  })

  test.each(['!!!not base64!!!', 'abc$', 'A'])('base64Decode(%j) is a FlowError', async (text) => {
    const error = await failure(run('text.base64Decode', { text }))
    expect(error.message).toBe('Input "text" is not valid Base64')
    expect(error.code).toBe(400)
  })
})

describe('object.construct', () => {
  test.each<[Record<string, unknown>, Record<string, unknown>]>([
    [{}, {}],
    [
      { a: 1, b: 'x', c: null, d: [1], e: { f: true } },
      { a: 1, b: 'x', c: null, d: [1], e: { f: true } },
    ],
  ])('construct(%j)', async (inputs, expected) => {
    const outcome = await run('object.construct', inputs)
    expect(outcome.outputs).toEqual({ output: expected })
    expect(outcome.outputs.output).not.toBe(inputs)
    expect(outcome.returns).toBeUndefined()
  })
})

describe('object.get', () => {
  const object = {
    name: 'Ada',
    profile: { email: 'ada@acme.example', tags: ['x', 'y'] },
    users: [{ id: 'u1' }, { id: 'u2' }],
    zero: 0,
  }

  test.each<[unknown, string | number, unknown]>([
    [object, 'name', 'Ada'],
    [object, 'profile.email', 'ada@acme.example'],
    [object, 'profile.tags.1', 'y'],
    [object, 'users.1.id', 'u2'],
    [object, 'users.0', { id: 'u1' }],
    [object, 'zero', 0],
    [object, 'missing', undefined],
    [object, 'users.9.id', undefined],
    [object, 'name.first', undefined],
    [object, 'toString', undefined],
    [object, 'users.length', undefined],
    ['{"a":{"b":3}}', 'a.b', 3],
    [null, 'a', undefined],
    [{ 5: 'five' }, 5, 'five'],
  ])('get(%j, %j) → %j', async (value, path, expected) => {
    expect((await run('object.get', { object: value, path })).outputs).toEqual({ value: expected })
  })

  test.each(['__proto__', 'constructor', 'profile.__proto__', 'profile.constructor.prototype'])(
    'path %j uses a reserved name and fails',
    async (path) => {
      const error = await failure(run('object.get', { object, path }))
      expect(error.message).toContain('reserved name')
    },
  )

  test.each<[unknown, string]>([
    [[1, 2], 'a List'],
    [42, 'a Number'],
    ['not json', 'Text'],
    ['[1]', 'Text'],
  ])('object %j is not an Object', async (value, described) => {
    const error = await failure(run('object.get', { object: value, path: 'a' }))
    expect(error.message).toBe(`Input "object" must be an Object, got ${described}`)
  })
})

describe('object.merge', () => {
  test.each<[Record<string, unknown>, Record<string, unknown>]>([
    [{}, {}],
    [{ a: { x: 1 } }, { x: 1 }],
    [
      { a: { x: 1, y: 1 }, b: { y: 2, z: 2 } },
      { x: 1, y: 2, z: 2 },
    ],
    [{ b: { y: 2 }, a: { y: 1 } }, { y: 1 }],
    [{ a: { x: 1 }, b: null, c: undefined, d: '' }, { x: 1 }],
    [{ a: '{"x":1}', b: { x: 2 } }, { x: 2 }],
    [{ a: { nested: { p: 1 } }, b: { nested: { q: 2 } } }, { nested: { q: 2 } }],
  ])('merge(%j) → %j', async (inputs, expected) => {
    expect((await run('object.merge', inputs)).outputs).toEqual({ output: expected })
  })

  test.each<[unknown, string]>([
    [5, 'a Number'],
    [[{ a: 1 }], 'a List'],
    [true, 'True/False'],
    ['nope', 'Text'],
  ])('a non-object input %j fails naming the input', async (bad, described) => {
    const error = await failure(run('object.merge', { good: { a: 1 }, bad }))
    expect(error.message).toBe(`Input "bad" must be an Object, got ${described}`)
  })

  test('does not mutate its inputs', async () => {
    const a = { x: 1 }
    const b = { x: 2 }
    await run('object.merge', { a, b })
    expect(a).toEqual({ x: 1 })
    expect(b).toEqual({ x: 2 })
  })
})

describe('flow control cards', () => {
  test.each<[string, boolean]>([
    ['flow.assign', false],
    ['flow.return', true],
    ['flow.returnOutputs', true],
  ])('%s outputs its inputs (returns: %s)', async (id, returns) => {
    const inputs = { a: 1, b: 'two', c: { d: [3] } }
    const outcome = await run(id, inputs)
    expect(outcome.outputs).toEqual(inputs)
    expect(outcome.outputs).not.toBe(inputs)
    expect(outcome.returns === true).toBe(returns)
  })

  test('flow.call calls the named helper with its inputs and outputs what it returns', async () => {
    const callFlow = vi.fn((name: string, input: Record<string, unknown>) =>
      Promise.resolve({ got: name, echo: input.x }),
    )
    const { context } = makeContext(undefined, { flow: 'helper' }, callFlow)
    const outcome = await run('flow.call', { x: 7 }, context)
    expect(callFlow).toHaveBeenCalledWith('helper', { x: 7 })
    expect(outcome.outputs).toEqual({ got: 'helper', echo: 7 })
    expect(outcome.returns).toBeUndefined()
  })

  test('flow.call propagates the helper failure', async () => {
    const { context } = makeContext(undefined, { flow: 'helper' }, () =>
      Promise.reject(new FlowError('helper broke', 418)),
    )
    const error = await failure(run('flow.call', {}, context))
    expect(error.message).toBe('helper broke')
    expect(error.code).toBe(418)
  })
})

describe('http.rawRequest', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' }

  test('sends method, url and headers through the http port and returns the decoded response', async () => {
    const { context, requests } = makeContext(() =>
      response(200, '{"ok":true,"list":[1]}', json, 'OK'),
    )
    const outcome = await run(
      'http.rawRequest',
      {
        url: 'https://hr.example/api/v1/users',
        method: 'get',
        headers: { Accept: 'application/json' },
      },
      context,
    )
    expect(requests).toEqual([
      {
        method: 'GET',
        url: 'https://hr.example/api/v1/users',
        headers: { Accept: 'application/json' },
        body: null,
      },
    ])
    expect(outcome.outputs).toEqual({
      statusCode: 200,
      headers: json,
      body: { ok: true, list: [1] },
    })
  })

  test.each<[Record<string, unknown>, string]>([
    [{}, 'https://hr.example/x'],
    [{ limit: 3 }, 'https://hr.example/x?limit=3'],
    [{ a: 'x y', b: true }, 'https://hr.example/x?a=x+y&b=true'],
    [{ id: ['u1', 'u2', 3] }, 'https://hr.example/x?id=u1&id=u2&id=3'],
    [{ skipNull: null, skipUndefined: undefined, keep: '' }, 'https://hr.example/x?keep='],
    [{ department: undefined, limit: 3 }, 'https://hr.example/x?limit=3'],
    [{ filter: { a: 1 } }, 'https://hr.example/x?filter=%7B%22a%22%3A1%7D'],
  ])('query %j builds %s', async (query, url) => {
    const { context, requests } = makeContext()
    await run('http.rawRequest', { url: 'https://hr.example/x', method: 'GET', query }, context)
    expect(requests[0]?.url).toBe(url)
  })

  test('query parameters are appended to ones already in the URL', async () => {
    const { context, requests } = makeContext()
    await run(
      'http.rawRequest',
      { url: 'https://hr.example/x?a=1', method: 'GET', query: { b: 2 } },
      context,
    )
    expect(requests[0]?.url).toBe('https://hr.example/x?a=1&b=2')
  })

  test.each<[unknown, Record<string, unknown>, string | null, Record<string, string>]>([
    [{ email: 'a@b.c' }, {}, '{"email":"a@b.c"}', { 'content-type': 'application/json' }],
    [[1, 2], {}, '[1,2]', { 'content-type': 'application/json' }],
    [
      { a: 1 },
      { 'Content-Type': 'application/vnd.api+json' },
      '{"a":1}',
      { 'Content-Type': 'application/vnd.api+json' },
    ],
    ['raw=text&x=1', {}, 'raw=text&x=1', {}],
    ['plain', { 'content-type': 'text/plain' }, 'plain', { 'content-type': 'text/plain' }],
    [null, {}, null, {}],
    [undefined, {}, null, {}],
    ['', {}, null, {}],
  ])('body %j with headers %j is sent as %j', async (body, headers, sentBody, sentHeaders) => {
    const { context, requests } = makeContext()
    await run(
      'http.rawRequest',
      { url: 'https://hr.example/x', method: 'POST', headers, body },
      context,
    )
    expect(requests[0]?.body).toBe(sentBody)
    expect(requests[0]?.headers).toEqual(sentHeaders)
  })

  test('header values are converted to text and empty ones dropped', async () => {
    const { context, requests } = makeContext()
    await run(
      'http.rawRequest',
      {
        url: 'https://hr.example/x',
        method: 'GET',
        headers: { 'X-N': 5, 'X-B': false, 'X-Null': null },
      },
      context,
    )
    expect(requests[0]?.headers).toEqual({ 'X-N': '5', 'X-B': 'false' })
  })

  test.each<[Record<string, string>, string, unknown]>([
    [{ 'content-type': 'application/json' }, '{"a":1}', { a: 1 }],
    [{ 'Content-Type': 'application/problem+json' }, '[1,2]', [1, 2]],
    [{ 'content-type': 'application/json' }, '', ''],
    [{ 'content-type': 'text/plain' }, '{"a":1}', '{"a":1}'],
    [{ 'content-type': 'text/html' }, '<p>hi</p>', '<p>hi</p>'],
    [{}, 'no content type', 'no content type'],
  ])('response with headers %j and body %j decodes to %j', async (headers, body, decoded) => {
    const { context } = makeContext(() => response(200, body, headers))
    const outcome = await run(
      'http.rawRequest',
      { url: 'https://hr.example/x', method: 'GET' },
      context,
    )
    expect(outcome.outputs.body).toEqual(decoded)
  })

  test('a JSON content type with a malformed body is a 502 FlowError', async () => {
    const { context } = makeContext(() =>
      response(200, '{"a":', { 'content-type': 'application/json' }),
    )
    const error = await failure(
      run('http.rawRequest', { url: 'https://hr.example/x', method: 'GET' }, context),
    )
    expect(error.code).toBe(502)
    expect(error.message).toContain('not valid JSON')
    expect(error.detail).toBe('{"a":')
  })

  test('an error status with a malformed JSON body keeps its status code and raw body', async () => {
    const { context } = makeContext(() =>
      response(503, '<html>upstream down</html>', { 'content-type': 'application/json' }),
    )
    const error = await failure(
      run('http.rawRequest', { url: 'https://hr.example/x', method: 'GET' }, context),
    )
    expect(error.code).toBe(503)
    expect(error.detail).toBe('<html>upstream down</html>')
  })

  test.each<[number, string, string, Record<string, string>, string]>([
    [
      401,
      'Unauthorized',
      '{"error":"unauthorized","message":"Invalid username or password"}',
      json,
      'HTTP 401 Unauthorized: Invalid username or password',
    ],
    [404, 'Not Found', '{"error":"not_found"}', json, 'HTTP 404 Not Found: not_found'],
    [
      400,
      'Bad Request',
      '{"errorSummary":"Api validation failed"}',
      json,
      'HTTP 400 Bad Request: Api validation failed',
    ],
    [
      500,
      'Internal Server Error',
      'boom',
      { 'content-type': 'text/plain' },
      'HTTP 500 Internal Server Error',
    ],
    [503, '', '', {}, 'HTTP 503'],
  ])('status %i fails with code = status', async (status, statusText, body, headers, message) => {
    const { context } = makeContext(() => response(status, body, headers, statusText))
    const error = await failure(
      run('http.rawRequest', { url: 'https://hr.example/x', method: 'GET' }, context),
    )
    expect(error.code).toBe(status)
    expect(error.message).toBe(message)
  })

  test('a 3xx response is not an error', async () => {
    const { context } = makeContext(() => response(304, '', {}, 'Not Modified'))
    const outcome = await run(
      'http.rawRequest',
      { url: 'https://hr.example/x', method: 'GET' },
      context,
    )
    expect(outcome.outputs.statusCode).toBe(304)
  })

  test.each(['FETCH', '', 'GE T', 'CONNECT'])(
    'method %j is rejected before any request',
    async (method) => {
      const { context, requests } = makeContext()
      const error = await failure(
        run('http.rawRequest', { url: 'https://hr.example/x', method }, context),
      )
      expect(error.message).toBe(`"${method.toUpperCase()}" is not an HTTP method`)
      expect(requests).toHaveLength(0)
    },
  )

  test.each(['', '/relative/path', 'hr.example/x', 'not a url'])(
    'url %j is rejected before any request',
    async (url) => {
      const { context, requests } = makeContext()
      const error = await failure(run('http.rawRequest', { url, method: 'GET' }, context))
      expect(error.message).toBe(`"${url}" is not a valid absolute URL`)
      expect(error.code).toBe(400)
      expect(requests).toHaveLength(0)
    },
  )

  test('passes the abort signal to the http port', async () => {
    const controller = new AbortController()
    const http = vi.fn((_request: HttpRequestData, _signal: AbortSignal) =>
      Promise.resolve(response(200, '')),
    )
    const { context } = makeContext()
    await run(
      'http.rawRequest',
      { url: 'https://hr.example/x', method: 'GET' },
      { ...context, signal: controller.signal, ports: { ...context.ports, http } },
    )
    expect(http.mock.calls[0]?.[1]).toBe(controller.signal)
  })
})
