// Covers the cards that run a helper flow per item (For Each, Map, Filter Custom, Reduce …):
// what each call receives, the promise pool (limit, order, first failure), error collection, and
// — through the interpreter — helper runs nesting in the trace.
import { describe, expect, test } from 'vitest'
import {
  loadProject,
  type Flow,
  type LoadedProject,
  type ProjectFiles,
  type Step,
} from '../../definition'
import { FlowError, RunAborted } from '../errors'
import { seededRandom, type EnginePorts } from '../ports'
import { runFlow } from '../run-flow'
import { cardCatalogue } from './index'
import { helperResult, runPool } from './list-helpers'
import { cardContext, runCard } from './test-support'

type Helper = (
  input: Record<string, unknown>,
) => Record<string, unknown> | Promise<Record<string, unknown>>

function context(
  helper: Helper,
  step: Partial<Step> = { flow: 'helper' },
  signal = new AbortController().signal,
) {
  const calls: { flow: string; input: Record<string, unknown> }[] = []
  const ctx = cardContext({
    step,
    signal,
    callFlow: async (flow, input) => {
      calls.push({ flow, input })
      return await helper(input)
    },
  })
  return { ctx, calls }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('runPool', () => {
  test('runs at most `limit` tasks at once and keeps results in order', async () => {
    let running = 0
    let peak = 0
    const results = await runPool(
      10,
      3,
      async (i) => {
        running++
        peak = Math.max(peak, running)
        await new Promise((resolve) => setTimeout(resolve, (10 - i) % 4))
        running--
        return i * 10
      },
      new AbortController().signal,
    )
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    expect(peak).toBe(3)
  })

  test('starts no task after the first failure and rethrows it once the others settle', async () => {
    const started: number[] = []
    let settled = 0
    const promise = runPool(
      10,
      2,
      async (i) => {
        started.push(i)
        await tick()
        settled++
        if (i === 1) throw new Error('boom')
        return i
      },
      new AbortController().signal,
    )
    await expect(promise).rejects.toThrow('boom')
    expect(started.length).toBeLessThanOrEqual(3)
    expect(settled).toBe(started.length)
  })

  test('an aborted signal stops the pool as a cancelled run', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(runPool(3, 1, () => Promise.resolve(1), controller.signal)).rejects.toBeInstanceOf(
      RunAborted,
    )
    expect(await runPool(0, 5, () => Promise.resolve(1), controller.signal)).toEqual([])
  })

  test('helperResult prefers the named output, else the first', () => {
    expect(helperResult({ a: 1, output: 2 }, 'output')).toBe(2)
    expect(helperResult({ a: 1, b: 2 }, 'output')).toBe(1)
    expect(helperResult({}, 'output')).toBeNull()
  })
})

describe('what each helper call receives', () => {
  test('For Each passes the item under itemKey, the index, item fields and the other inputs', async () => {
    const { ctx, calls } = context(() => ({}))
    const outputs = await runCard(
      'list.forEach',
      {
        list: [{ id: 'u1', profile: { login: 'ada' } }, { id: 'u2' }],
        itemKey: 'user',
        indexKey: 'position',
        itemFields: { userId: 'id', login: 'profile.login', whole: '' },
        group: 'g1',
        concurrency: 1,
      },
      ctx,
    )
    expect(outputs).toEqual({})
    expect(calls).toEqual([
      {
        flow: 'helper',
        input: {
          group: 'g1',
          user: { id: 'u1', profile: { login: 'ada' } },
          userId: 'u1',
          login: 'ada',
          whole: { id: 'u1', profile: { login: 'ada' } },
          position: 0,
        },
      },
      {
        flow: 'helper',
        input: {
          group: 'g1',
          user: { id: 'u2' },
          userId: 'u2',
          login: undefined,
          whole: { id: 'u2' },
          position: 1,
        },
      },
    ])
  })

  test('by default the item goes to "item", no index is passed, and itemKey "" passes none', async () => {
    const first = context(() => ({}))
    await runCard('list.forEach', { list: ['a'] }, first.ctx)
    expect(first.calls[0]?.input).toEqual({ item: 'a' })
    const second = context(() => ({}))
    await runCard('list.forEach', { list: ['a'], itemKey: '', itemFields: { x: '' } }, second.ctx)
    expect(second.calls[0]?.input).toEqual({ x: 'a' })
  })

  test.each<[Record<string, unknown>, RegExp]>([
    [{ list: [1], concurrency: 0 }, /Input "concurrency" must be between 1 and 100/],
    [{ list: [1], concurrency: 101 }, /between 1 and 100/],
    [{ list: [1], itemKey: '__proto__' }, /Input "itemKey" may not be "__proto__"/],
    [{ list: [1], itemFields: { constructor: 'a' } }, /may not be "constructor"/],
    [{ list: 'nope' }, /Input "list" must be a List/],
  ])('For Each with %j fails: %s', async (inputs, message) => {
    await expect(runCard('list.forEach', inputs, context(() => ({})).ctx)).rejects.toThrow(message)
  })

  test('a card without a helper flow fails clearly', async () => {
    await expect(runCard('list.map', { list: [1] }, context(() => ({}), {}).ctx)).rejects.toThrow(
      /needs a helper flow/,
    )
  })
})

describe('list helper cards', () => {
  test('Map collects the helper results in list order, even when calls finish out of order', async () => {
    const { ctx } = context(async (input) => {
      const n = input.item as number
      await new Promise((resolve) => setTimeout(resolve, (5 - n) * 2))
      return { output: n * 2, other: 'x' }
    })
    expect(await runCard('list.map', { list: [1, 2, 3, 4], concurrency: 4 }, ctx)).toEqual({
      output: [2, 4, 6, 8],
    })
  })

  test('Map takes the first output when the helper returns no "output"', async () => {
    const { ctx } = context((input) => ({ doubled: (input.item as number) * 2 }))
    expect(await runCard('list.map', { list: [1, 2] }, ctx)).toEqual({ output: [2, 4] })
  })

  test('For Each fails with the first failing call and starts no more', async () => {
    const { ctx, calls } = context((input) => {
      if (input.item === 2) throw new FlowError('bad item', 422)
      return {}
    })
    await expect(runCard('list.forEach', { list: [1, 2, 3, 4, 5] }, ctx)).rejects.toThrow(
      'bad item',
    )
    expect(calls.map((c) => c.input.item)).toEqual([1, 2])
  })

  test('For Each – Ignore Errors carries on and reports each failure', async () => {
    const { ctx, calls } = context((input) => {
      if (input.item === 2) throw new FlowError('bad item', 422)
      // A failed helper run reaches the card as an error carrying Workflows' error object.
      if (input.item === 4)
        throw Object.assign(new Error('x'), { error: { message: 'helper failed', code: 404 } })
      return {}
    })
    expect(
      await runCard('list.forEachIgnoreErrors', { list: [1, 2, 3, 4], concurrency: 2 }, ctx),
    ).toEqual({
      errors: [
        { index: 1, message: 'bad item', code: 422 },
        { index: 3, message: 'helper failed', code: 404 },
      ],
      errorCount: 2,
    })
    expect(calls).toHaveLength(4)
  })

  test('For Each – Ignore Errors does not swallow a cancelled or over-budget run', async () => {
    const { ctx } = context(() => {
      throw new RunAborted('The run exceeded 10 steps', 'budget')
    })
    await expect(runCard('list.forEachIgnoreErrors', { list: [1, 2] }, ctx)).rejects.toBeInstanceOf(
      RunAborted,
    )
  })

  test('Filter Custom keeps the items whose helper returns true ("keep", else the first output)', async () => {
    const keep = context((input) => ({ reason: 'x', keep: (input.item as number) % 2 === 0 }))
    expect(await runCard('list.filterCustom', { list: [1, 2, 3, 4] }, keep.ctx)).toEqual({
      list: [2, 4],
    })
    const first = context((input) => ({ result: input.item === 'b' ? 'true' : 'false' }))
    expect(await runCard('list.filterCustom', { list: ['a', 'b'] }, first.ctx)).toEqual({
      list: ['b'],
    })
    const bad = context(() => ({ result: 'maybe' }))
    await expect(runCard('list.filterCustom', { list: ['a'] }, bad.ctx)).rejects.toThrow(
      /the helper's result for item 0" must be True\/False/,
    )
  })

  test('Reduce threads the memo through the helper, one item at a time', async () => {
    const { ctx, calls } = context((input) => ({
      memo: (input.memo as number) + (input.item as number),
    }))
    expect(await runCard('list.reduce', { list: [1, 2, 3], memo: 10, extra: 'e' }, ctx)).toEqual({
      item: 16,
    })
    expect(calls.map((c) => c.input)).toEqual([
      { extra: 'e', item: 1, memo: 10 },
      { extra: 'e', item: 2, memo: 11 },
      { extra: 'e', item: 3, memo: 13 },
    ])
  })

  test('Reduce with a custom memoKey, and over an empty list', async () => {
    const { ctx } = context((input) => ({ total: [...(input.total as unknown[]), input.item] }))
    expect(
      await runCard('list.reduce', { list: ['a', 'b'], memo: [], memoKey: 'total' }, ctx),
    ).toEqual({
      item: ['a', 'b'],
    })
    expect(await runCard('list.reduce', { list: [], memo: 'start' }, ctx)).toEqual({
      item: 'start',
    })
  })

  test('Find Custom stops at the first match', async () => {
    const { ctx, calls } = context((input) => ({ found: (input.item as number) > 1 }))
    expect(await runCard('list.findCustom', { list: [1, 2, 3] }, ctx)).toEqual({
      item: 2,
      index: 1,
    })
    expect(calls).toHaveLength(2)
    expect(await runCard('list.findCustom', { list: [0, 1] }, ctx)).toEqual({
      item: null,
      index: -1,
    })
  })

  test('Sort Custom and Unique Custom use the helper-computed values', async () => {
    const { ctx } = context((input) => ({ output: (input.item as string).length }))
    expect(await runCard('list.sortCustom', { list: ['ccc', 'a', 'bb', 'd'] }, ctx)).toEqual({
      output: ['a', 'd', 'bb', 'ccc'],
    })
    expect(await runCard('list.uniqueCustom', { list: ['ccc', 'a', 'bb', 'd'] }, ctx)).toEqual({
      output: ['ccc', 'a', 'bb'],
    })
  })

  test('a cancelled run stops sequential helper cards before the next call', async () => {
    const controller = new AbortController()
    controller.abort()
    const { ctx, calls } = context(() => ({ memo: 1 }), { flow: 'helper' }, controller.signal)
    await expect(runCard('list.reduce', { list: [1] }, ctx)).rejects.toBeInstanceOf(RunAborted)
    await expect(runCard('list.findCustom', { list: [1] }, ctx)).rejects.toBeInstanceOf(RunAborted)
    await expect(runCard('list.map', { list: [1] }, ctx)).rejects.toBeInstanceOf(RunAborted)
    expect(calls).toEqual([])
  })
})

describe('object helper cards', () => {
  test('For Each, Map to List and Map pass each key and value', async () => {
    const { ctx, calls } = context((input) => ({
      output: `${String(input.key)}=${String(input.value)}`,
      key: String(input.key).toUpperCase(),
      value: (input.value as number) * 10,
    }))
    const object = { a: 1, b: 2 }
    expect(await runCard('object.forEach', { object, tag: 't' }, ctx)).toEqual({})
    expect(calls[0]?.input).toEqual({ tag: 't', key: 'a', value: 1 })
    expect(await runCard('object.mapToList', { object }, ctx)).toEqual({ output: ['a=1', 'b=2'] })
    expect(await runCard('object.map', { object }, ctx)).toEqual({ output: { A: 10, B: 20 } })
  })

  test('custom key and value input names', async () => {
    const { ctx, calls } = context(() => ({ output: 1 }))
    await runCard('object.mapToList', { object: { a: 1 }, keyKey: 'name', valueKey: 'v' }, ctx)
    expect(calls[0]?.input).toEqual({ name: 'a', v: 1 })
  })
})

// ─── Through the interpreter ──────────────────────────────────────────────────────────────────

/** A project of these flows, loaded and checked as the playground loads it: no errors allowed. */
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
    now: () => 1_700_000_000_000,
    elapsed: () => 0,
    newId: () => `exec-${++id}`,
    random: seededRandom(1),
    wait: () => Promise.resolve(),
  }
}

const double = {
  name: 'double',
  kind: 'helper',
  inputs: [
    { key: 'item', type: 'number' },
    { key: 'factor', type: 'number' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  steps: [
    {
      id: 'check',
      card: 'flow.returnErrorIf',
      inputs: {
        left: '=input.item',
        operator: '==',
        right: 3,
        statusCode: 422,
        message: 'three is not allowed',
      },
    },
    { id: 'times', card: 'number.multiply', inputs: { a: '=input.item', b: '=input.factor' } },
    { id: 'ret', card: 'flow.return', inputs: { output: '=times.output' } },
  ],
} as Flow

describe('helper cards in a run', () => {
  test('Map runs the helper per item; each run nests under the step in the trace', async () => {
    const main = {
      name: 'main',
      kind: 'action',
      outputs: [{ key: 'result', type: 'number', list: true }],
      steps: [
        {
          id: 'map',
          card: 'list.map',
          flow: 'double',
          inputs: { list: [1, 2], factor: 10, concurrency: 2 },
        },
        { id: 'ret', card: 'flow.returnOutputs', inputs: { result: '=map.output' } },
      ],
    } as Flow
    const result = await runFlow(project([main, double]), { flow: 'main' }, ports())
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ result: [10, 20] })
    const children = result.trace?.steps[0]?.children ?? []
    expect(children.map((c) => [c.flow, c.status, c.input])).toEqual([
      ['double', 'success', { factor: 10, item: 1 }],
      ['double', 'success', { factor: 10, item: 2 }],
    ])
    expect(result.stepsExecuted).toBe(2 + 2 * 3)
  })

  test('a failing helper fails For Each with the helper’s error, attributed to the step', async () => {
    const main = {
      name: 'main',
      kind: 'action',
      steps: [
        {
          id: 'each',
          card: 'list.forEach',
          flow: 'double',
          inputs: { list: [1, 3, 5], factor: 1 },
        },
      ],
    } as Flow
    const result = await runFlow(project([main, double]), { flow: 'main' }, ports())
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({
      message: 'three is not allowed',
      code: 422,
      method: 'each',
      flo: 'main',
    })
    expect(result.trace?.steps[0]?.children?.map((c) => c.status)).toEqual(['success', 'failed'])
  })

  test('For Each – Ignore Errors records the failed run in the trace and carries on', async () => {
    const main = {
      name: 'main',
      kind: 'action',
      outputs: [{ key: 'errors', type: 'object', list: true }],
      steps: [
        {
          id: 'each',
          card: 'list.forEachIgnoreErrors',
          flow: 'double',
          inputs: { list: [1, 3, 5], factor: 1 },
        },
        { id: 'ret', card: 'flow.returnOutputs', inputs: { errors: '=each.errors' } },
      ],
    } as Flow
    const result = await runFlow(project([main, double]), { flow: 'main' }, ports())
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({
      errors: [{ index: 1, message: 'three is not allowed', code: 422 }],
    })
    expect(result.trace?.steps[0]?.children?.map((c) => c.status)).toEqual([
      'success',
      'failed',
      'success',
    ])
  })

  test('the step budget counts helper steps and stops the run', async () => {
    const main = {
      name: 'main',
      kind: 'action',
      steps: [
        {
          id: 'each',
          card: 'list.forEachIgnoreErrors',
          flow: 'double',
          inputs: { list: [1, 2, 4, 5], factor: 1 },
        },
      ],
    } as Flow
    const result = await runFlow(project([main, double]), { flow: 'main' }, ports(), {
      limits: { maxSteps: 5 },
    })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toMatch(/exceeded 5 steps/)
  })
})
