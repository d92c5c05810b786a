// Connections and their lifecycle, as Workflows runs them for a connector: create (Basic,
// Custom, OAuth 2.0 client credentials, and authorization code through the provider's consent
// screen with `state` and PKCE), `_authping` on create, reauthorize and Test, rename, revoke and
// delete through the connector's revoke flow, and token refresh — before a call when the token
// has expired on the virtual clock, and after a 401 — transparently to flows. Secrets stay here
// and in the store; what leaves is a ConnectionSummary.
import { cardCatalogue, connectionSecrets, type HttpRequestData, type RunResult } from '../engine'
import type { EnginePorts } from '../engine'
import { loadProject, type Authentication, type ProjectFiles } from '../definition'
import type {
  AuthorizationStart,
  AuthType,
  ConnectionDraft,
  ConnectionHealth,
  ConnectionOutcome,
  ConnectionSummary,
  ConsentDecision,
  ConsentDetails,
} from './engine-api'
import {
  buildAuthorizeUrl,
  describeOAuthError,
  formEncode,
  pkceChallenge,
  readRedirect,
  redirectUriFor,
  requestTokens,
  type TokenResult,
  type TokenSender,
} from './oauth'
import type { ConnectionRecord, PlatformStore, TokenSet } from './platform-store'

/** Tokens this close to expiry are refreshed before use. */
const EXPIRY_SKEW_MS = 30_000
/** How long a started authorization waits for the user's decision. */
const PENDING_TTL_MS = 10 * 60_000

export interface ConnectionManagerDeps {
  store: PlatformStore
  /** Sends the platform's own requests (token endpoint, consent screen) to the mock network. */
  send: TokenSender
  /** The virtual clock. */
  now(): number
  newId(): string
  randomToken(bytes: number): string
  /** Runs a flow of the project (system flows, config-value helpers) with an optional connection. */
  runFlow(files: ProjectFiles, flow: string, connectionId?: string): Promise<RunResult>
}

interface AuthDefinition {
  connectorName: string
  connectorKey: string
  auth: Authentication
  revokeFlow?: string
  hasAuthping: boolean
}

interface PendingAuthorization {
  projectId: string
  files: ProjectFiles
  draft: ConnectionDraft
  reauthorizeId?: string
  definition: AuthDefinition & {
    auth: Extract<Authentication, { type: 'oauth2AuthorizationCode' }>
  }
  values: Record<string, string>
  secretKeys: string[]
  scopes: string[]
  state: string
  verifier?: string
  redirectUri: string
  authorizeUrl: string
  accounts: ConsentDetails['accounts']
  startedAt: number
}

type Definition = { ok: true; definition: AuthDefinition } | { ok: false; message: string }

function readDefinition(files: ProjectFiles): Definition {
  const project = loadProject(files, cardCatalogue)
  const connector = project.connector
  if (!connector) {
    const problem = project.diagnostics.find((d) => d.file === 'connector.json')
    return {
      ok: false,
      message: `connector.json must be valid before connections can be made${
        problem ? ` (line ${problem.range.startLine}: ${problem.message})` : ''
      }`,
    }
  }
  if (!connector.authentication) {
    return {
      ok: false,
      message: 'connector.json has no "authentication"; add one to create connections',
    }
  }
  let revokeFlow: string | undefined
  let hasAuthping = false
  for (const { flow } of project.flowFiles) {
    if (flow.kind === 'revoke' && revokeFlow === undefined) revokeFlow = flow.name
    if (flow.kind === 'authping' && flow.name === '_authping') hasAuthping = true
  }
  return {
    ok: true,
    definition: {
      connectorName: connector.name,
      connectorKey: connector.key ?? connector.name.toLowerCase().replace(/[^a-z0-9]/g, ''),
      auth: connector.authentication,
      ...(revokeFlow ? { revokeFlow } : {}),
      hasAuthping,
    },
  }
}

const isOAuth = (type: AuthType) =>
  type === 'oauth2AuthorizationCode' || type === 'oauth2ClientCredentials'

function fail(message: string, connection?: ConnectionSummary, run?: RunResult): ConnectionOutcome {
  return { ok: false, message, ...(connection ? { connection } : {}), ...(run ? { run } : {}) }
}

/** Checks what the user typed against the auth definition; returns the values to keep. */
function readDraft(
  auth: Authentication,
  draft: ConnectionDraft,
):
  | { ok: true; values: Record<string, string>; secretKeys: string[] }
  | { ok: false; message: string } {
  const values: Record<string, string> = {}
  const secretKeys: string[] = []
  const missing: string[] = []
  const take = (key: string, label: string, secret: boolean) => {
    const value = draft.values[key]
    if (typeof value !== 'string' || value.trim() === '') missing.push(label)
    else values[key] = secret ? value : value.trim()
    if (secret) secretKeys.push(key)
  }
  if (auth.type === 'basic') {
    take('username', auth.usernameLabel ?? 'Username', false)
    take('password', auth.passwordLabel ?? 'Password', true)
  } else if (auth.type === 'oauth2ClientCredentials') {
    take('client_id', 'Client ID', false)
    take('client_secret', 'Client Secret', true)
  }
  for (const parameter of auth.parameters ?? []) {
    take(parameter.key, parameter.label || parameter.key, parameter.type === 'password')
    const value = values[parameter.key]
    if (
      parameter.type === 'dropdown' &&
      value !== undefined &&
      parameter.values &&
      !parameter.values.some((v) => v.value === value)
    ) {
      return {
        ok: false,
        message: `${parameter.label || parameter.key}: "${value}" is not one of the choices`,
      }
    }
  }
  if (missing.length > 0) {
    return { ok: false, message: `Fill in ${missing.join(', ')}` }
  }
  return { ok: true, values, secretKeys }
}

function chosenScopes(auth: Authentication, requested: string[] | undefined): string[] {
  if (auth.type !== 'oauth2AuthorizationCode' && auth.type !== 'oauth2ClientCredentials') return []
  const defined = auth.scopes ?? []
  if (!auth.allowCustomScopes || requested === undefined) return defined.map((s) => s.scope)
  return defined.filter((s) => s.required || requested.includes(s.scope)).map((s) => s.scope)
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

function withAuthorization(request: HttpRequestData, value: string): HttpRequestData {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(request.headers)) {
    if (k.toLowerCase() !== 'authorization') headers[k] = v
  }
  headers.Authorization = value
  return { ...request, headers }
}

export type ConnectionManager = ReturnType<typeof createConnectionManager>

export function createConnectionManager(deps: ConnectionManagerDeps) {
  let projectId: string | undefined
  let records = new Map<string, ConnectionRecord>()
  const pending = new Map<string, PendingAuthorization>()
  const refreshing = new Map<string, Promise<boolean>>()
  /** Every access token each connection has held, so a flow's stale copy is recognised. */
  const issued = new Map<string, Set<string>>()

  const remember = (id: string, tokens: TokenSet | undefined) => {
    if (!tokens) return
    const set = issued.get(id) ?? new Set<string>()
    set.add(tokens.accessToken)
    issued.set(id, set)
  }

  const summary = (record: ConnectionRecord): ConnectionSummary => {
    const publicValues: Record<string, string> = {}
    for (const [key, value] of Object.entries(record.values)) {
      if (!record.secretKeys.includes(key)) publicValues[key] = value
    }
    const account =
      record.values.username ??
      record.values.client_id ??
      record.values.account ??
      Object.entries(publicValues)[0]?.[1] ??
      ''
    return {
      id: record.id,
      name: record.name,
      description: record.description,
      authType: record.authType,
      account,
      publicValues,
      scopes: record.tokens?.scope ? record.tokens.scope.split(/\s+/) : record.scopes,
      ...(record.tokens?.expiresAt !== undefined
        ? { tokenExpiresAt: record.tokens.expiresAt }
        : {}),
      hasRefreshToken: record.tokens?.refreshToken !== undefined,
      health: record.health,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    }
  }

  const save = async (record: ConnectionRecord) => {
    record.updatedAt = deps.now()
    records.set(record.id, record)
    remember(record.id, record.tokens)
    await deps.store.putConnection(record)
  }

  const current = (id: string): ConnectionRecord | undefined => {
    const record = records.get(id)
    return record && record.projectId === projectId ? record : undefined
  }

  /** The auth object flows see: `=connection.*`, and `auth` on Authping/Revoke event cards. */
  const authObject = (record: ConnectionRecord): Record<string, unknown> => {
    const auth: Record<string, unknown> = { ...record.values }
    delete auth.client_secret
    delete auth.account
    if (record.tokens) {
      auth.access_token = record.tokens.accessToken
      auth.token_type = record.tokens.tokenType
      if (record.tokens.scope !== undefined) auth.scope = record.tokens.scope
    }
    return auth
  }

  /** Resolves config values: static ones, and ones a helper flow returns. */
  const configValues = async (
    files: ProjectFiles,
    auth: Authentication,
  ): Promise<{ values: Record<string, string>; secretKeys: string[]; error?: string }> => {
    const values: Record<string, string> = {}
    const secretKeys: string[] = []
    for (const config of auth.configValues ?? []) {
      if (config.type === 'password') secretKeys.push(config.key)
      if (config.value !== undefined) {
        values[config.key] = config.value
        continue
      }
      if (config.flow === undefined) continue
      const run = await deps.runFlow(files, config.flow)
      if (run.status !== 'success') {
        return {
          values,
          secretKeys,
          error: `Config value ${config.label || config.key}: the helper flow "${config.flow}" failed: ${run.error?.message ?? 'unknown error'}`,
        }
      }
      const outputs = run.outputs ?? {}
      const value = outputs[config.key] ?? outputs.value ?? Object.values(outputs)[0]
      values[config.key] = typeof value === 'string' ? value : JSON.stringify(value ?? '')
    }
    return { values, secretKeys }
  }

  /** Runs `_authping` and records the connection's health. */
  const ping = async (
    record: ConnectionRecord,
    files: ProjectFiles,
    definition: AuthDefinition,
  ): Promise<ConnectionOutcome> => {
    if (!definition.hasAuthping) {
      record.health = { state: 'untested' }
      await save(record)
      return {
        ok: true,
        connection: summary(record),
        message:
          'Connected. This connector has no _authping flow, so the connection was not checked.',
      }
    }
    const run = await deps.runFlow(files, '_authping', record.id)
    const checkedAt = deps.now()
    const latest = current(record.id) ?? record
    if (run.status === 'success') {
      const said = run.outputs?.message
      latest.health = {
        state: 'ok',
        message: typeof said === 'string' && said !== '' ? said : '_authping succeeded',
        checkedAt,
      }
    } else {
      latest.health = {
        state: 'failed',
        message: `_authping failed: ${run.error?.message ?? 'unknown error'}`,
        checkedAt,
      }
    }
    await save(latest)
    return {
      ok: run.status === 'success',
      connection: summary(latest),
      message: latest.health.message,
      run,
    }
  }

  const tokenClientFor = (
    auth: Authentication,
    values: Record<string, string>,
  ): Parameters<typeof requestTokens>[1] | undefined => {
    if (auth.type === 'oauth2ClientCredentials') {
      return {
        tokenUrl: auth.tokenUrl,
        clientId: values.client_id ?? '',
        ...(values.client_secret !== undefined ? { clientSecret: values.client_secret } : {}),
        clientAuthentication: auth.clientAuthentication,
      }
    }
    if (auth.type === 'oauth2AuthorizationCode') {
      return {
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        ...(auth.clientSecret !== undefined ? { clientSecret: auth.clientSecret } : {}),
        clientAuthentication: 'client_secret_basic',
      }
    }
    return undefined
  }

  const clientCredentialsTokens = async (
    auth: Extract<Authentication, { type: 'oauth2ClientCredentials' }>,
    values: Record<string, string>,
    scopes: string[],
  ): Promise<TokenResult> => {
    const client = tokenClientFor(auth, values)
    if (!client) return { ok: false, message: 'Not an OAuth 2.0 authentication' }
    return requestTokens(
      deps.send,
      client,
      'client_credentials',
      { grant_type: 'client_credentials', scope: scopes.length ? scopes.join(' ') : undefined },
      deps.now(),
      'The token request',
    )
  }

  /** Renews a connection's access token (refresh token, or a new client credentials grant). */
  const refresh = (record: ConnectionRecord): Promise<boolean> => {
    const running = refreshing.get(record.id)
    if (running) return running
    const task = (async () => {
      const tokens = record.tokens
      if (!tokens || record.health.state === 'revoked') return false
      let result: TokenResult
      const client = {
        tokenUrl: tokens.refreshUrl ?? tokens.tokenUrl,
        clientId: tokens.clientId,
        ...(tokens.clientSecret !== undefined ? { clientSecret: tokens.clientSecret } : {}),
        clientAuthentication: tokens.clientAuthentication,
      }
      if (tokens.grant === 'client_credentials') {
        result = await requestTokens(
          deps.send,
          client,
          'client_credentials',
          { grant_type: 'client_credentials', scope: tokens.scope },
          deps.now(),
          'Renewing the access token',
          tokens,
        )
      } else if (tokens.refreshToken) {
        result = await requestTokens(
          deps.send,
          client,
          'authorization_code',
          { grant_type: 'refresh_token', refresh_token: tokens.refreshToken },
          deps.now(),
          'Refreshing the access token',
          tokens,
        )
      } else {
        result = { ok: false, message: 'The access token expired and there is no refresh token' }
      }
      if (result.ok) {
        record.tokens = result.tokens
        await save(record)
        return true
      }
      record.health = {
        state: 'failed',
        message: `${result.message}. Reauthorize the connection.`,
        checkedAt: deps.now(),
      }
      await save(record)
      return false
    })()
    refreshing.set(record.id, task)
    return task.finally(() => refreshing.delete(record.id))
  }

  const ensureFresh = async (record: ConnectionRecord): Promise<void> => {
    const expiresAt = record.tokens?.expiresAt
    if (expiresAt !== undefined && deps.now() >= expiresAt - EXPIRY_SKEW_MS) await refresh(record)
  }

  /** Creates or updates the record once authorization has succeeded, then pings. */
  const store = async (
    files: ProjectFiles,
    definition: AuthDefinition,
    draft: ConnectionDraft,
    fields: Pick<ConnectionRecord, 'values' | 'secretKeys' | 'scopes'> & { tokens?: TokenSet },
    existingId?: string,
  ): Promise<ConnectionOutcome> => {
    if (!projectId) return fail('No project is open')
    const time = deps.now()
    const existing = existingId ? current(existingId) : undefined
    if (existingId && !existing) return fail('That connection no longer exists')
    const record: ConnectionRecord = {
      id: existing?.id ?? deps.newId(),
      projectId,
      name: draft.name.trim() || existing?.name || `${definition.connectorName} connection`,
      description: draft.description?.trim() ?? existing?.description ?? '',
      authType: definition.auth.type,
      values: fields.values,
      secretKeys: fields.secretKeys,
      scopes: fields.scopes,
      health: { state: 'untested' },
      createdAt: existing?.createdAt ?? time,
      updatedAt: time,
      ...(fields.tokens ? { tokens: fields.tokens } : {}),
    }
    await save(record)
    return ping(record, files, definition)
  }

  const prepare = async (
    files: ProjectFiles,
    draft: ConnectionDraft,
  ): Promise<
    | {
        ok: true
        definition: AuthDefinition
        values: Record<string, string>
        secretKeys: string[]
        scopes: string[]
      }
    | { ok: false; message: string }
  > => {
    if (!projectId) return { ok: false, message: 'No project is open' }
    const read = readDefinition(files)
    if (!read.ok) return read
    const { auth } = read.definition
    const typed = readDraft(auth, draft)
    if (!typed.ok) return typed
    const config = await configValues(files, auth)
    if (config.error) return { ok: false, message: config.error }
    return {
      ok: true,
      definition: read.definition,
      values: { ...config.values, ...typed.values },
      secretKeys: [...typed.secretKeys, ...config.secretKeys],
      scopes: chosenScopes(auth, draft.scopes),
    }
  }

  const createOrReauthorize = async (
    files: ProjectFiles,
    draft: ConnectionDraft,
    existingId?: string,
  ): Promise<ConnectionOutcome> => {
    const ready = await prepare(files, draft)
    if (!ready.ok) return fail(ready.message)
    const { definition, values, secretKeys, scopes } = ready
    const { auth } = definition
    if (auth.type === 'oauth2AuthorizationCode') {
      return fail(
        'This connector signs in with the authorization code grant: use the consent screen',
      )
    }
    let tokens: TokenSet | undefined
    if (auth.type === 'oauth2ClientCredentials') {
      const result = await clientCredentialsTokens(auth, values, scopes)
      if (!result.ok) return fail(result.message)
      tokens = result.tokens
    }
    return store(
      files,
      definition,
      draft,
      { values, secretKeys, scopes, ...(tokens ? { tokens } : {}) },
      existingId,
    )
  }

  /** Runs the revoke flow with a connection (refreshing first, so the live grant is revoked). */
  const runRevoke = async (
    record: ConnectionRecord,
    files: ProjectFiles,
  ): Promise<{ ran: false; message: string } | { ran: true; run: RunResult }> => {
    const read = readDefinition(files)
    const revokeFlow = read.ok ? read.definition.revokeFlow : undefined
    if (!revokeFlow) {
      return {
        ran: false,
        message: isOAuth(record.authType)
          ? 'This connector has no revoke flow, so the service still accepts the token until it expires.'
          : 'This connector has no revoke flow.',
      }
    }
    await ensureFresh(record)
    return { ran: true, run: await deps.runFlow(files, revokeFlow, record.id) }
  }

  return {
    async open(id: string): Promise<ConnectionSummary[]> {
      projectId = id
      records = new Map((await deps.store.listConnections(id)).map((r) => [r.id, r]))
      for (const record of records.values()) remember(record.id, record.tokens)
      pending.clear()
      return [...records.values()].map(summary)
    },

    list: (): ConnectionSummary[] => [...records.values()].map(summary),

    create: (files: ProjectFiles, draft: ConnectionDraft) => createOrReauthorize(files, draft),

    reauthorize: (id: string, files: ProjectFiles, draft: ConnectionDraft) =>
      current(id)
        ? createOrReauthorize(files, draft, id)
        : Promise.resolve(fail('That connection no longer exists')),

    async beginAuthorization(
      files: ProjectFiles,
      draft: ConnectionDraft,
      reauthorizeId?: string,
    ): Promise<AuthorizationStart> {
      const ready = await prepare(files, draft)
      if (!ready.ok) return ready
      const { definition } = ready
      const auth = definition.auth
      if (auth.type !== 'oauth2AuthorizationCode') {
        return { ok: false, message: 'This connector does not use the authorization code grant' }
      }
      if (reauthorizeId && !current(reauthorizeId)) {
        return { ok: false, message: 'That connection no longer exists' }
      }
      const state = deps.randomToken(16)
      const verifier = auth.pkce === false ? undefined : deps.randomToken(32)
      const redirectUri = redirectUriFor(definition.connectorKey)
      const authorizeUrl = buildAuthorizeUrl({
        authorizeUrl: auth.authorizeUrl,
        clientId: auth.clientId,
        redirectUri,
        scopes: ready.scopes,
        state,
        ...(verifier ? { codeChallenge: await pkceChallenge(verifier) } : {}),
      })
      const response = await deps.send({
        method: 'GET',
        url: authorizeUrl,
        headers: { accept: 'application/json' },
        body: null,
      })
      if (response.status !== 200) {
        return { ok: false, message: describeOAuthError(response, 'The authorize request') }
      }
      let consent: Omit<ConsentDetails, 'authorizeUrl'>
      try {
        consent = JSON.parse(response.body) as Omit<ConsentDetails, 'authorizeUrl'>
      } catch {
        return {
          ok: false,
          message: 'The provider answered the authorize request with invalid JSON',
        }
      }
      const now = deps.now()
      for (const [key, value] of pending) {
        if (now - value.startedAt > PENDING_TTL_MS) pending.delete(key)
      }
      const pendingId = deps.newId()
      pending.set(pendingId, {
        projectId: projectId ?? '',
        files,
        draft,
        ...(reauthorizeId ? { reauthorizeId } : {}),
        definition: { ...definition, auth },
        values: ready.values,
        secretKeys: ready.secretKeys,
        scopes: ready.scopes,
        state,
        ...(verifier ? { verifier } : {}),
        redirectUri,
        authorizeUrl,
        accounts: Array.isArray(consent.accounts) ? consent.accounts : [],
        startedAt: now,
      })
      return {
        ok: true,
        pendingId,
        consent: {
          provider: String(consent.provider ?? ''),
          clientName: String(consent.clientName ?? auth.clientId),
          scopes: Array.isArray(consent.scopes) ? consent.scopes : [],
          accounts: Array.isArray(consent.accounts) ? consent.accounts : [],
          authorizeUrl,
        },
      }
    },

    async completeAuthorization(
      pendingId: string,
      decision: ConsentDecision,
    ): Promise<ConnectionOutcome> {
      const started = pending.get(pendingId)
      pending.delete(pendingId)
      if (!started || started.projectId !== projectId) {
        return fail('This sign-in is no longer pending; start again from New Connection')
      }
      if (deps.now() - started.startedAt > PENDING_TTL_MS) {
        return fail('The sign-in took too long and expired; start again')
      }
      const { auth } = started.definition
      const form: Record<string, string> = {}
      new URL(started.authorizeUrl).searchParams.forEach((value, key) => {
        form[key] = value
      })
      form.decision = decision.allow ? 'allow' : 'deny'
      if (decision.account) form.account = decision.account
      const answer = await deps.send({
        method: 'POST',
        url: `${auth.authorizeUrl.split('?')[0]}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: formEncode(form),
      })
      if (answer.status < 300 || answer.status >= 400) {
        return fail(describeOAuthError(answer, 'The consent screen'))
      }
      const redirect = readRedirect(
        headerValue(answer.headers, 'location'),
        started.redirectUri,
        started.state,
      )
      if (!redirect.ok) return fail(redirect.message)
      const client = tokenClientFor(auth, started.values)
      if (!client) return fail('Not an OAuth 2.0 authentication')
      const result = await requestTokens(
        deps.send,
        client,
        'authorization_code',
        {
          grant_type: 'authorization_code',
          code: redirect.code,
          redirect_uri: started.redirectUri,
          code_verifier: started.verifier,
        },
        deps.now(),
        'Exchanging the authorization code',
      )
      if (!result.ok) return fail(result.message)
      if (auth.refreshUrl) result.tokens.refreshUrl = auth.refreshUrl
      // Shown on the connection: who signed in at the provider.
      const chosen = started.accounts.find((a) => a.id === decision.account)
      const account = chosen ? `${chosen.name} <${chosen.email}>` : decision.account
      return store(
        started.files,
        started.definition,
        started.draft,
        {
          values: { ...started.values, ...(account ? { account } : {}) },
          secretKeys: started.secretKeys,
          scopes: started.scopes,
          tokens: result.tokens,
        },
        started.reauthorizeId,
      )
    },

    async rename(id: string, name: string, description?: string): Promise<ConnectionOutcome> {
      const record = current(id)
      if (!record) return fail('That connection no longer exists')
      if (name.trim() === '') return fail('A connection needs a name', summary(record))
      record.name = name.trim()
      if (description !== undefined) record.description = description.trim()
      await save(record)
      return { ok: true, connection: summary(record), message: 'Renamed' }
    },

    async test(id: string, files: ProjectFiles): Promise<ConnectionOutcome> {
      const record = current(id)
      if (!record) return fail('That connection no longer exists')
      const read = readDefinition(files)
      if (!read.ok) return fail(read.message, summary(record))
      await ensureFresh(record)
      return ping(record, files, read.definition)
    },

    async revoke(id: string, files: ProjectFiles): Promise<ConnectionOutcome> {
      const record = current(id)
      if (!record) return fail('That connection no longer exists')
      const outcome = await runRevoke(record, files)
      if (!outcome.ran) return fail(outcome.message, summary(record))
      if (outcome.run.status !== 'success') {
        return fail(
          `The revoke flow failed: ${outcome.run.error?.message ?? 'unknown error'}`,
          summary(record),
          outcome.run,
        )
      }
      const said = outcome.run.outputs?.message
      record.health = {
        state: 'revoked',
        message: typeof said === 'string' && said !== '' ? said : 'Revoked',
        checkedAt: deps.now(),
      }
      await save(record)
      return {
        ok: true,
        connection: summary(record),
        message: record.health.message,
        run: outcome.run,
      }
    },

    async remove(id: string, files: ProjectFiles): Promise<ConnectionOutcome> {
      const record = current(id)
      if (!record) return fail('That connection no longer exists')
      const outcome =
        record.health.state === 'revoked'
          ? ({ ran: false, message: 'It was already revoked.' } as const)
          : await runRevoke(record, files)
      records.delete(id)
      issued.delete(id)
      await deps.store.deleteConnection(id)
      if (!outcome.ran) return { ok: true, message: `Deleted. ${outcome.message}` }
      if (outcome.run.status !== 'success') {
        return {
          ok: false,
          message: `Deleted, but the revoke flow failed (${outcome.run.error?.message ?? 'unknown error'}), so the service may still accept the token.`,
          run: outcome.run,
        }
      }
      return { ok: true, message: 'Deleted; the revoke flow revoked its token.', run: outcome.run }
    },

    /** The auth object for a run (tokens refreshed first when they have expired). */
    async authFor(id: string): Promise<Record<string, unknown> | undefined> {
      const record = current(id)
      if (!record) return undefined
      await ensureFresh(record)
      return authObject(record)
    },

    /** Secrets of a connection, for redaction (every token it has held included). */
    secretsOf(id: string): string[] {
      const record = records.get(id)
      if (!record) return []
      const secrets = [
        ...connectionSecrets(authObject(record)),
        ...record.secretKeys.map((k) => record.values[k] ?? ''),
        ...(issued.get(id) ?? []),
      ]
      if (record.tokens?.refreshToken) secrets.push(record.tokens.refreshToken)
      if (record.tokens?.clientSecret) secrets.push(record.tokens.clientSecret)
      return secrets.filter((s) => s !== '')
    },

    /**
     * Wraps an HTTP port so requests carrying one of the connection's access tokens use a fresh
     * one: refreshed first when it expired on the virtual clock, and once more after a 401.
     */
    wrapHttp(id: string, base: EnginePorts['http']): EnginePorts['http'] {
      return async (request, signal) => {
        const record = current(id)
        const header = headerValue(request.headers, 'authorization') ?? ''
        const bearer = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1]
        if (!record?.tokens || !bearer || !issued.get(id)?.has(bearer)) return base(request, signal)
        if (record.health.state === 'revoked') return base(request, signal)
        await ensureFresh(record)
        const send = () =>
          base(withAuthorization(request, `Bearer ${record.tokens?.accessToken ?? bearer}`), signal)
        const response = await send()
        if (response.status !== 401) return response
        const used = record.tokens.accessToken
        const renewed = await refresh(record)
        return renewed && record.tokens.accessToken !== used ? send() : response
      }
    },

    health: (id: string): ConnectionHealth | undefined => current(id)?.health,
    isOAuth: (id: string): boolean => {
      const record = current(id)
      return record !== undefined && isOAuth(record.authType)
    },
    authTypeOf: (id: string): AuthType | undefined => current(id)?.authType,
  }
}
