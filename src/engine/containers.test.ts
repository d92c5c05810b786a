// Covers containers and flow-control cards with Workflows' semantics: If/Else, If/ElseIf and
// If Error run their lists in a child scope; Return and Continue If inside end only the container;
// If Error's catch receives {message, code, method, flo, execution}; Return Error halts the flow.
import { describe, expect, test } from 'vitest'
import { loadProject, type ProjectFiles } from '../definition'
import { cardCatalogue } from './cards'
import { seededRandom, type EnginePorts } from './ports'
import { runFlow } from './run-flow'

function ports(): EnginePorts {
  let t = 0
  let id = 0
  return {
    http: () => Promise.resolve({ status: 500, statusText: 'Error', headers: {}, body: '' }),
    now: () => 1_700_000_000_000 + t,
    elapsed: () => (t += 1),
    newId: () => `exec-${++id}`,
    random: seededRandom(7),
    wait: () => Promise.resolve(),
  }
}

async function runSteps(steps: unknown[], input: Record<string, unknown> = {}) {
  const files: ProjectFiles = {
    'connector.json': JSON.stringify({ name: 'T', key: 't', baseUrl: 'https://hr.example' }),
    'flows/Main.json': JSON.stringify({ name: 'Main', kind: 'action', steps }),
  }
  const project = loadProject(files, cardCatalogue)
  expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  return runFlow(project, { flow: 'Main', input }, ports())
}

const ifElse = (
  left: unknown,
  operator: string,
  right: unknown,
  then: unknown[],
  otherwise: unknown[],
) => ({
  id: 'branch',
  card: 'flow.ifElse',
  inputs: { left, operator, right },
  then,
  else: otherwise,
})
const ret = (id: string, inputs: Record<string, unknown>) => ({ id, card: 'flow.return', inputs })

describe('If/Else', () => {
  test.each([
    [5, '>', 3, 'big'],
    [2, '>', 3, 'small'],
    ['10', '==', 10, 'big'],
  ])('%j %s %j takes the right branch', async (left, operator, right, expected) => {
    const result = await runSteps([
      ifElse(left, operator, right, [ret('t', { size: 'big' })], [ret('e', { size: 'small' })]),
      ret('done', { size: '=branch.size' }),
    ])
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ size: expected })
    expect(result.trace?.steps[0]?.lists?.map((l) => l.name)).toEqual([
      expected === 'big' ? 'then' : 'else',
    ])
  })

  test('a Return inside a branch ends only the branch: the flow goes on', async () => {
    const result = await runSteps([
      ifElse(
        1,
        '==',
        1,
        [ret('early', { x: 1 }), { id: 'never', card: 'flow.assign', inputs: { y: 2 } }],
        [],
      ),
      { id: 'after', card: 'flow.assign', inputs: { seen: '=branch.x' } },
      ret('done', { seen: '=after.seen' }),
    ])
    expect(result.outputs).toEqual({ seen: 1 })
    const branch = result.trace?.steps[0]
    expect(branch?.lists?.[0]?.steps.map((s) => s.stepId)).toEqual(['early'])
  })

  test('steps inside a branch see the outer scope', async () => {
    const result = await runSteps(
      [
        { id: 'outer', card: 'flow.assign', inputs: { v: 'outer value' } },
        ifElse('=input.flag', '==', true, [ret('t', { got: '=outer.v', flag: '=input.flag' })], []),
        ret('done', { got: '=branch.got' }),
      ],
      { flag: 'true' },
    )
    expect(result.outputs).toEqual({ got: 'outer value' })
  })
})

describe('If/ElseIf', () => {
  const grade = (score: number) =>
    runSteps(
      [
        {
          id: 'grade',
          card: 'flow.ifElseIf',
          branches: [
            {
              when: { left: '=input.score', operator: '>=', right: 90 },
              steps: [ret('a', { g: 'A' })],
            },
            {
              when: { left: '=input.score', operator: '>=', right: 80 },
              steps: [ret('b', { g: 'B' })],
            },
          ],
          else: [ret('c', { g: 'C' })],
        },
        ret('done', { g: '=grade.g' }),
      ],
      { score },
    )
  test.each([
    [95, 'A', 'branch 1'],
    [85, 'B', 'branch 2'],
    [10, 'C', 'else'],
  ])('score %i gives %s through %s', async (score, expected, list) => {
    const result = await grade(score)
    expect(result.outputs).toEqual({ g: expected })
    expect(result.trace?.steps[0]?.lists?.[0]?.name).toBe(list)
  })
})

describe('If Error', () => {
  test('a failure in try runs catch with the Workflows error object', async () => {
    const result = await runSteps([
      {
        id: 'guard',
        card: 'flow.ifError',
        try: [
          {
            id: 'boom',
            card: 'flow.returnError',
            inputs: { statusCode: 409, message: 'Already exists' },
          },
          { id: 'never', card: 'flow.assign', inputs: { x: 1 } },
        ],
        catch: [
          ret('handled', {
            message: '=error.message',
            code: '=error.code',
            method: '=error.method',
            flo: '=error.flo',
          }),
        ],
      },
      ret('done', { caught: '=guard' }),
    ])
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({
      caught: { message: 'Already exists', code: 409, method: 'boom', flo: 'Main' },
    })
    const lists = result.trace?.steps[0]?.lists
    expect(lists?.map((l) => l.name)).toEqual(['try', 'catch'])
    expect(lists?.[0]?.steps.map((s) => [s.stepId, s.status])).toEqual([['boom', 'failed']])
  })

  test('without a failure, catch does not run and try returns the outputs', async () => {
    const result = await runSteps([
      {
        id: 'guard',
        card: 'flow.ifError',
        try: [ret('ok', { v: 1 })],
        catch: [ret('bad', { v: 2 })],
      },
      ret('done', { v: '=guard.v' }),
    ])
    expect(result.outputs).toEqual({ v: 1 })
    expect(result.trace?.steps[0]?.lists?.map((l) => l.name)).toEqual(['try'])
  })

  test('a failure in catch fails the flow', async () => {
    const result = await runSteps([
      {
        id: 'guard',
        card: 'flow.ifError',
        try: [{ id: 'a', card: 'flow.returnError', inputs: { statusCode: 400, message: 'first' } }],
        catch: [
          { id: 'b', card: 'flow.returnError', inputs: { statusCode: 502, message: 'second' } },
        ],
      },
    ])
    expect(result.status).toBe('failed')
    expect(result.error).toMatchObject({ message: 'second', code: 502, method: 'b', flo: 'Main' })
  })
})

describe('Continue If, Return Error If, Assign If, Lookup', () => {
  test('Continue If that does not hold stops the flow quietly with its message', async () => {
    const result = await runSteps([
      {
        id: 'gate',
        card: 'flow.continueIf',
        inputs: { left: 1, operator: '==', right: 2, message: 'Nothing to do' },
      },
      { id: 'never', card: 'flow.assign', inputs: { x: 1 } },
    ])
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ message: 'Nothing to do' })
    expect(result.trace?.steps.map((s) => s.stepId)).toEqual(['gate'])
  })

  test('Continue If inside a container ends only the container', async () => {
    const result = await runSteps([
      ifElse(
        1,
        '==',
        1,
        [
          {
            id: 'gate',
            card: 'flow.continueIf',
            inputs: { left: 'a', operator: '==', right: 'b' },
          },
          ret('never', { x: 1 }),
        ],
        [],
      ),
      ret('done', { after: 'yes' }),
    ])
    expect(result.outputs).toEqual({ after: 'yes' })
  })

  test('Return Error If halts with the status code only when the comparison holds', async () => {
    const check = (value: unknown) =>
      runSteps([
        {
          id: 'v',
          card: 'flow.returnErrorIf',
          inputs: {
            left: value,
            operator: 'is empty',
            statusCode: 422,
            message: 'email is required',
          },
        },
        ret('done', { ok: true }),
      ])
    expect((await check('')).error).toMatchObject({
      code: 422,
      message: 'email is required',
      method: 'v',
    })
    expect((await check('a@b.example')).outputs).toEqual({ ok: true })
  })

  test('Return Error refuses a status code that is not an HTTP error', async () => {
    const result = await runSteps([
      { id: 'e', card: 'flow.returnError', inputs: { statusCode: 200, message: 'x' } },
    ])
    expect(result.error?.message).toContain('400–599')
  })

  test('Assign If and Lookup', async () => {
    const result = await runSteps([
      {
        id: 'pick',
        card: 'flow.assignIf',
        inputs: { left: 3, operator: '<', right: 5, valueIfTrue: 'low', valueIfFalse: 'high' },
      },
      {
        id: 'map',
        card: 'flow.lookup',
        inputs: { key: '=pick.output', options: { low: 'L', high: 'H' }, else: '?' },
      },
      {
        id: 'miss',
        card: 'flow.lookup',
        inputs: { key: 'none', options: { low: 'L' }, else: '?' },
      },
      ret('done', { a: '=pick.output', b: '=map.output', c: '=miss.output' }),
    ])
    expect(result.outputs).toEqual({ a: 'low', b: 'L', c: '?' })
  })
})
