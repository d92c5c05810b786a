// Covers the interpreter: scope, helper flows, errors, budgets, cancellation, determinism and redaction.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { blocksRun, loadProject, type LoadedProject, type ProjectFiles } from '../definition'
import { cardCatalogue } from './cards'
import {
  seededRandom,
  type EnginePorts,
  type HttpRequestData,
  type HttpResponseData,
} from './ports'
import { REDACTED } from './redact'
import { runFlow, type RunOptions, type RunRequest } from './run-flow'

const CONNECTOR = { name: 'Test', key: 'test', baseUrl: 'https://hr.example/api/v1' }

function projectFiles(flows: readonly Record<string, unknown>[]): ProjectFiles {
  const files: ProjectFiles = { 'connector.json': JSON.stringify(CONNECTOR, null, 2) }
  for (const flow of flows) files[`flows/${String(flow.name)}.json`] = JSON.stringify(flow, null, 2)
  return files
}

function project(flows: readonly Record<string, unknown>[]): LoadedProject {
  const loaded = loadProject(projectFiles(flows), cardCatalogue)
  expect(loaded.diagnostics.filter(blocksRun)).toEqual([])
  return loaded
}

/** Skips the validator's verdict: the engine must defend itself against what validation catches. */
function unchecked(flows: readonly Record<string, unknown>[]): LoadedProject {
  return { ...loadProject(projectFiles(flows), cardCatalogue), runnable: true }
}

function flow(name: string, steps: unknown[], kind = 'action'): Record<string, unknown> {
  return { name, kind, steps }
}

/** Ports whose clock and ids are fixed sequences, so a run is fully reproducible. */
function fakePorts(
  respond: (request: HttpRequestData) => HttpResponseData = () => ({
    status: 200,
    statusText: 'OK',
    headers: {},
    body: '',
  }),
): EnginePorts & { requests: HttpRequestData[] } {
  let clock = 1_700_000_000_000
  let timer = 0
  let id = 0
  const requests: HttpRequestData[] = []
  return {
    requests,
    http: (request) => {
      requests.push(request)
      return Promise.resolve(respond(request))
    },
    now: () => (clock += 10),
    elapsed: () => (timer += 3),
    newId: () => `exec-${++id}`,
    random: seededRandom(7),
    wait: () => Promise.resolve(),
  }
}

async function run(
  loaded: LoadedProject,
  request: RunRequest,
  options: RunOptions = {},
  ports: EnginePorts = fakePorts(),
) {
  return await runFlow(loaded, request, ports, options)
}

const doubler = flow(
  'double',
  [
    { id: 'twice', card: 'text.concatenate', inputs: { a: '=input.n', b: '=input.n' } },
    { id: 'ret', card: 'flow.return', inputs: { out: '=twice.output' } },
  ],
  'helper',
)

describe('scope and outputs', () => {
  test('each step sees the outputs of earlier steps by id, and Return Outputs ends the flow', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'names', card: 'flow.assign', inputs: { first: '=input.first', last: 'Lovelace' } },
        {
          id: 'full',
          card: 'text.concatenate',
          inputs: { a: '=names.first', sp: ' ', b: '=names.last' },
        },
        { id: 'obj', card: 'object.construct', inputs: { name: '=full.output', n: '=input.n' } },
        {
          id: 'done',
          card: 'flow.returnOutputs',
          inputs: { person: '=obj.output', opt: '=options.mode' },
        },
        { id: 'never', card: 'flow.assign', inputs: { x: 1 } },
      ]),
    ])
    const result = await run(loaded, {
      flow: 'Main',
      input: { first: 'Ada', n: 3 },
      options: { mode: 'fast' },
    })
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ person: { name: 'Ada Lovelace', n: 3 }, opt: 'fast' })
    expect(result.error).toBeUndefined()
    expect(result.stepsExecuted).toBe(4)
    expect(result.diagnostics).toEqual([])
    expect(result.trace?.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['names', 'success'],
      ['full', 'success'],
      ['obj', 'success'],
      ['done', 'returned'],
    ])
    expect(result.trace?.steps[1]?.inputs).toEqual({ a: 'Ada', sp: ' ', b: 'Lovelace' })
    expect(result.trace?.steps[1]?.outputs).toEqual({ output: 'Ada Lovelace' })
    expect(result.trace?.steps[1]?.cardName).toBe('Concatenate')
  })

  test('a flow that ends without a Return has empty outputs', async () => {
    const loaded = project([flow('Main', [{ id: 'a', card: 'flow.assign', inputs: { x: 1 } }])])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({})
  })

  test('a step that fails ends the flow with its error object', async () => {
    const loaded = unchecked([
      flow('Main', [
        { id: 'ok', card: 'flow.assign', inputs: { x: 1 } },
        { id: 'bad', card: 'object.get', inputs: { object: 5, path: 'a' } },
        { id: 'after', card: 'flow.assign', inputs: { y: 2 } },
      ]),
    ])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    expect(result.error).toEqual({
      message: 'Input "object" must be an Object, got a Number',
      code: 400,
      method: 'bad',
      flo: 'Main',
      execution: result.trace?.execution,
    })
    expect(result.trace?.steps.map((s) => s.status)).toEqual(['success', 'failed'])
    expect(result.trace?.steps[1]?.error).toEqual(result.error)
    expect(result.outputs).toBeUndefined()
  })

  test('a reference to a later or unknown step fails that step', async () => {
    const loaded = unchecked([
      flow('Main', [
        { id: 'early', card: 'flow.assign', inputs: { x: '=late.x' } },
        { id: 'late', card: 'flow.assign', inputs: { x: 1 } },
      ]),
    ])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    expect(result.error?.method).toBe('early')
    expect(result.error?.message).toContain('nothing named "late"')
  })
})

describe('helper flows', () => {
  test('Call Flow runs the helper and nests its trace under the step', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'call', card: 'flow.call', flow: 'double', inputs: { n: '=input.n' } },
        { id: 'done', card: 'flow.returnOutputs', inputs: { result: '=call.out' } },
      ]),
      doubler,
    ])
    const result = await run(loaded, { flow: 'Main', input: { n: 'ab' } })
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ result: 'abab' })
    expect(result.stepsExecuted).toBe(4)
    const callStep = result.trace?.steps[0]
    expect(callStep?.outputs).toEqual({ out: 'abab' })
    expect(callStep?.children).toHaveLength(1)
    const child = callStep?.children?.[0]
    expect(child?.flow).toBe('double')
    expect(child?.status).toBe('success')
    expect(child?.input).toEqual({ n: 'ab' })
    expect(child?.outputs).toEqual({ out: 'abab' })
    expect(child?.steps.map((s) => s.stepId)).toEqual(['twice', 'ret'])
    expect(child?.execution).not.toBe(result.trace?.execution)
  })

  test('a helper does not see the caller scope, only its own input', async () => {
    const loaded = unchecked([
      flow('Main', [
        { id: 'secret', card: 'flow.assign', inputs: { x: 1 } },
        { id: 'call', card: 'flow.call', flow: 'peek', inputs: {} },
      ]),
      flow('peek', [{ id: 'p', card: 'flow.return', inputs: { x: '=secret.x' } }], 'helper'),
    ])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toContain('nothing named "secret"')
  })

  test('a helper failure propagates to the Call Flow step as a Workflows error object', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'before', card: 'flow.assign', inputs: { x: 1 } },
        { id: 'call', card: 'flow.call', flow: 'broken', inputs: {} },
        { id: 'after', card: 'flow.assign', inputs: { y: 2 } },
      ]),
      flow(
        'broken',
        [
          { id: 'fine', card: 'flow.assign', inputs: {} },
          { id: 'decode', card: 'text.base64Decode', inputs: { text: '!!!' } },
        ],
        'helper',
      ),
    ])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    const root = result.trace
    const child = root?.steps[1]?.children?.[0]
    expect(child?.status).toBe('failed')
    expect(child?.error).toEqual({
      message: 'Input "text" is not valid Base64',
      code: 400,
      method: 'decode',
      flo: 'broken',
      execution: child?.execution,
    })
    expect(result.error).toEqual({
      message: 'Input "text" is not valid Base64',
      code: 400,
      method: 'call',
      flo: 'Main',
      execution: root?.execution,
    })
    expect(root?.steps.map((s) => s.stepId)).toEqual(['before', 'call'])
    expect(root?.steps[1]?.status).toBe('failed')
    expect(result.stepsExecuted).toBe(4)
  })

  test('an HTTP error inside a helper keeps its status code at the caller', async () => {
    const ports = fakePorts(() => ({
      status: 404,
      statusText: 'Not Found',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"No user has id u9"}',
    }))
    const loaded = project([
      flow('Main', [{ id: 'call', card: 'flow.call', flow: 'get', inputs: {} }]),
      flow(
        'get',
        [
          {
            id: 'req',
            card: 'http.rawRequest',
            inputs: { url: 'https://hr.example/u9', method: 'GET' },
          },
        ],
        'helper',
      ),
    ])
    const result = await run(loaded, { flow: 'Main' }, {}, ports)
    expect(result.error).toMatchObject({
      message: 'HTTP 404 Not Found: No user has id u9',
      code: 404,
      method: 'call',
      flo: 'Main',
    })
  })

  test('a helper that calls itself is stopped by maxDepth', async () => {
    const loaded = project([
      flow('Main', [{ id: 'start', card: 'flow.call', flow: 'loop', inputs: {} }]),
      flow('loop', [{ id: 'again', card: 'flow.call', flow: 'loop', inputs: {} }], 'helper'),
    ])
    const result = await run(loaded, { flow: 'Main' }, { limits: { maxDepth: 5 } })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toBe(
      'Helper flows are nested more than 5 deep (does a flow call itself?)',
    )
    expect(result.error?.code).toBe(429)
    expect(result.error?.method).toBe('start')
    // Main at depth 0 plus loop at depths 1..5 each ran one step before depth 6 was refused.
    expect(result.stepsExecuted).toBe(6)
  })

  test('the default depth limit stops unbounded recursion too', async () => {
    const loaded = project([
      flow('Main', [{ id: 'start', card: 'flow.call', flow: 'loop' }]),
      flow('loop', [{ id: 'again', card: 'flow.call', flow: 'loop' }], 'helper'),
    ])
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toContain('nested more than 64 deep')
  })
})

describe('runs that cannot start', () => {
  test('a project with errors fails with its diagnostics, naming the first error', async () => {
    const files = projectFiles([
      flow('Main', [{ id: 'a', card: 'flow.assign' }]),
      flow('Other', [{ id: 'x', card: 'no.such.card' }]),
    ])
    files['flows/Broken.json'] = '{\n  "name": "Broken",\n  "kind": "action"\n  "steps": []\n}'
    const loaded = loadProject(files, cardCatalogue)
    expect(loaded.ok).toBe(false)
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('failed')
    expect(result.diagnostics).toBe(loaded.diagnostics)
    expect(result.diagnostics.map((d) => d.code).sort()).toEqual(['CARD001', 'JSON001'])
    const first = loaded.diagnostics[0]
    expect(result.error?.message).toBe(
      `The project has 2 errors; fix them before running (first: ${first?.file}:${first?.range.startLine} ${first?.message})`,
    )
    expect(result.error?.code).toBe(400)
    expect(result.error?.flo).toBe('Main')
    expect(result.trace).toBeUndefined()
    expect(result.stepsExecuted).toBe(0)
  })

  test('a single error is named with the file and line', async () => {
    const files = projectFiles([flow('Main', [{ id: 'a', card: 'no.such.card' }])])
    const result = await run(loadProject(files, cardCatalogue), { flow: 'Main' })
    expect(result.error?.message).toMatch(
      /^The project has 1 error; fix it before running \(first: flows\/Main\.json:\d+ Unknown card "no\.such\.card"\)$/,
    )
    const line = files['flows/Main.json']?.split('\n').findIndex((l) => l.includes('no.such.card'))
    expect(result.error?.message).toContain(`flows/Main.json:${(line ?? -2) + 1} `)
  })

  test('warnings alone do not stop a run', async () => {
    const loaded = project([flow('Main', [])])
    loaded.diagnostics.push({
      code: 'W1',
      severity: 'warning',
      message: 'just a warning',
      file: 'flows/Main.json',
      pointer: '',
      range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    })
    const result = await run(loaded, { flow: 'Main' })
    expect(result.status).toBe('success')
  })

  test('an unknown flow fails with 404 and no trace', async () => {
    const result = await run(project([flow('Main', [])]), { flow: 'Nope' })
    expect(result.status).toBe('failed')
    expect(result.error).toEqual({
      message: 'No flow is named "Nope"',
      code: 404,
      method: '',
      flo: 'Nope',
      execution: '',
    })
    expect(result.trace).toBeUndefined()
  })
})

describe('budgets and cancellation', () => {
  const threeSteps = flow('Main', [
    { id: 'a', card: 'flow.assign', inputs: { x: 1 } },
    { id: 'b', card: 'flow.assign', inputs: { x: 2 } },
    { id: 'c', card: 'flow.assign', inputs: { x: 3 } },
  ])

  test('maxSteps stops a run with a message', async () => {
    const result = await run(project([threeSteps]), { flow: 'Main' }, { limits: { maxSteps: 2 } })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toBe('The run exceeded 2 steps')
    expect(result.error?.code).toBe(429)
    expect(result.trace?.steps.map((s) => s.stepId)).toEqual(['a', 'b'])
  })

  test('maxSteps counts the steps of helper flows', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'call1', card: 'flow.call', flow: 'double', inputs: { n: 'x' } },
        { id: 'call2', card: 'flow.call', flow: 'double', inputs: { n: 'y' } },
      ]),
      doubler,
    ])
    const ok = await run(loaded, { flow: 'Main' }, { limits: { maxSteps: 6 } })
    expect(ok.status).toBe('success')
    const stopped = await run(loaded, { flow: 'Main' }, { limits: { maxSteps: 5 } })
    expect(stopped.status).toBe('failed')
    expect(stopped.error?.message).toBe('The run exceeded 5 steps')
    expect(stopped.error?.method).toBe('call2')
  })

  test('maxDurationMs stops a run that takes too long on the elapsed clock', async () => {
    let t = 0
    const ports: EnginePorts = { ...fakePorts(), elapsed: () => (t += 400) }
    const result = await run(
      project([threeSteps]),
      { flow: 'Main' },
      { limits: { maxDurationMs: 1500 } },
      ports,
    )
    expect(result.status).toBe('failed')
    expect(result.error?.message).toBe('The run took longer than 1.5 s')
  })

  test('an already-aborted signal cancels the run before any step', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await run(project([threeSteps]), { flow: 'Main' }, { signal: controller.signal })
    expect(result.status).toBe('cancelled')
    expect(result.error?.message).toBe('The run was cancelled')
    expect(result.error?.code).toBe(499)
    expect(result.stepsExecuted).toBe(0)
    expect(result.trace?.steps).toEqual([])
  })

  test('aborting during a step cancels the run before the next step', async () => {
    const controller = new AbortController()
    const ports = fakePorts(() => {
      controller.abort()
      return { status: 200, statusText: 'OK', headers: {}, body: '' }
    })
    const loaded = project([
      flow('Main', [
        {
          id: 'req',
          card: 'http.rawRequest',
          inputs: { url: 'https://hr.example/', method: 'GET' },
        },
        { id: 'next', card: 'flow.assign', inputs: { x: 1 } },
      ]),
    ])
    const result = await run(loaded, { flow: 'Main' }, { signal: controller.signal }, ports)
    expect(result.status).toBe('cancelled')
    expect(ports.requests).toHaveLength(1)
    expect(result.trace?.steps.map((s) => s.stepId)).toEqual(['req'])
  })

  test('a cancellation inside a helper cancels the whole run', async () => {
    const controller = new AbortController()
    const ports = fakePorts(() => {
      controller.abort()
      return { status: 200, statusText: 'OK', headers: {}, body: '' }
    })
    const loaded = project([
      flow('Main', [{ id: 'call', card: 'flow.call', flow: 'h', inputs: {} }]),
      flow(
        'h',
        [
          {
            id: 'req',
            card: 'http.rawRequest',
            inputs: { url: 'https://hr.example/', method: 'GET' },
          },
          { id: 'next', card: 'flow.assign', inputs: { x: 1 } },
        ],
        'helper',
      ),
    ])
    const result = await run(loaded, { flow: 'Main' }, { signal: controller.signal }, ports)
    expect(result.status).toBe('cancelled')
    expect(result.trace?.status).toBe('cancelled')
    expect(result.error?.code).toBe(499)
    expect(result.error?.method).toBe('call')
  })

  test.each<[string, RunOptions, string]>([
    ['cancelled', { signal: AbortSignal.abort() }, 'cancelled'],
    ['stopped by maxSteps', { limits: { maxSteps: 1 } }, 'failed'],
  ])('the trace of a run %s has the run status and error', async (_what, options, status) => {
    const result = await run(project([threeSteps]), { flow: 'Main' }, options)
    expect(result.status).toBe(status)
    expect(result.trace?.status).toBe(status)
    expect(result.trace?.error?.message).toBe(result.error?.message)
  })
})

describe('budget accounting and partial traces', () => {
  test('stepsExecuted counts only the steps that ran when maxSteps stops a run', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'a', card: 'flow.assign', inputs: { x: 1 } },
        { id: 'b', card: 'flow.assign', inputs: { x: 2 } },
        { id: 'c', card: 'flow.assign', inputs: { x: 3 } },
      ]),
    ])
    const result = await run(loaded, { flow: 'Main' }, { limits: { maxSteps: 2 } })
    expect(result.stepsExecuted).toBe(2)
    const full = await run(loaded, { flow: 'Main' })
    expect(full.stepsExecuted).toBe(3)
  })

  test('a helper run stopped by a budget still appears under its Call Flow step', async () => {
    const loaded = project([
      flow('Main', [{ id: 'call', card: 'flow.call', flow: 'loop', inputs: {} }]),
      flow('loop', [{ id: 'again', card: 'flow.call', flow: 'loop', inputs: {} }], 'helper'),
    ])
    const result = await run(loaded, { flow: 'Main' }, { limits: { maxDepth: 3 } })
    expect(result.status).toBe('failed')
    const call = result.trace?.steps[0]
    expect(call?.status).toBe('failed')
    expect(call?.children?.map((c) => c.flow)).toEqual(['loop'])
    expect(call?.children?.[0]?.status).toBe('failed')
  })
})

describe('determinism', () => {
  test('the same project, request and ports give deep-equal results', async () => {
    const loaded = project([
      flow('Main', [
        { id: 'call', card: 'flow.call', flow: 'double', inputs: { n: '=input.n' } },
        {
          id: 'req',
          card: 'http.rawRequest',
          inputs: { url: 'https://hr.example/x', method: 'POST', body: { v: '=call.out' } },
        },
        { id: 'done', card: 'flow.returnOutputs', inputs: { body: '=req.body' } },
      ]),
      doubler,
    ])
    const respond = (request: HttpRequestData): HttpResponseData => ({
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json' },
      body: request.body ?? '',
    })
    const first = await runFlow(loaded, { flow: 'Main', input: { n: 'q' } }, fakePorts(respond))
    const second = await runFlow(loaded, { flow: 'Main', input: { n: 'q' } }, fakePorts(respond))
    expect(first.outputs).toEqual({ body: { v: 'qq' } })
    expect(second).toEqual(first)
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
    expect(first.trace?.execution).toBe('exec-1')
    expect(first.trace?.steps[0]?.children?.[0]?.execution).toBe('exec-2')
    expect(first.trace?.startedAt).toBe(1_700_000_000_010)
    expect(first.trace?.durationMs).toBeGreaterThan(0)
  })
})

describe('redaction', () => {
  const templateDir = join(import.meta.dirname, '../../fixtures/templates/acme-hr')
  const templateFiles = (): ProjectFiles => {
    const files: ProjectFiles = {
      'connector.json': readFileSync(join(templateDir, 'connector.json'), 'utf8'),
    }
    for (const name of readdirSync(join(templateDir, 'flows'))) {
      files[`flows/${name}`] = readFileSync(join(templateDir, 'flows', name), 'utf8')
    }
    return files
  }
  const connection = { username: 'demo', password: 'Acme-Demo-7431' }
  const basic = btoa('demo:Acme-Demo-7431')

  test('connection secrets never reach the trace, while the run still uses them', async () => {
    const ports = fakePorts((request): HttpResponseData =>
      request.headers.Authorization === `Basic ${basic}`
        ? {
            status: 200,
            statusText: 'OK',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ data: [{ id: 'u1' }, { id: 'u2' }], total: 2 }),
          }
        : { status: 401, statusText: 'Unauthorized', headers: {}, body: '' },
    )
    const loaded = loadProject(templateFiles(), cardCatalogue)
    expect(loaded.diagnostics).toEqual([])
    const result = await runFlow(
      loaded,
      { flow: 'List Users', input: { limit: 2 }, connection },
      ports,
    )
    expect(result.status).toBe('success')
    expect(result.outputs).toEqual({ users: [{ id: 'u1' }, { id: 'u2' }], total: 2 })
    expect(ports.requests[0]?.headers.Authorization).toBe(`Basic ${basic}`)
    expect(ports.requests[0]?.url).toBe('https://hr.example/api/v1/users?limit=2')

    const serialized = JSON.stringify(result)
    expect(serialized).not.toContain('Acme-Demo-7431')
    expect(serialized).not.toContain(basic)
    expect(serialized).not.toContain(`Basic ${basic}`)
    expect(serialized).toContain(REDACTED)
    const helper = result.trace?.steps[1]?.children?.[0]
    expect(helper?.input.auth).toEqual({ username: 'demo', password: REDACTED })
    const request = helper?.steps.find((s) => s.stepId === 'request')
    expect(request?.inputs.headers).toEqual({ Authorization: REDACTED, Accept: 'application/json' })
    expect(helper?.steps.find((s) => s.stepId === 'authorization')?.outputs).toEqual({
      output: `Basic ${REDACTED}`,
    })
  })

  test('a secret echoed in an error message is redacted', async () => {
    const ports = fakePorts(() => ({
      status: 401,
      statusText: 'Unauthorized',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'password Acme-Demo-7431 is wrong' }),
    }))
    const result = await runFlow(
      loadProject(templateFiles(), cardCatalogue),
      { flow: 'List Users', input: {}, connection },
      ports,
    )
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe(401)
    expect(result.error?.message).toBe(`HTTP 401 Unauthorized: password ${REDACTED} is wrong`)
    expect(JSON.stringify(result)).not.toContain('Acme-Demo-7431')
  })
})
