// Covers the Get, Post, Put, Patch and Delete cards: the request each sends through the http
// port, JSON decoding of the response, and errors for statuses of 400 and above.
import { describe, expect, test } from 'vitest'
import { FlowError } from '../errors'
import { seededRandom, type HttpRequestData, type HttpResponseData } from '../ports'
import type { CardContext } from './card'
import { getCard } from './index'

function context(respond: (request: HttpRequestData) => HttpResponseData) {
  const requests: HttpRequestData[] = []
  const ctx: CardContext = {
    step: { id: 's', card: 'x' },
    flowName: 'Test',
    ports: {
      http: (request) => {
        requests.push(request)
        return Promise.resolve(respond(request))
      },
      now: () => 0,
      elapsed: () => 0,
      newId: () => 'id',
      random: seededRandom(1),
      wait: () => Promise.resolve(),
    },
    signal: new AbortController().signal,
    callFlow: () => Promise.reject(new Error('no helpers')),
  }
  return { ctx, requests }
}

const json = (status: number, body: unknown): HttpResponseData => ({
  status,
  statusText: status === 200 ? 'OK' : status === 404 ? 'Not Found' : '',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

async function run(id: string, inputs: Record<string, unknown>, ctx: CardContext) {
  const card = getCard(id)
  if (!card?.run) throw new Error(`no card ${id}`)
  return (await card.run(inputs, ctx)).outputs
}

describe('HTTP verb cards', () => {
  test.each<[string, string]>([
    ['http.get', 'GET'],
    ['http.post', 'POST'],
    ['http.put', 'PUT'],
    ['http.patch', 'PATCH'],
    ['http.delete', 'DELETE'],
  ])('%s sends %s with url, query and headers, and decodes a JSON response', async (id, method) => {
    const { ctx, requests } = context(() => json(200, { ok: true }))
    const outputs = await run(
      id,
      {
        url: 'https://api.example/users',
        query: { limit: 2, tag: ['a', 'b'] },
        headers: { Accept: 'application/json', 'X-Skip': null },
      },
      ctx,
    )
    expect(outputs).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: { ok: true },
    })
    expect(requests).toEqual([
      {
        method,
        url: 'https://api.example/users?limit=2&tag=a&tag=b',
        headers: { Accept: 'application/json' },
        body: null,
      },
    ])
  })

  test('an object body is sent as JSON with a content type; text is sent as it is', async () => {
    const { ctx, requests } = context(() => ({
      status: 201,
      statusText: 'Created',
      headers: {},
      body: 'made',
    }))
    expect(
      await run('http.post', { url: 'https://api.example/u', body: { name: 'Ada' } }, ctx),
    ).toEqual({
      statusCode: 201,
      headers: {},
      body: 'made',
    })
    await run(
      'http.put',
      { url: 'https://api.example/u', body: 'a=1', headers: { 'Content-Type': 'text/plain' } },
      ctx,
    )
    expect(requests.map((r) => [r.method, r.headers, r.body])).toEqual([
      ['POST', { 'content-type': 'application/json' }, '{"name":"Ada"}'],
      ['PUT', { 'Content-Type': 'text/plain' }, 'a=1'],
    ])
  })

  test('Get has no body input and never sends one', async () => {
    const { ctx, requests } = context(() => json(200, {}))
    expect(getCard('http.get')?.inputs.map((i) => i.key)).toEqual(['url', 'headers', 'query'])
    await run('http.get', { url: 'https://api.example/u', body: { ignored: true } }, ctx)
    expect(requests[0]?.body).toBeNull()
  })

  test('a response of 400 or above fails with its status, message and body', async () => {
    const { ctx } = context(() => json(404, { errorSummary: 'Not found: u9' }))
    const error = await run('http.delete', { url: 'https://api.example/u9' }, ctx).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(FlowError)
    expect(error).toMatchObject({
      code: 404,
      message: 'HTTP 404 Not Found: Not found: u9',
      detail: { errorSummary: 'Not found: u9' },
    })
  })

  test('an invalid URL fails before anything is sent', async () => {
    const { ctx, requests } = context(() => json(200, {}))
    await expect(run('http.get', { url: 'api.example/u' }, ctx)).rejects.toThrow(
      /not a valid absolute URL/,
    )
    expect(requests).toEqual([])
  })
})
