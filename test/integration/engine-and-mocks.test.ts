// Integration: the EngineApi running the acme-hr template against the in-process mock network.
import '../../src/mocks/worker-environment'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import type { ProjectFiles } from '../../src/definition'
import type { FlowTrace, RunResult } from '../../src/engine'
import { createEngineApi } from '../../src/platform/create-engine-api'
import type { EngineApi, RunFlowRequest } from '../../src/platform/engine-api'

const templateDir = join(import.meta.dirname, '../../fixtures/templates/acme-hr')

function templateFiles(): ProjectFiles {
  const files: ProjectFiles = {
    'connector.json': readFileSync(join(templateDir, 'connector.json'), 'utf8'),
  }
  for (const name of readdirSync(join(templateDir, 'flows'))) {
    files[`flows/${name}`] = readFileSync(join(templateDir, 'flows', name), 'utf8')
  }
  return files
}

const BASIC = `Basic ${btoa('demo:Acme-Demo-7431')}`
const USERS_URL = 'https://hr.example/api/v1/users'

interface User {
  id: string
  email: string
  department: string
}

let api: EngineApi
let connectionId: string
let runs = 0

/** A project session with a Basic connection to the Acme HR demo account, made as the UI does. */
async function connectedApi(options: Parameters<typeof createEngineApi>[0] = {}) {
  const engine = createEngineApi(options)
  await engine.openProject('p1')
  const outcome = await engine.createConnection(templateFiles(), {
    name: 'Demo',
    values: { username: 'demo', password: 'Acme-Demo-7431' },
  })
  if (!outcome.connection) throw new Error(outcome.message)
  return { engine, id: outcome.connection.id }
}

beforeEach(async () => {
  const connected = await connectedApi()
  api = connected.engine
  connectionId = connected.id
})

function listUsers(
  input: Record<string, unknown>,
  extra: Partial<RunFlowRequest> = {},
): Promise<RunResult> {
  return api.runFlow({
    runId: `run-${++runs}`,
    files: templateFiles(),
    flow: 'List Users',
    input,
    connectionId,
    ...extra,
  })
}

function users(result: RunResult): User[] {
  return (result.outputs?.users ?? []) as User[]
}

function helperRun(result: RunResult): FlowTrace | undefined {
  return result.trace?.steps.find((s) => s.stepId === 'call')?.children?.[0]
}

describe('engine info and validation', () => {
  test('info lists the cards and the mock services; connections come without secrets', async () => {
    const info = await api.info()
    expect(info.cards.map((c) => c.id)).toContain('http.rawRequest')
    expect(info.mockServices).toContainEqual({
      id: 'hr',
      name: 'Acme HR',
      origin: 'https://hr.example',
    })
    expect(structuredClone(info)).toEqual(info)
    const connections = await api.listConnections()
    expect(connections.map((c) => [c.id, c.account, c.health.state])).toEqual([
      [connectionId, 'demo', 'ok'],
    ])
    expect(JSON.stringify(connections)).not.toContain('Acme-Demo-7431')
  })

  test('the acme-hr template validates with no diagnostics', async () => {
    expect(await api.validate(templateFiles())).toEqual([])
  })

  test('validate reports problems with located diagnostics', async () => {
    const files = templateFiles()
    files['flows/httpHelper.json'] = '{'
    const diagnostics = await api.validate(files)
    expect(diagnostics.map((d) => d.code)).toContain('JSON001')
    expect(diagnostics.map((d) => d.code)).toContain('FLOW002')
  })
})

describe('List Users against Acme HR', () => {
  test('limit 3 returns 3 users of 12', async () => {
    const result = await listUsers({ limit: 3 })
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('success')
    expect(users(result)).toHaveLength(3)
    expect(users(result).map((u) => u.id)).toEqual(['u1001', 'u1002', 'u1003'])
    expect(result.outputs?.total).toBe(12)
  })

  test('without a limit the API default returns all 12', async () => {
    const result = await listUsers({})
    expect(users(result)).toHaveLength(12)
  })

  test('the department filter returns only that department', async () => {
    const result = await listUsers({ department: 'Finance' })
    expect(result.status).toBe('success')
    const found = users(result)
    expect(found.length).toBe(2)
    expect(found.every((u) => u.department === 'Finance')).toBe(true)
    expect(result.outputs?.total).toBe(2)
  })

  test('the trace nests the httpHelper run, with the credentials redacted', async () => {
    const result = await listUsers({ limit: 1 })
    const helper = helperRun(result)
    expect(helper?.flow).toBe('httpHelper')
    expect(helper?.status).toBe('success')
    const request = helper?.steps.find((s) => s.stepId === 'request')
    expect(request?.card).toBe('http.rawRequest')
    expect(request?.cardName).toBe('Raw Request')
    expect(request?.inputs.url).toBe(USERS_URL)
    expect(request?.inputs.method).toBe('GET')
    expect(request?.outputs?.statusCode).toBe(200)
    const inputs = JSON.stringify(request?.inputs)
    expect(inputs).toContain('Accept')
    expect(inputs).not.toContain('Acme-Demo-7431')
    expect(inputs).not.toContain(btoa('demo:Acme-Demo-7431'))
    const everything = JSON.stringify(result)
    expect(everything).not.toContain('Acme-Demo-7431')
    expect(everything).not.toContain(BASIC)
    expect(everything).not.toContain(btoa('demo:Acme-Demo-7431'))
  })

  test('an unknown connection fails the run before it starts, saying so', async () => {
    const result = await listUsers({ limit: 1 }, { connectionId: 'nope' })
    expect(result.status).toBe('failed')
    expect(result.error?.message).toContain('connection no longer exists')
    expect(result.stepsExecuted).toBe(0)
  })

  test('with no connection the run fails with HTTP 401', async () => {
    const result = await listUsers({ limit: 1 }, { connectionId: undefined })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe(401)
    expect(result.error?.message).toContain('HTTP 401')
    expect(result.error?.message).toContain('Invalid username or password')
    expect(result.error?.method).toBe('call')
    expect(helperRun(result)?.error?.method).toBe('request')
  })

  test('an invalid limit is the API 400, passed through', async () => {
    const result = await listUsers({ limit: 'many' })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe(400)
    expect(result.error?.message).toContain('offset and limit must be whole numbers')
  })

  test('the injected clock and ids are used', async () => {
    let id = 0
    const connected = await connectedApi({
      now: () => 42,
      elapsed: () => 0,
      newId: () => `e${++id}`,
    })
    api = connected.engine
    connectionId = connected.id
    const before = id
    const result = await listUsers({ limit: 1 })
    expect(result.trace?.execution).toBe(`e${before + 1}`)
    expect(helperRun(result)?.execution).toBe(`e${before + 2}`)
    expect(result.trace?.startedAt).toBe(42)
    expect(result.trace?.durationMs).toBe(0)
  })
})

describe('the page and flows see the same mock state', () => {
  const get = (url: string, headers: Record<string, string> = { authorization: BASIC }) =>
    api.respondToMockRequest({ method: 'GET', url, headers, body: null })

  test('GET /users with a valid Basic header is 200 JSON', async () => {
    const response = await get(`${USERS_URL}?limit=2`)
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toContain('application/json')
    const body = JSON.parse(response.body) as { data: User[]; total: number; limit: number }
    expect(body.data).toHaveLength(2)
    expect(body.total).toBe(12)
    expect(body.limit).toBe(2)
  })

  test.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a wrong password', { authorization: `Basic ${btoa('demo:wrong')}` }],
    ['a non-Basic scheme', { authorization: 'Bearer abc' }],
  ])('GET /users with %s is 401', async (_what, headers) => {
    const response = await get(USERS_URL, headers)
    expect(response.status).toBe(401)
    expect(response.headers['www-authenticate']).toBe('Basic realm="Acme HR"')
  })

  test('a created user shows up in a later List Users run, and resetMocks removes it', async () => {
    const created = await api.respondToMockRequest({
      method: 'POST',
      url: USERS_URL,
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'new.person@acme.example',
        firstName: 'New',
        department: 'QA',
      }),
    })
    expect(created.status).toBe(201)
    const user = JSON.parse(created.body) as User
    expect(user.id).toBe('u1013')
    expect(user.department).toBe('QA')

    const after = await listUsers({ limit: 100 })
    expect(after.outputs?.total).toBe(13)
    expect(users(after).map((u) => u.email)).toContain('new.person@acme.example')
    const qa = await listUsers({ department: 'qa' })
    expect(users(qa).map((u) => u.id)).toEqual(['u1013'])

    const duplicate = await api.respondToMockRequest({
      method: 'POST',
      url: USERS_URL,
      headers: { authorization: BASIC, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'NEW.person@acme.example' }),
    })
    expect(duplicate.status).toBe(409)

    await api.resetMocks()
    const reset = await listUsers({ limit: 100 })
    expect(reset.outputs?.total).toBe(12)
    expect(users(reset).map((u) => u.email)).not.toContain('new.person@acme.example')
    const page = JSON.parse((await get(USERS_URL)).body) as { total: number }
    expect(page.total).toBe(12)
  })

  test('each engine has its own mock state', async () => {
    const other = createEngineApi()
    await other.respondToMockRequest({
      method: 'POST',
      url: USERS_URL,
      headers: { authorization: BASIC },
      body: JSON.stringify({ email: 'only.there@acme.example' }),
    })
    const page = JSON.parse((await get(USERS_URL)).body) as { total: number }
    expect(page.total).toBe(12)
  })

  test('an unknown Acme HR endpoint is a 404', async () => {
    const response = await get('https://hr.example/api/v1/nothing')
    expect(response.status).toBe(404)
    expect(response.body).toContain('is not an Acme HR endpoint')
  })
})

describe('the mock network fails closed', () => {
  test.each([
    'https://example.com/',
    'https://api.github.com/user',
    'http://hr.example/api/v1/users',
    'https://hr.example.evil.test/api/v1/users',
    'https://hr.examples/api',
  ])('a request to %s is a 502 from the playground', async (url) => {
    const response = await api.respondToMockRequest({
      method: 'GET',
      url,
      headers: { authorization: BASIC },
      body: null,
    })
    expect(response.status).toBe(502)
    expect(response.headers['x-playground-error']).toBe('true')
    const body = JSON.parse(response.body) as { message: string }
    expect(body.message).toContain('never calls the real internet')
    expect(body.message).toContain('https://hr.example')
  })

  test('a flow whose request targets a real host fails with that message', async () => {
    const files: ProjectFiles = {
      'connector.json': templateFiles()['connector.json'] ?? '',
      'flows/Escape.json': JSON.stringify({
        name: 'Escape',
        kind: 'action',
        steps: [
          {
            id: 'req',
            card: 'http.rawRequest',
            inputs: { url: 'https://api.github.com/user', method: 'GET' },
          },
        ],
      }),
    }
    const result = await api.runFlow({ runId: 'escape', files, flow: 'Escape', input: {} })
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe(502)
    expect(result.error?.message).toContain('never calls the real internet')
    expect(result.error?.method).toBe('req')
  })
})

describe('cancelRun', () => {
  test('an unknown run id is not cancelled', async () => {
    expect(await api.cancelRun('no-such-run')).toBe(false)
  })

  test('a run in progress can be cancelled, and is forgotten once finished', async () => {
    const pending = listUsers({ limit: 1 }, { runId: 'to-cancel' })
    expect(await api.cancelRun('to-cancel')).toBe(true)
    const result = await pending
    expect(result.status).toBe('cancelled')
    expect(result.error?.code).toBe(499)
    expect(await api.cancelRun('to-cancel')).toBe(false)
  })

  test('a finished run cannot be cancelled', async () => {
    const result = await listUsers({ limit: 1 }, { runId: 'done-run' })
    expect(result.status).toBe('success')
    expect(await api.cancelRun('done-run')).toBe(false)
  })
})

test('the template _authping flow succeeds with the demo connection and fails without it', async () => {
  const files = templateFiles()
  const ok = await api.runFlow({
    runId: 'ap1',
    files,
    flow: '_authping',
    input: {},
    connectionId,
  })
  expect(ok.status).toBe('success')
  expect(ok.outputs).toEqual({ message: 'Connected to Acme HR as Demo Admin' })
  const denied = await api.runFlow({ runId: 'ap2', files, flow: '_authping', input: {} })
  expect(denied.status).toBe('failed')
  expect(denied.error?.code).toBe(401)
})
