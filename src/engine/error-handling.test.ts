// Covers per-card error handling on the virtual clock (retry on 429, and on 504 or chosen codes
// for HTTP cards, with waits between attempts; then halt, return values, or run another flow) and
// the bounded trace of long helper loops (first and last runs kept, the rest counted).
import { describe, expect, test } from 'vitest'
import { loadProject, type ProjectFiles } from '../definition'
import { cardCatalogue } from './cards'
import { seededRandom, virtualClock, type EnginePorts, type HttpResponseData } from './ports'
import { runFlow, TRACE_KEEP_CHILDREN } from './run-flow'

const START = Date.UTC(2026, 10, 24, 9, 0, 0)

function harness(responses: number[]) {
  const clock = virtualClock(() => START)
  const waits: number[] = []
  let calls = 0
  let id = 0
  const ports: EnginePorts = {
    http: () => {
      const status = responses[Math.min(calls++, responses.length - 1)] ?? 200
      const response: HttpResponseData = {
        status,
        statusText: status === 200 ? 'OK' : 'Error',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(status === 200 ? { ok: true } : { message: `status ${status}` }),
      }
      return Promise.resolve(response)
    },
    now: clock.now,
    wait: (ms, signal) => {
      waits.push(ms)
      return clock.wait(ms, signal)
    },
    elapsed: () => 0,
    newId: () => `e${++id}`,
    random: seededRandom(1),
  }
  return { ports, waits, calls: () => calls, clock }
}

function project(flows: Record<string, unknown>[]) {
  const files: ProjectFiles = {
    'connector.json': JSON.stringify({ name: 'T', key: 't', baseUrl: 'https://hr.example' }),
  }
  for (const flow of flows) files[`flows/${String(flow.name)}.json`] = JSON.stringify(flow)
  const loaded = loadProject(files, cardCatalogue)
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return loaded
}

const request = (errorHandling: Record<string, unknown>) => ({
  id: 'req',
  card: 'http.rawRequest',
  inputs: { url: 'https://hr.example/api', method: 'GET' },
  errorHandling,
})
const main = (steps: unknown[]) => ({ name: 'Main', kind: 'action', steps })
const finish = { id: 'done', card: 'flow.return', inputs: { status: '=req.statusCode' } }

describe('retries', () => {
  test('429 twice then 200: retried with waits between 1 and 3 minutes on the virtual clock', async () => {
    const h = harness([429, 429, 200])
    const result = await runFlow(
      project([main([request({ retry: 3, waitMinutes: [1, 3] }), finish])]),
      { flow: 'Main' },
      h.ports,
    )
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ status: 200 })
    expect(h.calls()).toBe(3)
    expect(h.waits).toHaveLength(2)
    for (const ms of h.waits) {
      expect(ms).toBeGreaterThanOrEqual(60_000)
      expect(ms).toBeLessThanOrEqual(180_000)
    }
    expect(h.clock.now() - START).toBe(h.waits.reduce((a, b) => a + b, 0))
    expect(result.trace?.steps[0]?.retries).toBe(2)
  })

  test('retries run out: the flow halts with the last error after retry + 1 attempts', async () => {
    const h = harness([429])
    const result = await runFlow(
      project([main([request({ retry: 2 }), finish])]),
      { flow: 'Main' },
      h.ports,
    )
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ code: 429, method: 'req' })
    expect(h.calls()).toBe(3)
    expect(h.waits).toEqual([60_000, 60_000])
  })

  test.each<[string, Record<string, unknown>, number, number]>([
    ['a 400 is not a rate limit', { retry: 3 }, 400, 1],
    ['504 is retried on HTTP cards by default', { retry: 1 }, 504, 2],
    ['a chosen list retries only its codes', { retry: 2, retryOn: [503] }, 503, 3],
    ['a chosen list does not retry other codes', { retry: 2, retryOn: [503] }, 429, 1],
    ['all codes', { retry: 1, retryOn: 'all' }, 500, 2],
  ])('%s', async (_what, handling, status, attempts) => {
    const h = harness([status])
    await runFlow(project([main([request(handling), finish])]), { flow: 'Main' }, h.ports)
    expect(h.calls()).toBe(attempts)
  })

  test('ordinary cards retry only on 429', async () => {
    const h = harness([200])
    const result = await runFlow(
      project([
        main([
          {
            id: 'e',
            card: 'flow.returnError',
            inputs: { statusCode: 500, message: 'boom' },
            errorHandling: { retry: 3, retryOn: 'all' },
          },
        ]),
      ]),
      { flow: 'Main' },
      h.ports,
    )
    expect(result.error?.code).toBe(500)
    expect(h.waits).toEqual([])
  })
})

describe('after the retries', () => {
  test('Return Values: the card gives the configured values and the flow goes on', async () => {
    const h = harness([500])
    const result = await runFlow(
      project([
        main([
          { id: 'fallback', card: 'flow.assign', inputs: { code: 0 } },
          {
            ...request({
              then: 'returnValues',
              values: { statusCode: '=fallback.code', body: 'unavailable' },
            }),
          },
          {
            id: 'done',
            card: 'flow.return',
            inputs: { status: '=req.statusCode', body: '=req.body' },
          },
        ]),
      ]),
      { flow: 'Main' },
      h.ports,
    )
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ status: 0, body: 'unavailable' })
    expect(result.trace?.steps[1]?.handledError).toMatchObject({
      code: 500,
      method: 'req',
      flo: 'Main',
    })
  })

  test("Run another Flow: the helper gets the error and returns the card's outputs", async () => {
    const h = harness([503])
    const result = await runFlow(
      project([
        main([
          request({ then: 'runFlow', flow: 'On Error' }),
          { id: 'done', card: 'flow.return', inputs: { note: '=req.body' } },
        ]),
        {
          name: 'On Error',
          kind: 'helper',
          inputs: [{ key: 'error', type: 'object' }],
          outputs: [{ key: 'body', type: 'text' }],
          steps: [
            {
              id: 'msg',
              card: 'text.concatenate',
              inputs: { a: 'handled ', b: '=input.error.code' },
            },
            { id: 'r', card: 'flow.return', inputs: { body: '=msg.output' } },
          ],
        },
      ]),
      { flow: 'Main' },
      h.ports,
    )
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ note: 'handled 503' })
    expect(result.trace?.steps[0]?.children?.[0]?.flow).toBe('On Error')
  })
})

describe('bounded trace', () => {
  test(`a long For Each keeps the first and last ${TRACE_KEEP_CHILDREN} helper runs and counts the rest`, async () => {
    const h = harness([200])
    const items = Array.from({ length: 50 }, (_, i) => ({ n: i }))
    const result = await runFlow(
      project([
        main([
          { id: 'each', card: 'list.forEach', flow: 'Per Item', inputs: { list: '=input.items' } },
        ]),
        {
          name: 'Per Item',
          kind: 'helper',
          inputs: [{ key: 'item', type: 'object' }],
          steps: [{ id: 'r', card: 'flow.return', inputs: { n: '=input.item.n' } }],
        },
      ]),
      { flow: 'Main', input: { items } },
      h.ports,
    )
    expect(result.status).toBe('success')
    const each = result.trace?.steps[0]
    expect(each?.children).toHaveLength(2 * TRACE_KEEP_CHILDREN)
    expect(each?.omittedChildren).toBe(50 - 2 * TRACE_KEEP_CHILDREN)
    const ns = each?.children?.map((c) => (c.input.item as { n: number }).n)
    expect(ns?.slice(0, 3)).toEqual([0, 1, 2])
    expect(ns?.slice(-3)).toEqual([47, 48, 49])
    expect(result.stepsExecuted).toBe(1 + 50)
  })
})

test('the trace records the virtual time a step waited, beside its wall time', async () => {
  const h = harness([429, 200])
  const result = await runFlow(
    project([main([request({ retry: 1, waitMinutes: 2 }), finish])]),
    { flow: 'Main' },
    h.ports,
  )
  expect(result.trace?.steps[0]?.virtualMs).toBe(120_000)
  expect(result.trace?.steps[1]?.virtualMs).toBeUndefined()
})

test('the trace of a For Each stays the same size whatever the list length', async () => {
  const sizeFor = async (count: number) => {
    const h = harness([200])
    const result = await runFlow(
      project([
        main([
          { id: 'each', card: 'list.forEach', flow: 'Per Item', inputs: { list: '=input.items' } },
        ]),
        {
          name: 'Per Item',
          kind: 'helper',
          inputs: [{ key: 'item', type: 'object' }],
          steps: [{ id: 'r', card: 'flow.return', inputs: { n: '=input.item.n' } }],
        },
      ]),
      { flow: 'Main', input: { items: Array.from({ length: count }, (_, n) => ({ n })) } },
      h.ports,
    )
    expect(result.status).toBe('success')
    return JSON.stringify(result.trace).length
  }
  const small = await sizeFor(1_000)
  const large = await sizeFor(20_000)
  // 20× the items, the same trace (only the omitted-count digits differ).
  expect(large / small).toBeLessThan(1.05)
})

test("a helper's outputs reach the caller whole: only the trace's copy is bounded and redacted", async () => {
  const h = harness([200])
  const loaded = project([
    main([
      {
        id: 'call',
        card: 'flow.call',
        flow: 'Echo',
        inputs: { items: '=input.items', secret: '=connection.password' },
      },
      { id: 'count', card: 'list.length', inputs: { list: '=call.items' } },
      { id: 'size', card: 'text.length', inputs: { text: '=call.secret' } },
      {
        id: 'done',
        card: 'flow.return',
        inputs: { count: '=count.length', secretLength: '=size.output', secret: '=call.secret' },
      },
    ]),
    {
      name: 'Echo',
      kind: 'helper',
      inputs: [
        { key: 'items', type: 'number', list: true },
        { key: 'secret', type: 'text' },
      ],
      outputs: [
        { key: 'items', type: 'number', list: true },
        { key: 'secret', type: 'text' },
      ],
      steps: [
        {
          id: 'r',
          card: 'flow.return',
          inputs: { items: '=input.items', secret: '=input.secret' },
        },
      ],
    },
  ])
  const result = await runFlow(
    loaded,
    {
      flow: 'Main',
      input: { items: Array.from({ length: 500 }, (_, i) => i) },
      connection: { username: 'demo', password: 'Acme-Demo-7431' },
    },
    h.ports,
  )
  expect(result.status).toBe('success')
  // The caller got all 500 items and the real secret (14 characters) …
  expect(result.outputs?.count).toBe(500)
  expect(result.outputs?.secretLength).toBe(14)
  // … while what is shown is redacted, and the trace's copy of the list is cut short.
  expect(result.outputs?.secret).toBe('••••••')
  expect(JSON.stringify(result.trace)).not.toContain('Acme-Demo-7431')
  const echoed = result.trace?.steps[0]?.children?.[0]?.outputs?.items as unknown[]
  expect(echoed).toHaveLength(101)
})
