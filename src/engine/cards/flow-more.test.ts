// Covers Call Flow Async, Repeat, Wait For and Wait Until, on their own and through the
// interpreter (helper runs nest in the trace; an async helper's failure stays with the helper).
import { describe, expect, test } from 'vitest'
import {
  loadProject,
  type Flow,
  type LoadedProject,
  type ProjectFiles,
  type Step,
} from '../../definition'
import { FlowError, RunAborted } from '../errors'
import { seededRandom, virtualClock, type EnginePorts } from '../ports'
import { runFlow } from '../run-flow'
import { cardCatalogue } from './index'
import { cardContext, runCard } from './test-support'

const START = Date.UTC(2024, 0, 31, 12)

function context(
  helper: (input: Record<string, unknown>) => Record<string, unknown> = () => ({}),
  step: Partial<Step> = { flow: 'helper' },
) {
  const clock = virtualClock(() => START)
  const calls: Record<string, unknown>[] = []
  const waits: number[] = []
  const ctx = cardContext({
    step,
    ports: {
      now: clock.now,
      wait: (ms, signal) => {
        waits.push(ms)
        return clock.wait(ms, signal)
      },
    },
    callFlow: (_flow, input) => {
      calls.push(input)
      try {
        return Promise.resolve(helper(input))
      } catch (error) {
        return Promise.reject(error as Error)
      }
    },
  })
  return { ctx, calls, waits, clock }
}

describe('flow.callAsync', () => {
  test('runs the helper with the inputs and returns nothing', async () => {
    const { ctx, calls } = context(() => ({ ignored: true }))
    expect(await runCard('flow.callAsync', { userId: 'u1' }, ctx)).toEqual({})
    expect(calls).toEqual([{ userId: 'u1' }])
  })

  test('a helper failure does not fail the caller, but a stopped run does', async () => {
    const failing = context(() => {
      throw new FlowError('helper broke', 500)
    })
    expect(await runCard('flow.callAsync', {}, failing.ctx)).toEqual({})
    const aborted = context(() => {
      throw new RunAborted('The run was cancelled', 'cancelled')
    })
    await expect(runCard('flow.callAsync', {}, aborted.ctx)).rejects.toBeInstanceOf(RunAborted)
    await expect(runCard('flow.callAsync', {}, context(() => ({}), {}).ctx)).rejects.toThrow(
      /needs a helper flow/,
    )
  })
})

describe('flow.repeat', () => {
  test('calls the helper count times with the index and the other inputs', async () => {
    const { ctx, calls } = context()
    expect(await runCard('flow.repeat', { count: 3, tag: 't' }, ctx)).toEqual({})
    expect(calls).toEqual([
      { tag: 't', index: 0 },
      { tag: 't', index: 1 },
      { tag: 't', index: 2 },
    ])
  })

  test('a custom or empty indexKey, zero times, and concurrency', async () => {
    const named = context()
    await runCard('flow.repeat', { count: 2, indexKey: 'n', concurrency: 2 }, named.ctx)
    expect(named.calls).toEqual([{ n: 0 }, { n: 1 }])
    const none = context()
    await runCard('flow.repeat', { count: 1, indexKey: '' }, none.ctx)
    expect(none.calls).toEqual([{}])
    const zero = context()
    await runCard('flow.repeat', { count: 0 }, zero.ctx)
    expect(zero.calls).toEqual([])
  })

  test.each<[Record<string, unknown>, RegExp]>([
    [{ count: -1 }, /Input "count" must be between 0 and 100000/],
    [{ count: 1.5 }, /whole number/],
    [{ count: 100_001 }, /between 0 and 100000/],
    [{ count: 2, concurrency: 0 }, /Input "concurrency" must be between 1 and 100/],
    [{ count: 2, indexKey: '__proto__' }, /may not be "__proto__"/],
  ])('Repeat with %j fails: %s', async (inputs, message) => {
    await expect(runCard('flow.repeat', inputs, context().ctx)).rejects.toThrow(message)
  })

  test('the first failing call fails Repeat', async () => {
    const { ctx, calls } = context((input) => {
      if (input.index === 1) throw new FlowError('nope')
      return {}
    })
    await expect(runCard('flow.repeat', { count: 5 }, ctx)).rejects.toThrow('nope')
    expect(calls).toHaveLength(2)
  })
})

describe('Wait For and Wait Until', () => {
  test.each<[number, string, number]>([
    [10, 'second', 10_000],
    [1.5, 'minutes', 90_000],
    [2, 'Hours', 7_200_000],
    [1, 'days', 86_400_000],
    [0, 'seconds', 0],
    // 31 January + 1 month = 29 February (2024 is a leap year): 29 days.
    [1, 'month', 29 * 86_400_000],
  ])('Wait For %j %s waits %j ms on the clock port', async (delay, unit, ms) => {
    const { ctx, waits, clock } = context()
    expect(await runCard('flow.waitFor', { delay, unit }, ctx)).toEqual({})
    expect(waits).toEqual([ms])
    expect(clock.now()).toBe(START + ms)
  })

  test.each<[Record<string, unknown>, RegExp]>([
    [{ delay: -1, unit: 'seconds' }, /must not be negative/],
    [{ delay: 1, unit: 'fortnight' }, /Input "unit" must be one of/],
    [{ delay: 'soon', unit: 'seconds' }, /Input "delay" must be a Number/],
    [{ delay: 0.5, unit: 'months' }, /whole number of months/],
  ])('Wait For %j fails: %s', async (inputs, message) => {
    await expect(runCard('flow.waitFor', inputs, context().ctx)).rejects.toThrow(message)
  })

  test('Wait Until waits until the time, or not at all when it has passed', async () => {
    const { ctx, waits } = context()
    expect(await runCard('flow.waitUntil', { time: '2024-01-31T12:05:00Z' }, ctx)).toEqual({
      output: '2024-01-31T12:05:00.000Z',
    })
    await runCard('flow.waitUntil', { time: '2020-01-01' }, ctx)
    expect(waits).toEqual([300_000, 0])
  })

  test('a cancelled run does not wait', async () => {
    const { ctx, waits } = context()
    const controller = new AbortController()
    controller.abort()
    await expect(
      runCard('flow.waitFor', { delay: 1, unit: 'seconds' }, { ...ctx, signal: controller.signal }),
    ).rejects.toBeInstanceOf(RunAborted)
    expect(waits).toEqual([])
  })
})

// ─── Through the interpreter ──────────────────────────────────────────────────────────────────

function project(flows: Flow[]): LoadedProject {
  const files: ProjectFiles = {
    'connector.json': JSON.stringify({ name: 'Test', key: 'test', baseUrl: 'https://api.example' }),
  }
  for (const flow of flows) files[`flows/${flow.name}.json`] = JSON.stringify(flow)
  const loaded = loadProject(files, cardCatalogue)
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return loaded
}

function ports(): EnginePorts {
  let id = 0
  return {
    http: () => Promise.reject(new Error('no http')),
    ...virtualClock(() => START),
    elapsed: () => 0,
    newId: () => `exec-${++id}`,
    random: seededRandom(1),
    wait: () => Promise.resolve(),
  }
}

const failing = {
  name: 'fail',
  kind: 'helper',
  inputs: [{ key: 'reason', type: 'text' }],
  steps: [
    { id: 'boom', card: 'flow.returnError', inputs: { statusCode: 409, message: '=input.reason' } },
  ],
} as Flow

describe('flow cards in a run', () => {
  test('Call Flow Async: the helper’s failure shows in its nested trace; the caller succeeds', async () => {
    const main = {
      name: 'main',
      kind: 'action',
      outputs: [{ key: 'done', type: 'boolean' }],
      steps: [
        { id: 'async', card: 'flow.callAsync', flow: 'fail', inputs: { reason: 'conflict' } },
        { id: 'ret', card: 'flow.returnOutputs', inputs: { done: true } },
      ],
    } as Flow
    const result = await runFlow(project([main, failing]), { flow: 'main' }, ports())
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ done: true })
    const step = result.trace?.steps[0]
    expect(step?.status).toBe('success')
    expect(step?.children?.map((c) => [c.flow, c.status, c.error?.message, c.error?.code])).toEqual(
      [['fail', 'failed', 'conflict', 409]],
    )
  })

  test('Repeat nests one helper run per call', async () => {
    const counter = {
      name: 'count',
      kind: 'helper',
      inputs: [{ key: 'index', type: 'number' }],
      steps: [{ id: 'note', card: 'flow.comment', inputs: { text: 'call' } }],
    } as Flow
    const main = {
      name: 'main',
      kind: 'action',
      steps: [{ id: 'repeat', card: 'flow.repeat', flow: 'count', inputs: { count: 3 } }],
    } as Flow
    const result = await runFlow(project([main, counter]), { flow: 'main' }, ports())
    expect(result.status).toBe('success')
    expect(result.trace?.steps[0]?.children?.map((c) => c.input)).toEqual([
      { index: 0 },
      { index: 1 },
      { index: 2 },
    ])
  })
})
