// Nimbus Files mock service: the OAuth 2.0 provider (consent, codes with PKCE, token endpoint,
// refresh rotation, client credentials, revocation), the bearer-protected API (scopes, cursor
// pagination, CRUD), the MockService contract (seeds, snapshot/restore, expiry, revocation), and
// the nimbus-files template's flows run against it.
import '../worker-environment'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, test } from 'vitest'
import { loadProject, type ProjectFiles } from '../../definition'
import { cardCatalogue, runFlow, type EnginePorts, type RunResult } from '../../engine'
import { createMockNetwork, type MockNetwork } from '../mock-network'
import type { MockService } from '../types'
import { createFilesService, FILES_ORIGIN } from './files'

const START = Date.UTC(2030, 0, 15, 9, 30, 0)
const API = `${FILES_ORIGIN}/api/v2`
const REDIRECT = 'https://oauth.playground.example/oauth/nimbusfiles_Q7RZK2MW4D/cb'
const APP = { id: 'nimbus-playground', secret: 'nimbus-demo-client-secret' }
const BOT = { id: 'reports-bot', secret: 'rb-7Hq2-demo-secret' }
const ALL_SCOPES = 'profile files.read files.write files.share'
// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

let clock: number
let network: MockNetwork
let service: MockService

beforeEach(() => {
  clock = START
  network = newNetwork()
  service = network.services[0] as MockService
})

function newNetwork(): MockNetwork {
  return createMockNetwork({
    services: [createFilesService],
    now: () => clock,
    sleep: async () => {},
  })
}

// ---- request helpers ---------------------------------------------------------------------------

interface Answer {
  status: number
  headers: Record<string, string>
  body: Record<string, unknown>
  text: string
}

interface Send {
  headers?: Record<string, string>
  form?: Record<string, string>
  json?: unknown
  bearer?: string
  basic?: { id: string; secret: string }
}

async function send(method: string, url: string, options: Send = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  let body: string | null = null
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.json)
  }
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`
  if (options.basic) {
    headers.authorization = `Basic ${btoa(`${options.basic.id}:${options.basic.secret}`)}`
  }
  const answer = await network.respond({ method, url, headers, body })
  let parsed: Record<string, unknown>
  try {
    parsed = JSON.parse(answer.body) as Record<string, unknown>
  } catch {
    parsed = {}
  }
  return { status: answer.status, headers: answer.headers, body: parsed, text: answer.body }
}

const api = (method: string, path: string, token: string, json?: unknown) =>
  send(method, `${API}${path}`, { bearer: token, ...(json === undefined ? {} : { json }) })

function authorizeParams(overrides: Record<string, string | null> = {}): Record<string, string> {
  const params: Record<string, string | null> = {
    response_type: 'code',
    client_id: APP.id,
    redirect_uri: REDIRECT,
    scope: ALL_SCOPES,
    state: 'st4te-123',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  }
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null),
  )
}

function consentScreen(overrides: Record<string, string | null> = {}) {
  const url = new URL(`${FILES_ORIGIN}/oauth2/authorize`)
  for (const [k, v] of Object.entries(authorizeParams(overrides))) url.searchParams.set(k, v)
  return send('GET', url.toString())
}

/** Posts the consent decision; returns the redirect's query. */
async function decide(
  overrides: Record<string, string | null> = {},
): Promise<{ answer: Answer; query: URLSearchParams; location: string }> {
  const answer = await send('POST', `${FILES_ORIGIN}/oauth2/authorize`, {
    form: authorizeParams({ decision: 'allow', account: 'dana', ...overrides }),
  })
  const location = answer.headers.location ?? ''
  return {
    answer,
    location,
    query: location ? new URL(location).searchParams : new URLSearchParams(),
  }
}

async function authorizationCode(overrides: Record<string, string | null> = {}) {
  const { query } = await decide(overrides)
  const code = query.get('code')
  if (!code) throw new Error(`no code: ${query.toString()}`)
  return code
}

function tokenRequest(
  form: Record<string, string>,
  auth: 'basic' | 'post' = 'basic',
  client = APP,
) {
  return auth === 'basic'
    ? send('POST', `${FILES_ORIGIN}/oauth2/token`, { form, basic: client })
    : send('POST', `${FILES_ORIGIN}/oauth2/token`, {
        form: { ...form, client_id: client.id, client_secret: client.secret },
      })
}

const exchange = (code: string, verifier: string | null = VERIFIER) =>
  tokenRequest({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    ...(verifier === null ? {} : { code_verifier: verifier }),
  })

interface Tokens {
  access: string
  refresh: string
  scope: string
}

async function signIn(account = 'dana', scope = ALL_SCOPES): Promise<Tokens> {
  const answer = await exchange(await authorizationCode({ account, scope }))
  expect(answer.status).toBe(200)
  return {
    access: String(answer.body.access_token),
    refresh: String(answer.body.refresh_token),
    scope: String(answer.body.scope),
  }
}

const refresh = (refreshToken: string, extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: 'refresh_token', refresh_token: refreshToken, ...extra })

async function botToken(scope?: string): Promise<string> {
  const answer = await tokenRequest(
    { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
    'basic',
    BOT,
  )
  expect(answer.status).toBe(200)
  return String(answer.body.access_token)
}

const count = (name: string) => service.summary().find((c) => c.name === name)?.count

// ---- the service -------------------------------------------------------------------------------

describe('the service', () => {
  test('describes itself and answers only files.example', () => {
    expect(service.id).toBe('files')
    expect(service.name).toBe('Nimbus Files')
    expect(service.authStyle).toBe('oauth2')
    expect(service.matches(new URL('https://files.example/api/v2/me'))).toBe(true)
    expect(service.matches(new URL('https://hr.example/api/v1/me'))).toBe(false)
    expect(service.matches(new URL('https://evil.files.example/'))).toBe(false)
    expect(service.seeds.map((s) => s.id)).toEqual(['default', 'large', 'empty'])
  })

  test('demo credentials name the client credentials client and the playground app', () => {
    const [bot, app] = service.demoCredentials()
    expect(bot?.values).toEqual({ client_id: 'reports-bot', client_secret: 'rb-7Hq2-demo-secret' })
    expect(app?.values).toEqual({
      clientId: 'nimbus-playground',
      clientSecret: 'nimbus-demo-client-secret',
    })
    expect(app?.note).toMatch(/connector\.json/)
    expect(app?.note).toMatch(/Dana/)
    expect(app?.note).toMatch(/Lee/)
  })

  test('the default seed: 30 files in 4 folders, no tokens', () => {
    expect(service.summary()).toEqual([
      { name: 'Files', count: 30 },
      { name: 'Folders', count: 4 },
      { name: 'Live access tokens', count: 0 },
      { name: 'Active grants', count: 0 },
    ])
  })
})

// ---- authorization endpoint --------------------------------------------------------------------

describe('the consent screen (GET /oauth2/authorize)', () => {
  test('answers JSON for the app: the scopes asked for and the accounts', async () => {
    const answer = await consentScreen({ scope: 'profile files.read' })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      provider: 'Nimbus Files',
      clientName: 'Connector Playground',
      scopes: [
        { scope: 'profile', description: 'See your name, email address and storage quota' },
        { scope: 'files.read', description: 'See your files and folders' },
      ],
      accounts: [
        { id: 'dana', name: 'Dana Whitfield', email: 'dana@acme.example' },
        { id: 'lee', name: 'Lee Okafor', email: 'lee@acme.example' },
      ],
    })
  })

  test.each([
    [{ client_id: 'nope' }, 'invalid_client', /nope/],
    [{ redirect_uri: 'https://evil.example/cb' }, 'invalid_request', /oauth\.playground\.example/],
    [{ redirect_uri: null }, 'invalid_request', /redirect_uri is required/],
    [{ response_type: 'token' }, 'unsupported_response_type', /"token"/],
    [{ scope: 'profile files.delete' }, 'invalid_scope', /files\.delete/],
    [{ code_challenge_method: 'plain' }, 'invalid_request', /S256/],
    [{ code_challenge_method: null }, 'invalid_request', /code_challenge_method/],
    [{ code_challenge: 'short' }, 'invalid_request', /43 characters/],
    [{ client_id: 'reports-bot' }, 'unauthorized_client', /authorization code/],
  ])('%o is refused with %s', async (overrides, error, description) => {
    const answer = await consentScreen(overrides)
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe(error)
    expect(String(answer.body.error_description)).toMatch(description)
  })
})

describe('the consent decision (POST /oauth2/authorize)', () => {
  test('allow redirects to the redirect URI with a code and the state', async () => {
    const { answer, location, query } = await decide()
    expect(answer.status).toBe(302)
    expect(location.startsWith(`${REDIRECT}?`)).toBe(true)
    expect(query.get('code')).toMatch(/^nfc_/)
    expect(query.get('state')).toBe('st4te-123')
  })

  test('deny redirects with access_denied and the state', async () => {
    const { answer, query } = await decide({ decision: 'deny' })
    expect(answer.status).toBe(302)
    expect(query.get('error')).toBe('access_denied')
    expect(query.get('error_description')).toMatch(/denied/)
    expect(query.get('state')).toBe('st4te-123')
    expect(query.get('code')).toBeNull()
  })

  test('a bad scope is reported to the client by redirect; a bad redirect URI is not', async () => {
    const scoped = await decide({ scope: 'everything' })
    expect(scoped.answer.status).toBe(302)
    expect(scoped.query.get('error')).toBe('invalid_scope')
    const redirected = await decide({ redirect_uri: 'https://evil.example/cb' })
    expect(redirected.answer.status).toBe(400)
    expect(redirected.location).toBe('')
  })

  test('an unknown account or decision is a 400', async () => {
    expect((await decide({ account: 'mallory' })).answer.status).toBe(400)
    expect((await decide({ decision: 'maybe' })).answer.status).toBe(400)
  })
})

// ---- token endpoint ----------------------------------------------------------------------------

describe('the authorization code grant', () => {
  test('exchanges a code with the right PKCE verifier for tokens', async () => {
    const code = await authorizationCode()
    const answer = await exchange(code)
    expect(answer.status).toBe(200)
    expect(answer.headers['cache-control']).toBe('no-store')
    expect(answer.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 900,
      scope: ALL_SCOPES,
    })
    expect(answer.body.access_token).toMatch(/^nfa_/)
    expect(answer.body.refresh_token).toMatch(/^nfr_/)
    const me = await api('GET', '/me', String(answer.body.access_token))
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({
      id: 'dana',
      name: 'Dana Whitfield',
      email: 'dana@acme.example',
      plan: 'business',
    })
    expect(me.body.quota).toMatchObject({ total: 107374182400 })
    expect((me.body.quota as { used: number }).used).toBeGreaterThan(0)
    expect(count('Active grants')).toBe(1)
  })

  test('a wrong verifier is invalid_grant, a missing one invalid_request', async () => {
    const code = await authorizationCode()
    const wrong = await exchange(code, 'x'.repeat(43))
    expect(wrong.status).toBe(400)
    expect(wrong.body.error).toBe('invalid_grant')
    expect(wrong.body.error_description).toMatch(/code_verifier/)
    const missing = await exchange(code, null)
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('invalid_request')
    expect((await exchange(code)).status).toBe(200)
  })

  test('without PKCE no verifier is needed', async () => {
    const code = await authorizationCode({ code_challenge: null, code_challenge_method: null })
    expect((await exchange(code, null)).status).toBe(200)
  })

  test('the redirect_uri must be the one authorized', async () => {
    const code = await authorizationCode()
    const answer = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://oauth.playground.example/oauth/other_key/cb',
      code_verifier: VERIFIER,
    })
    expect(answer.body.error).toBe('invalid_grant')
    expect(answer.body.error_description).toMatch(/redirect_uri/)
  })

  test('a code lives 60 seconds on the virtual clock', async () => {
    const code = await authorizationCode()
    clock += 61_000
    const answer = await exchange(code)
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('invalid_grant')
    expect(answer.body.error_description).toMatch(/expired/)
  })

  test('replaying a code fails and revokes the tokens issued from it', async () => {
    const code = await authorizationCode()
    const first = await exchange(code)
    const access = String(first.body.access_token)
    expect((await api('GET', '/me', access)).status).toBe(200)
    const replay = await exchange(code)
    expect(replay.status).toBe(400)
    expect(replay.body.error).toBe('invalid_grant')
    expect(replay.body.error_description).toMatch(/already used/)
    const me = await api('GET', '/me', access)
    expect(me.status).toBe(401)
    expect(me.body.message).toMatch(/revoked/)
    expect((await refresh(String(first.body.refresh_token))).body.error).toBe('invalid_grant')
    expect(count('Active grants')).toBe(0)
  })

  test('an unknown code is invalid_grant', async () => {
    const answer = await exchange('nfc_made-up')
    expect(answer.body.error).toBe('invalid_grant')
  })
})

describe('refresh tokens', () => {
  test('rotate: a new access token and refresh token; the old refresh token stops working', async () => {
    const tokens = await signIn()
    const renewed = await refresh(tokens.refresh)
    expect(renewed.status).toBe(200)
    expect(renewed.headers['cache-control']).toBe('no-store')
    const access = String(renewed.body.access_token)
    const next = String(renewed.body.refresh_token)
    expect(access).not.toBe(tokens.access)
    expect(next).not.toBe(tokens.refresh)
    expect(renewed.body.scope).toBe(ALL_SCOPES)
    expect((await api('GET', '/me', access)).status).toBe(200)
    expect((await refresh(next)).status).toBe(200)
  })

  test('presenting a rotated refresh token revokes the whole grant (replay detection)', async () => {
    const tokens = await signIn()
    const renewed = await refresh(tokens.refresh)
    const replay = await refresh(tokens.refresh)
    expect(replay.status).toBe(400)
    expect(replay.body.error).toBe('invalid_grant')
    expect(replay.body.error_description).toMatch(/already used/)
    const me = await api('GET', '/me', String(renewed.body.access_token))
    expect(me.status).toBe(401)
    expect(me.body.message).toBe('The access token was revoked')
    const again = await refresh(String(renewed.body.refresh_token))
    expect(again.body.error).toBe('invalid_grant')
    expect(again.body.error_description).toMatch(/revoked/)
  })

  test('a narrower scope is granted; a wider one is invalid_scope', async () => {
    const tokens = await signIn('dana', 'profile files.read')
    const wider = await refresh(tokens.refresh, { scope: 'profile files.read files.write' })
    expect(wider.status).toBe(400)
    expect(wider.body.error).toBe('invalid_scope')
    const narrower = await refresh(tokens.refresh, { scope: 'profile' })
    expect(narrower.status).toBe(200)
    expect(narrower.body.scope).toBe('profile')
    const files = await api('GET', '/files', String(narrower.body.access_token))
    expect(files.status).toBe(403)
    // The rotated refresh token still carries the original grant.
    const back = await refresh(String(narrower.body.refresh_token))
    expect(back.body.scope).toBe('profile files.read')
  })

  test('another client cannot use the refresh token', async () => {
    const tokens = await signIn()
    const stolen = await tokenRequest(
      { grant_type: 'refresh_token', refresh_token: tokens.refresh },
      'basic',
      BOT,
    )
    expect(stolen.status).toBe(400)
    expect(stolen.body.error).toBe('unauthorized_client')
  })
})

describe('client authentication and client credentials', () => {
  test('client_secret_basic and client_secret_post both work; tokens act as the service account', async () => {
    for (const auth of ['basic', 'post'] as const) {
      const answer = await tokenRequest({ grant_type: 'client_credentials' }, auth, BOT)
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({
        token_type: 'Bearer',
        expires_in: 900,
        scope: 'profile files.read',
      })
      expect(answer.body.refresh_token).toBeUndefined()
      const me = await api('GET', '/me', String(answer.body.access_token))
      expect(me.body).toEqual({ id: 'svc-reports-bot', name: 'Reporting service', type: 'service' })
    }
  })

  test('a wrong secret, an unknown client or no credentials is 401 invalid_client', async () => {
    const wrong = await tokenRequest({ grant_type: 'client_credentials' }, 'basic', {
      id: BOT.id,
      secret: 'guess',
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body.error).toBe('invalid_client')
    expect(wrong.headers['www-authenticate']).toBe('Basic realm="Nimbus Files"')
    const unknown = await tokenRequest({ grant_type: 'client_credentials' }, 'post', {
      id: 'ghost',
      secret: 'x',
    })
    expect(unknown.status).toBe(401)
    const none = await send('POST', `${FILES_ORIGIN}/oauth2/token`, {
      form: { grant_type: 'client_credentials' },
    })
    expect(none.status).toBe(401)
    expect(none.body.error).toBe('invalid_client')
  })

  test('scopes must be within the client’s allowed scopes', async () => {
    const answer = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'files.read files.write' },
      'basic',
      BOT,
    )
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('invalid_scope')
    expect(answer.body.error_description).toMatch(/files\.write/)
    const narrow = await tokenRequest(
      { grant_type: 'client_credentials', scope: 'files.read' },
      'basic',
      BOT,
    )
    expect(narrow.body.scope).toBe('files.read')
  })

  test('grants a client may not use, and unknown grants', async () => {
    const appCc = await tokenRequest({ grant_type: 'client_credentials' })
    expect(appCc.body.error).toBe('unauthorized_client')
    const botCode = await tokenRequest(
      { grant_type: 'authorization_code', code: 'x' },
      'basic',
      BOT,
    )
    expect(botCode.body.error).toBe('unauthorized_client')
    const password = await tokenRequest({ grant_type: 'password' })
    expect(password.body.error).toBe('unsupported_grant_type')
    const missing = await tokenRequest({})
    expect(missing.body.error).toBe('invalid_request')
  })

  test('a JSON token request or a repeated parameter is invalid_request', async () => {
    const json = await send('POST', `${FILES_ORIGIN}/oauth2/token`, {
      json: { grant_type: 'client_credentials' },
      basic: BOT,
    })
    expect(json.body.error).toBe('invalid_request')
    const repeated = await network.respond({
      method: 'POST',
      url: `${FILES_ORIGIN}/oauth2/token`,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa('reports-bot:rb-7Hq2-demo-secret')}`,
      },
      body: 'grant_type=client_credentials&scope=profile&scope=files.read',
    })
    expect(repeated.status).toBe(400)
    expect(JSON.parse(repeated.body)).toMatchObject({ error: 'invalid_request' })
  })
})

// ---- expiry and revocation ---------------------------------------------------------------------

describe('expiry', () => {
  test('access tokens expire after 900 s of virtual time; the refresh token still works', async () => {
    const tokens = await signIn()
    clock += 899_000
    expect((await api('GET', '/me', tokens.access)).status).toBe(200)
    clock += 1_000
    const expired = await api('GET', '/me', tokens.access)
    expect(expired.status).toBe(401)
    expect(expired.body).toEqual({ error: 'invalid_token', message: 'The access token expired' })
    expect(expired.headers['www-authenticate']).toBe(
      'Bearer realm="Nimbus Files", error="invalid_token", error_description="The access token expired"',
    )
    const renewed = await refresh(tokens.refresh)
    expect(renewed.status).toBe(200)
    expect((await api('GET', '/me', String(renewed.body.access_token))).status).toBe(200)
  })

  test('expireTokens() expires every live access token and keeps refresh tokens', async () => {
    const dana = await signIn('dana')
    const lee = await signIn('lee')
    const bot = await botToken()
    expect(count('Live access tokens')).toBe(3)
    expect(service.expireTokens()).toBe(3)
    expect(count('Live access tokens')).toBe(0)
    for (const token of [dana.access, lee.access, bot]) {
      expect((await api('GET', '/me', token)).body.message).toBe('The access token expired')
    }
    expect((await refresh(lee.refresh)).status).toBe(200)
    expect(service.expireTokens()).toBe(1)
  })
})

describe('revocation (POST /oauth2/revoke)', () => {
  test('a client revokes with its credentials: the whole grant ends', async () => {
    const tokens = await signIn()
    const answer = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      form: { token: tokens.refresh, token_type_hint: 'refresh_token' },
      basic: APP,
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({})
    const me = await api('GET', '/me', tokens.access)
    expect(me.status).toBe(401)
    expect(me.body.message).toBe('The access token was revoked')
    expect(me.headers['www-authenticate']).toMatch(/error="invalid_token"/)
    expect((await refresh(tokens.refresh)).body.error).toBe('invalid_grant')
    expect(count('Active grants')).toBe(0)
  })

  test('a bearer token revokes itself with a JSON body', async () => {
    const tokens = await signIn()
    const answer = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      json: { token: tokens.access },
      bearer: tokens.access,
    })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('{}')
    expect((await api('GET', '/files', tokens.access)).status).toBe(401)
    expect((await refresh(tokens.refresh)).status).toBe(400)
  })

  test('unknown tokens are 200; no authentication is 401; another grant’s token is refused', async () => {
    const unknown = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      form: { token: 'nfa_unknown' },
      basic: APP,
    })
    expect(unknown.status).toBe(200)
    expect(unknown.body).toEqual({})
    const anonymous = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      form: { token: 'nfa_unknown' },
    })
    expect(anonymous.status).toBe(401)
    const dana = await signIn('dana')
    const lee = await signIn('lee')
    const cross = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      json: { token: lee.access },
      bearer: dana.access,
    })
    expect(cross.status).toBe(400)
    expect((await api('GET', '/me', lee.access)).status).toBe(200)
    const wrongClient = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      form: { token: dana.access },
      basic: BOT,
    })
    expect(wrongClient.status).toBe(400)
    expect((await api('GET', '/me', dana.access)).status).toBe(200)
    const missing = await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, { form: {}, basic: APP })
    expect(missing.body.error).toBe('invalid_request')
  })

  test('revokeCredentials() ends every grant and client credentials token', async () => {
    const dana = await signIn('dana')
    const bot = await botToken()
    expect(service.revokeCredentials()).toBe(2)
    expect((await api('GET', '/me', dana.access)).body.message).toBe('The access token was revoked')
    expect((await api('GET', '/me', bot)).status).toBe(401)
    expect((await refresh(dana.refresh)).body.error).toBe('invalid_grant')
    expect(count('Live access tokens')).toBe(0)
    expect(service.revokeCredentials()).toBe(0)
  })
})

// ---- the API -----------------------------------------------------------------------------------

describe('API authentication and scopes', () => {
  test('no token is 401 with a Bearer challenge; a made-up token is invalid_token', async () => {
    const none = await send('GET', `${API}/files`)
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toBe('Bearer realm="Nimbus Files"')
    const basic = await send('GET', `${API}/files`, { basic: APP })
    expect(basic.status).toBe(401)
    const made = await api('GET', '/files', 'nfa_made-up')
    expect(made.status).toBe(401)
    expect(made.body).toEqual({ error: 'invalid_token', message: 'The access token is not valid' })
  })

  test('a missing scope is 403 insufficient_scope with the scope in the challenge', async () => {
    const tokens = await signIn('dana', 'profile files.read')
    const create = await api('POST', '/files', tokens.access, { name: 'x.txt' })
    expect(create.status).toBe(403)
    expect(create.body.error).toBe('insufficient_scope')
    expect(create.body.message).toMatch(/files\.write/)
    expect(create.headers['www-authenticate']).toBe(
      'Bearer realm="Nimbus Files", error="insufficient_scope", scope="files.write"',
    )
    const share = await api('POST', '/files/fil_2001/shared_link', tokens.access, {})
    expect(share.status).toBe(403)
    expect(share.headers['www-authenticate']).toMatch(/scope="files\.share"/)
    expect((await api('GET', '/files/fil_2001', tokens.access)).status).toBe(200)
    const profileOnly = await signIn('dana', 'profile')
    expect((await api('GET', '/me', profileOnly.access)).status).toBe(200)
    expect((await api('GET', '/folders', profileOnly.access)).status).toBe(403)
  })

  test('unknown endpoints answer 404 not_found', async () => {
    const tokens = await signIn()
    const answer = await api('GET', '/users', tokens.access)
    expect(answer.status).toBe(404)
    expect(answer.body.error).toBe('not_found')
    expect(answer.body.message).toMatch(/GET \/api\/v2\/users does not exist/)
  })
})

describe('files and folders', () => {
  test('users see their own files and folders; the service account sees all', async () => {
    const dana = await signIn('dana')
    const lee = await signIn('lee')
    const bot = await botToken()
    const mine = await api('GET', '/files?limit=100', dana.access)
    const entries = mine.body.entries as { owner_id: string }[]
    expect(entries.length).toBe(25)
    expect(entries.every((f) => f.owner_id === 'dana')).toBe(true)
    expect(((await api('GET', '/files?limit=100', lee.access)).body.entries as []).length).toBe(5)
    expect(((await api('GET', '/files?limit=100', bot)).body.entries as []).length).toBe(30)
    expect(((await api('GET', '/folders', dana.access)).body.entries as []).length).toBe(3)
    expect(((await api('GET', '/folders', bot)).body.entries as []).length).toBe(4)
    expect((await api('GET', '/files/fil_2001', lee.access)).status).toBe(404)
  })

  test('a file looks real', async () => {
    const dana = await signIn('dana')
    const file = await api('GET', '/files/fil_2001', dana.access)
    expect(file.body).toEqual({
      id: 'fil_2001',
      name: 'Project Atlas brief.docx',
      folder_id: 'fld_1001',
      size: 48213,
      mime_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      owner_id: 'dana',
      created_at: new Date(START - 410 * 86_400_000).toISOString(),
      modified_at: new Date(START - 12 * 86_400_000).toISOString(),
      shared_link: null,
    })
  })

  test('create, conflict, get, rename, move, share and delete', async () => {
    const { access } = await signIn('dana')
    clock += 5_000
    const created = await api('POST', '/files', access, {
      name: 'Plan.md',
      folder_id: 'fld_1001',
      content: 'héllo',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      name: 'Plan.md',
      folder_id: 'fld_1001',
      size: 6,
      mime_type: 'text/markdown',
      owner_id: 'dana',
      created_at: new Date(clock).toISOString(),
      shared_link: null,
    })
    const id = String(created.body.id)
    expect(id).toMatch(/^fil_/)

    const conflict = await api('POST', '/files', access, { name: 'plan.MD', folder_id: 'fld_1001' })
    expect(conflict.status).toBe(409)
    expect(conflict.body.error).toBe('conflict')
    expect((await api('POST', '/files', access, { folder_id: 'fld_1001' })).status).toBe(400)
    expect(
      (await api('POST', '/files', access, { name: 'a.txt', folder_id: 'fld_1004' })).status,
    ).toBe(404)

    expect((await api('GET', `/files/${id}`, access)).body.name).toBe('Plan.md')
    clock += 60_000
    const renamed = await api('PATCH', `/files/${id}`, access, { name: 'Plan v2.txt' })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      name: 'Plan v2.txt',
      mime_type: 'text/plain',
      modified_at: new Date(clock).toISOString(),
    })
    const moved = await api('PATCH', `/files/${id}`, access, { folder_id: 'fld_1002' })
    expect(moved.body.folder_id).toBe('fld_1002')
    const clash = await api('PATCH', `/files/${id}`, access, { name: 'Budget 2025.xlsx' })
    expect(clash.status).toBe(409)
    expect((await api('PATCH', `/files/${id}`, access, {})).status).toBe(400)

    const link = await api('POST', `/files/${id}/shared_link`, access, { access: 'open' })
    expect(link.status).toBe(201)
    expect(link.body.url).toMatch(/^https:\/\/files\.example\/s\/\S+$/)
    expect(link.body.access).toBe('open')
    expect((await api('GET', `/files/${id}`, access)).body.shared_link).toEqual(link.body)
    const defaults = await api('POST', `/files/${id}/shared_link`, access)
    expect(defaults.body.access).toBe('company')
    expect(
      (await api('POST', `/files/${id}/shared_link`, access, { access: 'public' })).status,
    ).toBe(400)

    const deleted = await api('DELETE', `/files/${id}`, access)
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    const gone = await api('GET', `/files/${id}`, access)
    expect(gone.status).toBe(404)
    expect(gone.body.message).toBe(`No file has id ${id}`)
    expect((await api('DELETE', `/files/${id}`, access)).status).toBe(404)
    expect(count('Files')).toBe(30)
  })

  test('folders: create, conflict, and files listed per folder', async () => {
    const { access } = await signIn('lee')
    const folder = await api('POST', '/folders', access, { name: 'Archive' })
    expect(folder.status).toBe(201)
    expect(folder.body).toMatchObject({ name: 'Archive', parent_id: null, owner_id: 'lee' })
    expect((await api('POST', '/folders', access, { name: 'archive' })).status).toBe(409)
    const nested = await api('POST', '/folders', access, {
      name: 'Old',
      parent_id: String(folder.body.id),
    })
    expect(nested.body.parent_id).toBe(folder.body.id)
    const design = await api('GET', '/files?folder_id=fld_1004', access)
    expect((design.body.entries as { folder_id: string }[]).map((f) => f.folder_id)).toEqual([
      'fld_1004',
      'fld_1004',
      'fld_1004',
      'fld_1004',
    ])
    const root = await api('GET', '/files?folder_id=root', access)
    expect((root.body.entries as { name: string }[]).map((f) => f.name)).toEqual([
      'Design review notes.md',
    ])
    expect((await api('GET', '/files?folder_id=fld_1001', access)).status).toBe(404)
  })
})

describe('cursor pagination', () => {
  test('walks every page of the large seed with no duplicates', async () => {
    service.reset('large')
    const bot = await botToken()
    const seen = new Set<string>()
    let cursor: string | null = null
    let pages = 0
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const page = await api('GET', `/files?limit=100${query}`, bot)
      expect(page.status).toBe(200)
      const entries = page.body.entries as { id: string }[]
      expect(entries.length).toBeGreaterThan(0)
      for (const file of entries) {
        expect(seen.has(file.id)).toBe(false)
        seen.add(file.id)
      }
      cursor = page.body.next_cursor as string | null
      pages++
    } while (cursor !== null && pages < 50)
    expect(pages).toBe(10)
    expect(seen.size).toBe(1000)
  })

  test('pages a user’s folder with the default limit and an odd limit', async () => {
    service.reset('large')
    const { access } = await signIn('dana')
    const first = await api('GET', '/files?folder_id=fld_1002', access)
    expect((first.body.entries as []).length).toBe(20)
    const names: string[] = []
    let cursor: string | null = null
    do {
      const query: string = cursor ? `&cursor=${cursor}` : ''
      const page = await api('GET', `/files?folder_id=fld_1002&limit=37${query}`, access)
      const entries = page.body.entries as { name: string; folder_id: string; owner_id: string }[]
      expect(entries.every((f) => f.folder_id === 'fld_1002' && f.owner_id === 'dana')).toBe(true)
      names.push(...entries.map((f) => f.name))
      cursor = page.body.next_cursor as string | null
    } while (cursor !== null)
    expect(names.length).toBe(250)
    expect(new Set(names).size).toBe(250)
    expect([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))).toEqual(names)
  })

  test('a page survives a deletion between requests', async () => {
    service.reset('large')
    const { access } = await signIn('dana')
    const first = await api('GET', '/files?limit=10', access)
    const last = (first.body.entries as { id: string }[])[9]?.id
    expect((await api('DELETE', `/files/${last}`, access)).status).toBe(204)
    const second = await api('GET', `/files?limit=10&cursor=${first.body.next_cursor}`, access)
    expect(second.status).toBe(200)
    const ids = (second.body.entries as { id: string }[]).map((f) => f.id)
    expect(ids).not.toContain(last)
    expect(
      ids.some((id) => (first.body.entries as { id: string }[]).some((f) => f.id === id)),
    ).toBe(false)
  })

  test('an invalid, tampered or foreign cursor is 400 invalid_cursor', async () => {
    const { access } = await signIn('dana')
    const first = await api('GET', '/files?limit=5', access)
    const cursor = String(first.body.next_cursor)
    expect((await api('GET', `/files?cursor=garbage!`, access)).body.error).toBe('invalid_cursor')
    expect((await api('GET', `/files?cursor=${cursor.slice(0, -3)}`, access)).status).toBe(400)
    const decoded = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as {
      k: [string, string]
    }
    decoded.k = ['a', 'fil_0000']
    const tampered = btoa(JSON.stringify(decoded)).replace(/\+/g, '-').replace(/\//g, '_')
    const answer = await api('GET', `/files?cursor=${tampered.replace(/=+$/, '')}`, access)
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('invalid_cursor')
    const foreign = await api('GET', `/files?folder_id=fld_1001&cursor=${cursor}`, access)
    expect(foreign.status).toBe(400)
    expect(foreign.body.message).toMatch(/folder_id/)
  })

  test.each(['0', '101', 'ten', '2.5'])('limit=%s is 400', async (limit) => {
    const { access } = await signIn('dana')
    const answer = await api('GET', `/files?limit=${limit}`, access)
    expect(answer.status).toBe(400)
    expect(answer.body.error).toBe('invalid_request')
  })
})

// ---- persistence and seeds ---------------------------------------------------------------------

describe('snapshot, restore and reset', () => {
  test('a snapshot restores into a new network: files and tokens carry over', async () => {
    const tokens = await signIn('dana')
    const created = await api('POST', '/files', tokens.access, { name: 'Kept.txt' })
    const snapshot = JSON.parse(JSON.stringify(network.snapshot())) as unknown
    const before = service.summary()

    network = newNetwork()
    service = network.services[0] as MockService
    expect(count('Files')).toBe(30)
    network.restore(snapshot)
    expect(service.summary()).toEqual(before)
    expect((await api('GET', `/files/${created.body.id}`, tokens.access)).body.name).toBe(
      'Kept.txt',
    )
    expect((await refresh(tokens.refresh)).status).toBe(200)
    expect(service.restore(service.snapshot())).toBe(true)
  })

  test('old codes, tokens and revoked grants are forgotten; snapshots stay consistent', async () => {
    const revoked = await signIn('dana')
    const idle = await signIn('dana')
    await botToken()
    await send('POST', `${FILES_ORIGIN}/oauth2/revoke`, {
      form: { token: revoked.access },
      basic: APP,
    })
    clock += 2 * 86_400_000
    const fresh = await signIn('lee')
    const snapshot = service.snapshot() as Record<string, unknown[]>
    expect(snapshot.grants).toHaveLength(2)
    expect(snapshot.accessTokens).toHaveLength(1)
    expect(snapshot.refreshTokens).toHaveLength(2)
    expect(service.restore(snapshot)).toBe(true)
    expect((await refresh(revoked.refresh)).body.error_description).toBe(
      'The refresh token is not valid',
    )
    expect((await refresh(idle.refresh)).status).toBe(200)
    expect((await api('GET', '/me', fresh.access)).body.name).toBe('Lee Okafor')
  })

  test('restoring garbage returns false and leaves a fresh default state', async () => {
    await signIn('dana')
    service.reset('large')
    expect(service.restore({ nonsense: true })).toBe(false)
    expect(count('Files')).toBe(30)
    expect(count('Active grants')).toBe(0)
    expect(service.restore(null)).toBe(false)
    expect(service.restore('{}')).toBe(false)
    const snapshot = service.snapshot() as { files: { folder_id: string | null }[] }
    const broken = structuredClone(snapshot)
    const [first] = broken.files
    if (first) first.folder_id = 'fld_missing'
    expect(service.restore(broken)).toBe(false)
    const wrongType = { ...structuredClone(snapshot), files: [{ id: 1 }] }
    expect(service.restore(wrongType)).toBe(false)
  })

  test.each([
    ['default', 30, 4],
    ['large', 1000, 4],
    ['empty', 0, 0],
  ])(
    'reset(%s) gives %i files in %i folders and ends every token',
    async (seed, files, folders) => {
      const tokens = await signIn('dana')
      service.reset(seed)
      expect(count('Files')).toBe(files)
      expect(count('Folders')).toBe(folders)
      expect(count('Live access tokens')).toBe(0)
      expect((await api('GET', '/me', tokens.access)).status).toBe(401)
      const again = await signIn('dana')
      const listed = await api('GET', '/files?limit=1', again.access)
      expect((listed.body.entries as []).length).toBe(files === 0 ? 0 : 1)
      expect(listed.body.next_cursor === null).toBe(files <= 1)
    },
  )

  test('the large seed is the same every time', () => {
    service.reset('large')
    const a = JSON.stringify(service.snapshot())
    const other = newNetwork().services[0] as MockService
    other.reset('large')
    expect(JSON.stringify(other.snapshot())).toBe(a)
  })
})

// ---- the nimbus-files template against the service ---------------------------------------------

describe('the nimbus-files template', () => {
  const dir = join(import.meta.dirname, '../../../fixtures/templates/nimbus-files')
  const files: ProjectFiles = {
    'connector.json': readFileSync(join(dir, 'connector.json'), 'utf8'),
  }
  for (const name of readdirSync(join(dir, 'flows'))) {
    files[`flows/${name}`] = readFileSync(join(dir, 'flows', name), 'utf8')
  }
  const project = loadProject(files, cardCatalogue)
  let ids = 0

  const ports = (): EnginePorts => ({
    http: (request, signal) => network.respond(request, signal),
    now: () => clock,
    wait: async (ms) => {
      clock += ms
    },
    elapsed: () => 0,
    newId: () => `id-${++ids}`,
    random: () => 0.5,
  })

  const run = (flow: string, token: string, input: Record<string, unknown> = {}, options = {}) =>
    runFlow(project, { flow, input, options, connection: { access_token: token } }, ports())

  const outputs = (result: RunResult) => {
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('success')
    return result.outputs ?? {}
  }

  test('validates with no problems', () => {
    expect(project.diagnostics).toEqual([])
  })

  test('_authping says who is connected; a bad token fails with the API’s message', async () => {
    const { access } = await signIn('lee')
    expect(outputs(await run('_authping', access))).toEqual({
      message: 'Connected to Nimbus Files as Lee Okafor (lee@acme.example)',
    })
    const bad = await run('_authping', 'nfa_bogus')
    expect(bad.status).toBe('failed')
    expect(bad.error?.code).toBe(401)
    expect(bad.error?.message).toMatch(/The access token is not valid/)
  })

  test('List Files pages with its cursor', async () => {
    const { access } = await signIn('dana')
    const first = outputs(await run('List Files', access, { folder_id: 'fld_1001', limit: 5 }))
    expect((first.files as unknown[]).length).toBe(5)
    const rest = outputs(
      await run('List Files', access, { folder_id: 'fld_1001', cursor: first.next_cursor }),
    )
    expect((rest.files as unknown[]).length).toBe(4)
    expect(rest.next_cursor).toBeNull()
  })

  test('Upload, Get, Rename, Create Shared Link and Delete File', async () => {
    const { access } = await signIn('dana')
    const uploaded = outputs(
      await run('Upload File', access, { name: 'Notes.md', folder_id: 'fld_1003', content: 'hi' }),
    )
    expect(uploaded).toMatchObject({ name: 'Notes.md', folder_id: 'fld_1003', size: 2 })
    const id = String(uploaded.id)
    expect(outputs(await run('Get File', access, { file_id: id }))).toMatchObject({
      id,
      mime_type: 'text/markdown',
      owner_id: 'dana',
      shared_link: null,
    })
    expect(
      outputs(await run('Rename File', access, { file_id: id, name: 'Notes.txt' })),
    ).toMatchObject({
      id,
      name: 'Notes.txt',
      mime_type: 'text/plain',
    })
    const link = outputs(await run('Create Shared Link', access, { file_id: id, access: 'open' }))
    expect(link.url).toMatch(/^https:\/\/files\.example\/s\//)
    expect(link.access).toBe('open')
    expect(outputs(await run('Delete File', access, { file_id: id }))).toEqual({
      file_id: id,
      deleted: true,
    })
    const missing = await run('Get File', access, { file_id: id })
    expect(missing.status).toBe('failed')
    expect(missing.error?.code).toBe(404)
    expect(missing.error?.message).toBe(
      `Nimbus Files could not get the file: HTTP 404 Not Found: No file has id ${id}`,
    )
    const conflict = await run('Upload File', access, {
      name: 'Budget 2025.xlsx',
      folder_id: 'fld_1002',
    })
    expect(conflict.error?.code).toBe(409)
    expect(conflict.error?.message).toMatch(/already exists/)
  })

  test('a file ID cannot reach another endpoint', async () => {
    const { access } = await signIn('dana')
    const result = await run('Get File', access, { file_id: '../me' })
    expect(result.error?.code).toBe(404)
  })

  test('a card needing a scope the connection lacks fails with 403', async () => {
    const { access } = await signIn('dana', 'profile files.read')
    const result = await run('Create Shared Link', access, { file_id: 'fil_2001' })
    expect(result.error?.code).toBe(403)
    expect(result.error?.message).toMatch(/files\.share/)
  })

  test('Custom API Action checks the Relative URL, then calls the API', async () => {
    const { access } = await signIn('dana')
    const full = await run(
      'Custom API Action',
      access,
      { relative_url: 'https://evil.example/steal' },
      { request_type: 'GET' },
    )
    expect(full.error).toMatchObject({ code: 400, method: 'checkUrl' })
    expect(full.error?.message).toMatch(/must start with \//)
    const ok = outputs(
      await run('Custom API Action', access, { relative_url: '/folders' }, { request_type: 'GET' }),
    )
    expect(ok.status_code).toBe(200)
    expect((ok.body as { entries: unknown[] }).entries.length).toBe(3)
    const created = outputs(
      await run(
        'Custom API Action',
        access,
        { relative_url: '/folders', body: { name: 'Inbox' } },
        { request_type: 'POST' },
      ),
    )
    expect(created.status_code).toBe(201)
    const notFound = await run(
      'Custom API Action',
      access,
      { relative_url: '/nowhere' },
      { request_type: 'GET' },
    )
    expect(notFound.error?.code).toBe(404)
  })

  test('Revoke Token revokes the connection’s grant through httpHelper', async () => {
    const tokens = await signIn('dana')
    expect(outputs(await run('Revoke Token', tokens.access))).toEqual({})
    expect((await api('GET', '/me', tokens.access)).body.message).toBe(
      'The access token was revoked',
    )
    expect((await refresh(tokens.refresh)).body.error).toBe('invalid_grant')
  })
})
