// Covers the Get, Post, Put, Patch and Delete cards: the request each sends through the http
// port, JSON decoding of the response, and errors for statuses of 400 and above.
import { describe, expect, test } from 'vitest'
import { FlowError } from '../errors'
import type { HttpRequestData, HttpResponseData } from '../ports'
import { getCard } from './index'
import { cardContext, runCard } from './test-support'

function context(respond: (request: HttpRequestData) => HttpResponseData) {
  const requests: HttpRequestData[] = []
  const ctx = cardContext({
    ports: {
      http: (request) => {
        requests.push(request)
        return Promise.resolve(respond(request))
      },
    },
  })
  return { ctx, requests }
}

const json = (status: number, body: unknown): HttpResponseData => ({
  status,
  statusText: status === 200 ? 'OK' : status === 404 ? 'Not Found' : '',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

describe('HTTP verb cards', () => {
  test.each<[string, string]>([
    ['http.get', 'GET'],
    ['http.post', 'POST'],
    ['http.put', 'PUT'],
    ['http.patch', 'PATCH'],
    ['http.delete', 'DELETE'],
  ])('%s sends %s with url, query and headers, and decodes a JSON response', async (id, method) => {
    const { ctx, requests } = context(() => json(200, { ok: true }))
    const outputs = await runCard(
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
      await runCard('http.post', { url: 'https://api.example/u', body: { name: 'Ada' } }, ctx),
    ).toEqual({
      statusCode: 201,
      headers: {},
      body: 'made',
    })
    await runCard(
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
    await runCard('http.get', { url: 'https://api.example/u', body: { ignored: true } }, ctx)
    expect(requests[0]?.body).toBeNull()
  })

  test('a response of 400 or above fails with its status, message and body', async () => {
    const { ctx } = context(() => json(404, { errorSummary: 'Not found: u9' }))
    const error = await runCard('http.delete', { url: 'https://api.example/u9' }, ctx).catch(
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
    await expect(runCard('http.get', { url: 'api.example/u' }, ctx)).rejects.toThrow(
      /not a valid absolute URL/,
    )
    expect(requests).toEqual([])
  })
})
