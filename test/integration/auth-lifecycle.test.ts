// Integration: each auth type's whole lifecycle through the EngineApi, as the Connections page
// drives it — create → _authping → action → expiry → refresh → revoke → rejected — against the
// in-process mock services, plus every fault, persistence per project, and the same handlers
// answering real fetches under msw/node.
import '../../src/mocks/worker-environment'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { ProjectFiles } from '../../src/definition'
import { createEngineApi, type EngineApiOptions } from '../../src/platform/create-engine-api'
import type { ConnectionDraft, ConnectionOutcome } from '../../src/platform/engine-api'
import { createMemoryPlatformStore } from '../../src/platform/platform-store'

const TEMPLATES = join(import.meta.dirname, '../../fixtures/templates')
const MINUTE = 60_000

function template(id: string): ProjectFiles {
  const dir = join(TEMPLATES, id)
  const files: ProjectFiles = {
    'connector.json': readFileSync(join(dir, 'connector.json'), 'utf8'),
  }
  for (const name of readdirSync(join(dir, 'flows'))) {
    files[`flows/${name}`] = readFileSync(join(dir, 'flows', name), 'utf8')
  }
  return files
}

function withAuthentication(files: ProjectFiles, authentication: unknown): ProjectFiles {
  const connector = JSON.parse(files['connector.json'] ?? '{}') as Record<string, unknown>
  return { ...files, 'connector.json': JSON.stringify({ ...connector, authentication }) }
}

/** Every token the platform and the mocks mint, so tests can try them after revocation. */
let minted: string[]
let sleeps: number[]
let counter: number

function engine(options: EngineApiOptions = {}) {
  return createEngineApi({
    elapsed: () => 0,
    randomToken: (bytes) => {
      const token = `tok${String(++counter).padStart(4, '0')}x${'a'.repeat(Math.max(8, bytes))}`
      minted.push(token)
      return token
    },
    network: {
      sleep: async (ms) => {
        sleeps.push(ms)
      },
    },
    persistDelayMs: 0,
    ...options,
  })
}

type Api = ReturnType<typeof engine>
let runs = 0

function run(api: Api, files: ProjectFiles, flow: string, connectionId: string, input = {}) {
  return api.runFlow({ runId: `r${++runs}`, files, flow, input, connectionId })
}

function connected(outcome: ConnectionOutcome): string {
  if (!outcome.connection) throw new Error(`no connection: ${outcome.message}`)
  return outcome.connection.id
}

/** Requests the mock services saw, oldest first, as "METHOD path status". */
async function seen(api: Api): Promise<string[]> {
  const { log } = await api.mockState()
  return log.map((e) => `${e.method} ${e.path.split('?')[0] ?? ''} ${e.status}`).reverse()
}

/** Strings in the mock state built from minted randomness: the service's tokens, whatever their prefix. */
function tokensInMockState(api: Api): string[] {
  const text = JSON.stringify(api.network.snapshot())
  return [...new Set(text.match(/[A-Za-z0-9_-]*tok\d{4}xa+/g) ?? [])]
}

async function bearerStatus(api: Api, token: string): Promise<number> {
  const response = await api.respondToMockRequest({
    method: 'GET',
    url: 'https://files.example/api/v2/me',
    headers: { authorization: `Bearer ${token}` },
    body: null,
  })
  return response.status
}

function expectNoSecrets(value: unknown, secrets: string[]) {
  const text = JSON.stringify(value)
  for (const secret of secrets) expect(text).not.toContain(secret)
}

beforeEach(() => {
  minted = []
  sleeps = []
  counter = 0
})

describe('Basic auth (Acme HR)', () => {
  const files = template('acme-hr')
  const demo: ConnectionDraft = {
    name: 'HR demo',
    values: { username: 'demo', password: 'Acme-Demo-7431' },
  }

  test('create → _authping → action → credentials revoked → rejected → reauthorize → delete', async () => {
    const api = engine()
    await api.openProject('hr')
    const created = await api.createConnection(files, demo)
    expect(created.ok).toBe(true)
    expect(created.message).toBe('Connected to Acme HR as Demo Admin')
    expect(created.connection?.health.state).toBe('ok')
    expect(created.connection?.account).toBe('demo')
    expect(created.run?.status).toBe('success')
    expectNoSecrets(created, ['Acme-Demo-7431', btoa('demo:Acme-Demo-7431')])
    const id = connected(created)

    const listed = await run(api, files, 'List Users', id, { limit: 2 })
    expect(listed.status).toBe('success')
    expect(listed.outputs?.total).toBe(12)

    await api.revokeCredentials('hr')
    const tested = await api.testConnection(id, files)
    expect(tested.ok).toBe(false)
    expect(tested.connection?.health.state).toBe('failed')
    expect(tested.message).toMatch(/^_authping failed: .*401/)
    expect((await run(api, files, 'List Users', id)).error?.code).toBe(401)

    const rotated = (await api.mockState()).services
      .find((s) => s.id === 'hr')
      ?.demoCredentials.find((c) => c.values.username === 'demo')?.values.password
    expect(rotated).toBeDefined()
    expect(rotated).not.toBe('Acme-Demo-7431')
    const again = await api.reauthorizeConnection(id, files, {
      name: 'HR demo',
      values: { username: 'demo', password: rotated ?? '' },
    })
    expect(again.ok).toBe(true)
    expect(again.connection?.id).toBe(id)
    expect((await run(api, files, 'List Users', id)).status).toBe('success')

    const deleted = await api.deleteConnection(id, files)
    expect(deleted.ok).toBe(true)
    expect(deleted.message).toContain('no revoke flow')
    expect(await api.listConnections()).toEqual([])
    expect((await run(api, files, 'List Users', id)).error?.message).toContain('no longer exists')
  })

  test('a wrong password still makes the connection, marked failed with the _authping error', async () => {
    const api = engine()
    await api.openProject('hr')
    const outcome = await api.createConnection(files, {
      name: 'Typo',
      values: { username: 'demo', password: 'nope' },
    })
    expect(outcome.ok).toBe(false)
    expect(outcome.connection?.health).toMatchObject({ state: 'failed' })
    expect(outcome.message).toContain('401')
  })

  test('missing fields and a project without authentication are refused with a clear message', async () => {
    const api = engine()
    await api.openProject('hr')
    const missing = await api.createConnection(files, { name: 'x', values: { username: 'demo' } })
    expect(missing).toMatchObject({ ok: false, message: 'Fill in Password' })
    const none = await api.createConnection(withAuthentication(files, undefined), demo)
    expect(none.message).toContain('no "authentication"')
    expect(await api.listConnections()).toEqual([])
  })

  test('rename keeps the credentials; the list never carries a secret', async () => {
    const api = engine()
    await api.openProject('hr')
    const id = connected(await api.createConnection(files, demo))
    const renamed = await api.renameConnection(id, '  Production HR ', 'Main account')
    expect(renamed.connection).toMatchObject({ name: 'Production HR', description: 'Main account' })
    expect((await run(api, files, 'List Users', id)).status).toBe('success')
    expect((await api.renameConnection(id, '   ')).ok).toBe(false)
    expectNoSecrets(await api.listConnections(), ['Acme-Demo-7431'])
  })
})

describe('OAuth 2.0 authorization code (Nimbus Files)', () => {
  const files = template('nimbus-files')

  async function signIn(api: Api, decision = { allow: true, account: 'dana' }, scopes?: string[]) {
    const start = await api.beginAuthorization(files, {
      name: 'Dana files',
      values: {},
      ...(scopes ? { scopes } : {}),
    })
    if (!start.ok) throw new Error(start.message)
    return { start, outcome: await api.completeAuthorization(start.pendingId, decision) }
  }

  test('consent with state and PKCE → tokens → _authping → action', async () => {
    const api = engine()
    await api.openProject('files')
    const { start, outcome } = await signIn(api)
    const url = new URL(start.consent.authorizeUrl)
    expect(url.origin + url.pathname).toBe('https://files.example/oauth2/authorize')
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(url.searchParams.get('state')).toMatch(/^tok/)
    expect(url.searchParams.get('redirect_uri')).toMatch(
      /^https:\/\/oauth\.playground\.example\/oauth\/nimbusfiles_[A-Za-z0-9]+\/cb$/,
    )
    expect(start.consent.accounts.map((a) => a.id)).toContain('dana')
    expect(start.consent.scopes.map((s) => s.scope)).toEqual(
      expect.arrayContaining(['profile', 'files.read']),
    )

    expect(outcome.ok).toBe(true)
    expect(outcome.connection).toMatchObject({
      authType: 'oauth2AuthorizationCode',
      account: 'Dana Whitfield <dana@acme.example>',
      hasRefreshToken: true,
      health: { state: 'ok' },
    })
    expect(outcome.connection?.tokenExpiresAt).toBeGreaterThan((await api.mockState()).now)
    expectNoSecrets(outcome.connection, minted)
    const id = connected(outcome)
    const listed = await run(api, files, 'List Files', id)
    expect(listed.status).toBe('success')
    expectNoSecrets(
      listed,
      minted.filter((t) => t.length > 12),
    )
  })

  test('after the token expires on the virtual clock, the next call refreshes first', async () => {
    const api = engine()
    await api.openProject('files')
    const id = connected((await signIn(api)).outcome)
    const before = (await api.listConnections())[0]?.tokenExpiresAt ?? 0
    await api.advanceClock(20 * MINUTE)
    const tokenCalls = (await seen(api)).filter((l) => l.startsWith('POST /oauth2/token')).length
    const listed = await run(api, files, 'List Files', id)
    expect(listed.status).toBe('success')
    const log = await seen(api)
    expect(log.filter((l) => l.startsWith('POST /oauth2/token')).length).toBe(tokenCalls + 1)
    // Refreshed before the call: no 401 on the way.
    expect(log.slice(-2)).toEqual(['POST /oauth2/token 200', 'GET /api/v2/files 200'])
    const after = (await api.listConnections())[0]?.tokenExpiresAt ?? 0
    expect(after).toBeGreaterThan(before)
  })

  test('expire tokens now: the call gets a 401, the platform refreshes and retries', async () => {
    const api = engine()
    await api.openProject('files')
    const id = connected((await signIn(api)).outcome)
    await api.expireTokens('files')
    const listed = await run(api, files, 'List Files', id)
    expect(listed.status).toBe('success')
    expect((await seen(api)).slice(-3)).toEqual([
      'GET /api/v2/files 401',
      'POST /oauth2/token 200',
      'GET /api/v2/files 200',
    ])
  })

  test('denied consent makes no connection and says so', async () => {
    const api = engine()
    await api.openProject('files')
    const { outcome } = await signIn(api, { allow: false, account: 'dana' })
    expect(outcome.ok).toBe(false)
    expect(outcome.message).toMatch(/denied/i)
    expect(await api.listConnections()).toEqual([])
  })

  test('a pending sign-in is single-use', async () => {
    const api = engine()
    await api.openProject('files')
    const { start } = await signIn(api)
    const replay = await api.completeAuthorization(start.pendingId, { allow: true })
    expect(replay.ok).toBe(false)
    expect(replay.message).toContain('no longer pending')
  })

  test('custom scopes: required ones are always requested, unticked ones are not granted', async () => {
    const api = engine()
    await api.openProject('files')
    const { start, outcome } = await signIn(api, { allow: true, account: 'dana' }, ['files.read'])
    const scope = new URL(start.consent.authorizeUrl).searchParams.get('scope')?.split(' ')
    expect(scope).toEqual(expect.arrayContaining(['profile', 'files.read']))
    expect(scope).not.toContain('files.write')
    const id = connected(outcome)
    const upload = await run(api, files, 'Upload File', id, { name: 'notes.txt', content: 'hi' })
    expect(upload.status).toBe('failed')
    expect(upload.error?.code).toBe(403)
  })

  test('without PKCE no challenge is sent, and the grant still works (confidential client)', async () => {
    const api = engine()
    await api.openProject('files')
    const connector = JSON.parse(files['connector.json'] ?? '{}') as {
      authentication: Record<string, unknown>
    }
    const plain = withAuthentication(files, { ...connector.authentication, pkce: false })
    const start = await api.beginAuthorization(plain, { name: 'x', values: {} })
    if (!start.ok) throw new Error(start.message)
    expect(new URL(start.consent.authorizeUrl).searchParams.has('code_challenge')).toBe(false)
    const outcome = await api.completeAuthorization(start.pendingId, {
      allow: true,
      account: 'dana',
    })
    expect(outcome.ok).toBe(true)
  })

  test('a wrong client secret in connector.json fails the code exchange with invalid_client', async () => {
    const api = engine()
    await api.openProject('files')
    const connector = JSON.parse(files['connector.json'] ?? '{}') as {
      authentication: Record<string, unknown>
    }
    const wrong = withAuthentication(files, { ...connector.authentication, clientSecret: 'bad' })
    const start = await api.beginAuthorization(wrong, { name: 'x', values: {} })
    if (!start.ok) throw new Error(start.message)
    const outcome = await api.completeAuthorization(start.pendingId, {
      allow: true,
      account: 'dana',
    })
    expect(outcome.ok).toBe(false)
    expect(outcome.message).toContain('invalid_client')
  })

  test('revoke runs the revoke flow; afterwards the service rejects every token of the grant', async () => {
    const api = engine()
    await api.openProject('files')
    const id = connected((await signIn(api)).outcome)
    const live = []
    for (const token of tokensInMockState(api)) {
      if ((await bearerStatus(api, token)) === 200) live.push(token)
    }
    expect(live.length).toBe(1)

    const revoked = await api.revokeConnection(id, files)
    expect(revoked.ok).toBe(true)
    expect(revoked.connection?.health.state).toBe('revoked')
    expect(revoked.run?.status).toBe('success')
    for (const token of live) expect(await bearerStatus(api, token)).toBe(401)
    const after = await run(api, files, 'List Files', id)
    expect(after.status).toBe('failed')
    expect(after.error?.code).toBe(401)
  })

  test("deleting runs the revoke flow: the deleted connection's token is rejected", async () => {
    const api = engine()
    await api.openProject('files')
    const id = connected((await signIn(api)).outcome)
    await api.advanceClock(20 * MINUTE)
    expect((await run(api, files, 'List Files', id)).status).toBe('success')
    const live = []
    for (const token of tokensInMockState(api)) {
      if ((await bearerStatus(api, token)) === 200) live.push(token)
    }
    expect(live.length).toBe(1)
    const deleted = await api.deleteConnection(id, files)
    expect(deleted.ok).toBe(true)
    expect(deleted.message).toContain('revoke flow revoked')
    expect(await api.listConnections()).toEqual([])
    expect(await bearerStatus(api, live[0] ?? '')).toBe(401)
  })

  test('when the provider revokes the grant, refresh fails and the connection asks to reauthorize', async () => {
    const api = engine()
    await api.openProject('files')
    const id = connected((await signIn(api)).outcome)
    await api.revokeCredentials('files')
    const listed = await run(api, files, 'List Files', id)
    expect(listed.status).toBe('failed')
    expect(listed.error?.code).toBe(401)
    const [connection] = await api.listConnections()
    expect(connection?.health.state).toBe('failed')
    expect(connection?.health.state === 'failed' && connection.health.message).toMatch(
      /invalid_grant.*Reauthorize/,
    )
    const { outcome } = await signIn(api)
    expect(outcome.ok).toBe(true)
  })
})

describe('OAuth 2.0 client credentials (Nimbus Files service account)', () => {
  const base = template('nimbus-files')
  const auth = (clientAuthentication: string) => ({
    type: 'oauth2ClientCredentials',
    label: 'Nimbus service account',
    clientAuthentication,
    tokenUrl: 'https://files.example/oauth2/token',
    scopes: [{ scope: 'profile' }, { scope: 'files.read' }],
  })
  const bot = { client_id: 'reports-bot', client_secret: 'rb-7Hq2-demo-secret' }

  test.each(['client_secret_basic', 'client_secret_post'])(
    '%s: token without a popup → _authping → action → renewal after expiry',
    async (method) => {
      const api = engine()
      await api.openProject('cc')
      const files = withAuthentication(base, auth(method))
      const created = await api.createConnection(files, { name: 'Bot', values: bot })
      expect(created.ok).toBe(true)
      expect(created.connection).toMatchObject({ account: 'reports-bot', hasRefreshToken: false })
      expectNoSecrets(created.connection, [bot.client_secret, ...minted])
      const id = connected(created)
      expect((await run(api, files, 'List Files', id)).status).toBe('success')
      await api.advanceClock(16 * MINUTE)
      expect((await run(api, files, 'List Files', id)).status).toBe('success')
      expect((await seen(api)).slice(-2)).toEqual([
        'POST /oauth2/token 200',
        'GET /api/v2/files 200',
      ])
    },
  )

  test('a wrong secret is refused at the token endpoint and makes no connection', async () => {
    const api = engine()
    await api.openProject('cc')
    const files = withAuthentication(base, auth('client_secret_basic'))
    const outcome = await api.createConnection(files, {
      name: 'Bot',
      values: { ...bot, client_secret: 'wrong' },
    })
    expect(outcome.ok).toBe(false)
    expect(outcome.message).toContain('invalid_client')
    expect(outcome.message).not.toContain('wrong')
    expect(await api.listConnections()).toEqual([])
  })

  test('scopes are enforced per endpoint: a read-only client cannot upload', async () => {
    const api = engine()
    await api.openProject('cc')
    const files = withAuthentication(base, auth('client_secret_basic'))
    const id = connected(await api.createConnection(files, { name: 'Bot', values: bot }))
    const upload = await run(api, files, 'Upload File', id, { name: 'x.txt', content: 'x' })
    expect(upload.error?.code).toBe(403)
  })
})

describe('Custom auth (Tickety)', () => {
  const files = template('tickety')
  const acme = { subdomain: 'acme', api_key: 'tk_acme_4f9c2e7b1d3a8e60' }

  test('create → _authping → action → keys rotated → rejected → reauthorize', async () => {
    const api = engine()
    await api.openProject('tickets')
    const created = await api.createConnection(files, { name: 'Acme', values: acme })
    expect(created.ok).toBe(true)
    expect(created.connection?.publicValues).toEqual({ subdomain: 'acme' })
    expectNoSecrets(created, [acme.api_key])
    const id = connected(created)
    const listed = await run(api, files, 'List Tickets', id)
    expect(listed.status).toBe('success')
    expectNoSecrets(listed, [acme.api_key])

    await api.revokeCredentials('tickets')
    expect((await api.testConnection(id, files)).connection?.health.state).toBe('failed')
    const key = (await api.mockState()).services
      .find((s) => s.id === 'tickets')
      ?.demoCredentials.find((c) => c.values.subdomain === 'acme')?.values.api_key
    expect(key).toBeDefined()
    expect(key).not.toBe(acme.api_key)
    const again = await api.reauthorizeConnection(id, files, {
      name: 'Acme',
      values: { subdomain: 'acme', api_key: key ?? '' },
    })
    expect(again.ok).toBe(true)
  })

  test("another account's key or an unknown subdomain fails _authping", async () => {
    const api = engine()
    await api.openProject('tickets')
    const other = await api.createConnection(files, {
      name: 'x',
      values: { subdomain: 'globex', api_key: acme.api_key },
    })
    expect(other.connection?.health.state).toBe('failed')
    const unknown = await api.createConnection(files, {
      name: 'y',
      values: { subdomain: 'initech', api_key: acme.api_key },
    })
    expect(unknown.connection?.health.state).toBe('failed')
    expect(unknown.message).toContain('404')
  })

  test('the request console fills {{connection.*}} placeholders and redacts the key it sent', async () => {
    const api = engine()
    await api.openProject('tickets')
    const id = connected(await api.createConnection(files, { name: 'Acme', values: acme }))
    const exchange = await api.sendRequest({
      method: 'GET',
      url: 'https://{{connection.subdomain}}.tickets.example/api/v1/account',
      headers: { 'X-Api-Key': '{{connection.api_key}}' },
      body: null,
      connectionId: id,
    })
    expect(exchange.error).toBeUndefined()
    expect(exchange.response.status).toBe(200)
    expect(exchange.request.url).toBe('https://acme.tickets.example/api/v1/account')
    expect(exchange.request.headers['X-Api-Key']).toBe('••••••')
    expect(exchange.curl).toContain("-H 'X-Api-Key: ••••••'")
    expectNoSecrets(exchange, [acme.api_key])
    const unknown = await api.sendRequest({
      method: 'GET',
      url: 'https://{{connection.tenant}}.tickets.example/',
      headers: {},
      body: null,
      connectionId: id,
    })
    expect(unknown.error).toContain('no "tenant"')
  })
})

describe('the request console with Basic and OAuth connections', () => {
  test('Basic: the Authorization header is added and redacted in what is shown', async () => {
    const api = engine()
    await api.openProject('hr')
    const files = template('acme-hr')
    const id = connected(
      await api.createConnection(files, {
        name: 'HR',
        values: { username: 'demo', password: 'Acme-Demo-7431' },
      }),
    )
    const exchange = await api.sendRequest({
      method: 'GET',
      url: 'https://hr.example/api/v1/me',
      headers: {},
      body: null,
      connectionId: id,
    })
    expect(exchange.response.status).toBe(200)
    // The scheme stays readable; the credentials do not.
    expect(exchange.request.headers.Authorization).toBe('Basic ••••••')
    expect(exchange.curl).toBe(
      "curl 'https://hr.example/api/v1/me' -H 'Authorization: Basic ••••••'",
    )
    expectNoSecrets(exchange, ['Acme-Demo-7431', btoa('demo:Acme-Demo-7431')])
  })

  test('a URL on no mock host fails closed; a malformed URL is reported', async () => {
    const api = engine()
    await api.openProject('x')
    const real = await api.sendRequest({
      method: 'GET',
      url: 'https://api.github.com/',
      headers: {},
      body: null,
    })
    expect(real.response.status).toBe(502)
    const bad = await api.sendRequest({ method: 'GET', url: 'not a url', headers: {}, body: null })
    expect(bad.error).toContain('not an absolute URL')
  })
})

describe('fault injection changes runs', () => {
  const files = template('acme-hr')
  async function hr() {
    const api = engine()
    await api.openProject('faults')
    const id = connected(
      await api.createConnection(files, {
        name: 'HR',
        values: { username: 'demo', password: 'Acme-Demo-7431' },
      }),
    )
    return { api, id }
  }

  test('429 with Retry-After, for the next request only', async () => {
    const { api, id } = await hr()
    await api.setFaults('hr', [{ kind: 'rateLimit', retryAfterSeconds: 12, times: 1 }])
    const limited = await run(api, files, 'List Users', id)
    expect(limited.status).toBe('failed')
    expect(limited.error?.code).toBe(429)
    expect((await api.mockState()).services.find((s) => s.id === 'hr')?.faults).toEqual([])
    expect((await run(api, files, 'List Users', id)).status).toBe('success')
    const response = await api.respondToMockRequest({
      method: 'GET',
      url: 'https://hr.example/api/v1/me',
      headers: {},
      body: null,
    })
    expect(response.status).toBe(401)
  })

  test('the Retry-After header is what the service sends', async () => {
    const { api } = await hr()
    await api.setFaults('hr', [{ kind: 'rateLimit', retryAfterSeconds: 12 }])
    const response = await api.respondToMockRequest({
      method: 'GET',
      url: 'https://hr.example/api/v1/me',
      headers: {},
      body: null,
    })
    expect(response.status).toBe(429)
    expect(response.headers['retry-after']).toBe('12')
    // Without `times` it stays armed until cleared.
    expect((await api.mockState()).services.find((s) => s.id === 'hr')?.faults).toHaveLength(1)
    await api.setFaults('hr', [])
    expect(
      (await run(api, files, 'List Users', (await api.listConnections())[0]?.id ?? '')).status,
    ).toBe('success')
  })

  test.each([500, 502, 503, 504] as const)(
    'a %i server error fails the run with that code',
    async (status) => {
      const { api, id } = await hr()
      await api.setFaults('hr', [{ kind: 'serverError', status, times: 1 }])
      const result = await run(api, files, 'List Users', id)
      expect(result.error?.code).toBe(status)
    },
  )

  test('added latency waits (through the injected sleep) and the run still succeeds', async () => {
    const { api, id } = await hr()
    await api.setFaults('hr', [{ kind: 'latency', ms: 1_500, times: 2 }])
    expect((await run(api, files, 'List Users', id)).status).toBe('success')
    expect(sleeps).toEqual([1_500])
  })

  test('a malformed body does not pass as data', async () => {
    const { api, id } = await hr()
    await api.setFaults('hr', [{ kind: 'malformedBody', times: 1 }])
    const result = await run(api, files, 'List Users', id)
    const users = result.outputs?.users
    expect(result.status === 'failed' || !Array.isArray(users)).toBe(true)
    expect((await api.mockState()).log[0]?.fault).toBe('malformedBody')
  })

  test('faults from untrusted input are sanitised: bad kinds dropped, numbers bounded', async () => {
    const { api } = await hr()
    const state = await api.setFaults('hr', [
      { kind: 'latency', ms: 10_000_000 },
      { kind: 'explode' },
      { kind: 'serverError', status: 418 },
    ] as never)
    expect(state.services.find((s) => s.id === 'hr')?.faults).toEqual([
      { kind: 'latency', ms: 30_000 },
    ])
  })
})

describe('mock state is per project and persisted', () => {
  test('state, faults, clock and connections survive a new engine on the same store', async () => {
    const store = createMemoryPlatformStore()
    const files = template('acme-hr')
    const first = engine({ store })
    await first.openProject('p1')
    const id = connected(
      await first.createConnection(files, {
        name: 'HR',
        values: { username: 'demo', password: 'Acme-Demo-7431' },
      }),
    )
    const created = await run(first, files, 'Create User', id, {
      email: 'kept@acme.example',
      firstName: 'Kept',
      lastName: 'Person',
    })
    expect(created.status).toBe('success')
    await first.setFaults('hr', [{ kind: 'serverError', status: 503, times: 2 }])
    await first.advanceClock(3 * MINUTE)
    await first.flush()

    const second = engine({ store })
    const session = await second.openProject('p1')
    expect(session.connections.map((c) => c.id)).toEqual([id])
    expect(session.mocks.clockOffsetMs).toBe(3 * MINUTE)
    expect(session.mocks.services.find((s) => s.id === 'hr')?.faults).toEqual([
      { kind: 'serverError', status: 503, times: 2 },
    ])
    await second.setFaults('hr', [])
    const listed = await run(second, files, 'List Users', id, { limit: 100 })
    expect(JSON.stringify(listed.outputs)).toContain('kept@acme.example')

    const other = await second.openProject('p2')
    expect(other.connections).toEqual([])
    expect(other.mocks.clockOffsetMs).toBe(0)
    const users = (state: {
      services: { id: string; counts: { name: string; count: number }[] }[]
    }) =>
      state.services.find((s) => s.id === 'hr')?.counts.find((c) => /users/i.test(c.name))?.count
    expect(users(session.mocks)).toBe(13)
    expect(users(other.mocks)).toBe(12)
  })
})

describe('the same handlers answer real fetches under msw/node', () => {
  const api = engine()
  const server = setupServer(...api.network.handlers)
  beforeEach(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.close())

  test('Basic auth and faults behave the same through fetch', async () => {
    const authorization = `Basic ${btoa('demo:Acme-Demo-7431')}`
    const ok = await fetch('https://hr.example/api/v1/me', { headers: { authorization } })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { username: string }).username).toBe('demo')
    api.network.setFaults('hr', [{ kind: 'rateLimit', retryAfterSeconds: 5, times: 1 }])
    const limited = await fetch('https://hr.example/api/v1/me', { headers: { authorization } })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('5')
    const files = await fetch('https://files.example/api/v2/me')
    expect(files.status).toBe(401)
    expect(files.headers.get('www-authenticate')).toContain('Bearer')
  })
})
