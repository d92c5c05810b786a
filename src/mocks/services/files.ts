// Nimbus Files: a mock file store behind OAuth 2.0 at https://files.example. This module owns the
// provider side of OAuth (consent, authorization codes with PKCE, the token endpoint with
// client_secret_basic/post, refresh-token rotation with replay detection, client credentials and
// RFC 7009 revocation), the bearer-protected REST API under /api/v2 (folders, files with cursor
// pagination, shared links, scopes enforced per RFC 6750) and the service's state, seeds and
// snapshots. Every timestamp comes from the virtual clock and every token or id from the context.
import { http, HttpResponse } from 'msw'
import { z } from 'zod'
import seedData from '../../../fixtures/mock-data/files-seed.json'
import type { DemoCredential, MockCollectionCount, MockContext, MockService } from '../types'

export const FILES_ORIGIN = 'https://files.example'
const HOST = 'files.example'
const API = `${FILES_ORIGIN}/api/v2`
const OAUTH = `${FILES_ORIGIN}/oauth2`
const PROVIDER = 'Nimbus Files'
const REALM = `realm="${PROVIDER}"`
const ACCESS_TOKEN_SECONDS = 900
const CODE_MS = 60_000
const DAY_MS = 86_400_000
const PRUNE_AFTER_MS = DAY_MS

// ---------------------------------------------------------------------------------------------
// Scopes, clients and accounts (fixed configuration, not state)

export const FILES_SCOPES: Readonly<Record<string, string>> = {
  profile: 'See your name, email address and storage quota',
  'files.read': 'See your files and folders',
  'files.write': 'Create, rename, move and delete your files and folders',
  'files.share': 'Create shared links to your files',
}

type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials'

interface OAuthClient {
  id: string
  name: string
  secret: string
  grants: readonly GrantType[]
  scopes: readonly string[]
  /** Registered redirect URIs (authorization code clients). */
  redirectUri?: RegExp
  /** How the registered redirect URIs are described in errors. */
  redirectUriText?: string
}

const CLIENTS: readonly OAuthClient[] = [
  {
    id: 'nimbus-playground',
    name: 'Connector Playground',
    secret: 'nimbus-demo-client-secret',
    grants: ['authorization_code', 'refresh_token'],
    scopes: Object.keys(FILES_SCOPES),
    redirectUri: /^https:\/\/oauth\.playground\.example\/oauth\/[A-Za-z0-9_-]+\/cb$/,
    redirectUriText: 'https://oauth.playground.example/oauth/<connector key>/cb',
  },
  {
    id: 'reports-bot',
    name: 'Reporting service',
    secret: 'rb-7Hq2-demo-secret',
    grants: ['client_credentials'],
    scopes: ['profile', 'files.read'],
  },
]

const SERVICE_ACCOUNT = { id: 'svc-reports-bot', name: 'Reporting service', type: 'service' }
const DEFAULT_AUTHORIZE_SCOPE = 'profile files.read'

type Account = (typeof seedData.accounts)[number]
const ACCOUNTS: readonly Account[] = seedData.accounts

// ---------------------------------------------------------------------------------------------
// State (JSON-safe; validated on restore)

const sharedLinkSchema = z.object({
  url: z.string(),
  access: z.enum(['open', 'company']),
  created_at: z.string(),
})

const fileSchema = z.object({
  id: z.string(),
  name: z.string(),
  folder_id: z.string().nullable(),
  size: z.number().int().nonnegative(),
  mime_type: z.string(),
  owner_id: z.string(),
  created_at: z.string(),
  modified_at: z.string(),
  shared_link: sharedLinkSchema.nullable(),
})

const folderSchema = z.object({
  id: z.string(),
  name: z.string(),
  parent_id: z.string().nullable(),
  owner_id: z.string(),
  created_at: z.string(),
})

const codeSchema = z.object({
  code: z.string(),
  clientId: z.string(),
  accountId: z.string(),
  redirectUri: z.string(),
  scope: z.string(),
  challenge: z.string().nullable(),
  expiresAt: z.number(),
  /** Set once the code has been exchanged: the grant it created. */
  grantId: z.string().nullable(),
})

const grantSchema = z.object({
  id: z.string(),
  kind: z.enum(['authorization_code', 'client_credentials']),
  clientId: z.string(),
  /** The signed-in account; null for client credentials (the service account). */
  accountId: z.string().nullable(),
  scope: z.string(),
  createdAt: z.number(),
  revokedAt: z.number().nullable(),
})

const accessTokenSchema = z.object({
  token: z.string(),
  grantId: z.string(),
  scope: z.string(),
  expiresAt: z.number(),
})

const refreshTokenSchema = z.object({
  token: z.string(),
  grantId: z.string(),
  /** Rotated tokens are kept to detect replay. */
  rotated: z.boolean(),
})

const stateSchema = z.object({
  version: z.literal(1),
  seed: z.string(),
  folders: z.array(folderSchema),
  files: z.array(fileSchema),
  codes: z.array(codeSchema),
  grants: z.array(grantSchema),
  accessTokens: z.array(accessTokenSchema),
  refreshTokens: z.array(refreshTokenSchema),
})

type FileEntry = z.infer<typeof fileSchema>
type Folder = z.infer<typeof folderSchema>
type AuthCode = z.infer<typeof codeSchema>
type Grant = z.infer<typeof grantSchema>
type AccessToken = z.infer<typeof accessTokenSchema>
type FilesState = z.infer<typeof stateSchema>

/** Every token refers to a grant that exists, and every file to a folder that exists. */
function consistent(state: FilesState): boolean {
  const grants = new Set(state.grants.map((g) => g.id))
  const folders = new Set(state.folders.map((f) => f.id))
  return (
    state.accessTokens.every((t) => grants.has(t.grantId)) &&
    state.refreshTokens.every((t) => grants.has(t.grantId)) &&
    state.codes.every((c) => c.grantId === null || grants.has(c.grantId)) &&
    state.files.every((f) => f.folder_id === null || folders.has(f.folder_id)) &&
    state.folders.every((f) => f.parent_id === null || folders.has(f.parent_id))
  )
}

// ---------------------------------------------------------------------------------------------
// Seeds

const SEEDS = [
  { id: 'default', label: 'About 30 files in 4 folders (Dana and Lee)' },
  { id: 'large', label: '1,000 files, for pagination' },
  { id: 'empty', label: 'Accounts and clients, no files' },
]

const MIME_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  json: 'application/json',
  md: 'text/markdown',
  pdf: 'application/pdf',
  png: 'image/png',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
}

function mimeTypeOf(name: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  return MIME_TYPES[extension] ?? 'application/octet-stream'
}

const iso = (ms: number) => new Date(ms).toISOString()

function emptyState(seed: string): FilesState {
  return {
    version: 1,
    seed,
    folders: [],
    files: [],
    codes: [],
    grants: [],
    accessTokens: [],
    refreshTokens: [],
  }
}

function seedFolders(now: number): Folder[] {
  return seedData.folders.map(({ daysAgo, ...folder }) => ({
    ...folder,
    created_at: iso(now - daysAgo * DAY_MS),
  }))
}

function defaultSeed(now: number): FilesState {
  const files = seedData.files.map((f): FileEntry => ({
    id: f.id,
    name: f.name,
    folder_id: f.folder_id,
    size: f.size,
    mime_type: mimeTypeOf(f.name),
    owner_id: f.owner_id,
    created_at: iso(now - f.daysAgo * DAY_MS),
    modified_at: iso(now - f.modifiedDaysAgo * DAY_MS),
    shared_link: null,
  }))
  return { ...emptyState('default'), folders: seedFolders(now), files }
}

const LARGE_KINDS = [
  ['Report', 'pdf'],
  ['Invoice', 'pdf'],
  ['Photo', 'jpg'],
  ['Meeting notes', 'md'],
  ['Contract', 'docx'],
  ['Slides', 'pptx'],
  ['Dataset', 'csv'],
  ['Budget', 'xlsx'],
] as const

/** 1,000 files, the same every time: no randomness, only arithmetic on the index. */
function largeSeed(now: number): FilesState {
  const danaFolders = ['fld_1001', 'fld_1002', 'fld_1003', null]
  const leeFolders = ['fld_1004', null]
  const files: FileEntry[] = []
  for (let i = 1; i <= 1000; i++) {
    const [stem, extension] = LARGE_KINDS[i % LARGE_KINDS.length] ?? LARGE_KINDS[0]
    const lee = i % 10 === 0
    const folders = lee ? leeFolders : danaFolders
    const name = `${stem} ${String(i).padStart(4, '0')}.${extension}`
    const created = now - (1000 - i + 1) * (DAY_MS / 2)
    files.push({
      id: `fil_${10000 + i}`,
      name,
      folder_id: folders[i % folders.length] ?? null,
      size: ((i * 7919) % 500_000) + 1024,
      mime_type: mimeTypeOf(name),
      owner_id: lee ? 'lee' : 'dana',
      created_at: iso(created),
      modified_at: iso(created + (i % 7) * 3_600_000),
      shared_link: null,
    })
  }
  return { ...emptyState('large'), folders: seedFolders(now), files }
}

function seedState(seed: string | undefined, now: number): FilesState {
  if (seed === 'large') return largeSeed(now)
  if (seed === 'empty') return emptyState('empty')
  return defaultSeed(now)
}

// ---------------------------------------------------------------------------------------------
// Small HTTP helpers

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' }

function oauthError(status: number, error: string, description: string, headers = {}) {
  return HttpResponse.json(
    { error, error_description: description },
    { status, headers: { ...NO_STORE, ...headers } },
  )
}

function invalidClient(description: string) {
  return oauthError(401, 'invalid_client', description, {
    'www-authenticate': `Basic ${REALM}`,
  })
}

function apiError(status: number, error: string, message: string, headers?: HeadersInit) {
  return HttpResponse.json({ error, message }, { status, ...(headers ? { headers } : {}) })
}

function bearerChallenge(error: string, description: string) {
  return `Bearer ${REALM}, error="${error}", error_description="${description}"`
}

function base64Url(bytes: Uint8Array): string {
  let text = ''
  for (const byte of bytes) text += String.fromCharCode(byte)
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function base64UrlText(text: string): string {
  return base64Url(new TextEncoder().encode(text))
}

function fromBase64UrlText(value: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return undefined
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'))
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (c) => c.charCodeAt(0)),
    )
  } catch {
    return undefined
  }
}

/** RFC 7636 S256: base64url(SHA-256(ASCII(code_verifier))). */
async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return base64Url(new Uint8Array(digest))
}

const scopeList = (scope: string) => scope.split(' ').filter((s) => s !== '')

/** Reads a form body; a parameter sent twice is an error (RFC 6749 §3.1). */
async function readForm(request: Request): Promise<Record<string, string> | Response> {
  const fields: Record<string, string> = {}
  let duplicate: string | undefined
  new URLSearchParams(await request.text()).forEach((value, name) => {
    if (Object.hasOwn(fields, name)) duplicate ??= name
    fields[name] = value
  })
  return duplicate === undefined
    ? fields
    : oauthError(400, 'invalid_request', `${duplicate} was sent more than once`)
}

type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false }

/** Reads a JSON object body; with `optional`, an empty body reads as `{}`. */
async function readJsonObject(request: Request, optional = false): Promise<JsonBody> {
  const text = await request.text()
  if (optional && text.trim() === '') return { ok: true, value: {} }
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value)
      ? { ok: true, value: value as Record<string, unknown> }
      : { ok: false }
  } catch {
    return { ok: false }
  }
}

const isJson = (request: Request) =>
  (request.headers.get('content-type') ?? '').toLowerCase().includes('json')

/** The client credentials of a request: a Basic header, or client_id + client_secret in the body. */
type ClientCredentials =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'basic' | 'post'; id: string; secret: string }

function readClientCredentials(
  request: Request,
  body: Record<string, string | undefined>,
): ClientCredentials {
  const header = request.headers.get('authorization')?.trim() ?? ''
  const basic = /^Basic\s+(\S+)$/i.exec(header)
  const inBody = body.client_secret !== undefined
  if (basic?.[1]) {
    if (inBody) {
      return { kind: 'malformed', reason: 'Use one client authentication method, not both' }
    }
    let decoded: string
    try {
      decoded = atob(basic[1])
    } catch {
      return { kind: 'malformed', reason: 'The Basic credentials are not valid base64' }
    }
    const separator = decoded.indexOf(':')
    if (separator < 0) return { kind: 'malformed', reason: 'The Basic credentials have no ":"' }
    try {
      const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '))
      const id = decode(decoded.slice(0, separator))
      if (body.client_id !== undefined && body.client_id !== id) {
        return { kind: 'malformed', reason: 'client_id differs from the Basic credentials' }
      }
      return { kind: 'basic', id, secret: decode(decoded.slice(separator + 1)) }
    } catch {
      return { kind: 'malformed', reason: 'The Basic credentials are not form-urlencoded' }
    }
  }
  if (inBody) {
    return { kind: 'post', id: body.client_id ?? '', secret: body.client_secret ?? '' }
  }
  return { kind: 'none' }
}

function findClient(id: string | undefined): OAuthClient | undefined {
  return CLIENTS.find((c) => c.id === id)
}

/** Checks a client's secret; returns the client, or the 401/400 response. */
function authenticateClient(credentials: ClientCredentials): OAuthClient | Response {
  if (credentials.kind === 'malformed')
    return oauthError(400, 'invalid_request', credentials.reason)
  if (credentials.kind === 'none') {
    return invalidClient(
      'Client authentication is required: send Authorization: Basic base64(client_id:client_secret), or client_id and client_secret in the body',
    )
  }
  const client = findClient(credentials.id)
  if (!client) return invalidClient(`Unknown client_id "${credentials.id}"`)
  if (client.secret !== credentials.secret) {
    return invalidClient(`The client secret for "${client.id}" is not correct`)
  }
  return client
}

// ---------------------------------------------------------------------------------------------
// Opaque cursors: base64url JSON of the last key and the filter, with a checksum against edits

const cursorSchema = z.object({
  v: z.literal(1),
  k: z.tuple([z.string(), z.string()]),
  f: z.string().nullable(),
  s: z.string(),
})

type SortKey = [string, string]

function checksum(text: string): string {
  let hash = 0x811c9dc5
  for (const char of `nimbus-cursor:${text}`) {
    hash ^= char.charCodeAt(0)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

function encodeCursor(key: SortKey, filter: string | null): string {
  const payload = JSON.stringify({ v: 1, k: key, f: filter })
  return base64UrlText(JSON.stringify({ v: 1, k: key, f: filter, s: checksum(payload) }))
}

function decodeCursor(cursor: string, filter: string | null): SortKey | 'invalid' | 'filter' {
  const text = fromBase64UrlText(cursor)
  if (text === undefined) return 'invalid'
  let parsed: z.infer<typeof cursorSchema>
  try {
    parsed = cursorSchema.parse(JSON.parse(text))
  } catch {
    return 'invalid'
  }
  const payload = JSON.stringify({ v: parsed.v, k: parsed.k, f: parsed.f })
  if (checksum(payload) !== parsed.s) return 'invalid'
  return parsed.f === filter ? parsed.k : 'filter'
}

const sortKey = (file: FileEntry): SortKey => [file.name.toLowerCase(), file.id]

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1
  return 0
}

// ---------------------------------------------------------------------------------------------
// Who is calling the API

type Principal =
  | { kind: 'user'; account: Account; scopes: string[] }
  | { kind: 'service'; clientId: string; scopes: string[] }

const principalId = (p: Principal) => (p.kind === 'user' ? p.account.id : SERVICE_ACCOUNT.id)

/** Whether the principal may see things owned by `ownerId` (the service account sees all). */
const canSee = (p: Principal, ownerId: string) => p.kind === 'service' || p.account.id === ownerId

function validName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= 255
}

const nameProblem = 'name must be a non-empty text of at most 255 characters without "/"'

// ---------------------------------------------------------------------------------------------
// The service

export function createFilesService(context: MockContext): MockService {
  let state: FilesState = seedState('default', context.now())

  // ---- grants and tokens ---------------------------------------------------------------------

  const findGrant = (id: string) => state.grants.find((g) => g.id === id)

  function revokeGrant(grant: Grant | undefined): boolean {
    if (!grant || grant.revokedAt !== null) return false
    grant.revokedAt = context.now()
    return true
  }

  /**
   * Forgets what can no longer matter: codes and access tokens a day past expiry, grants revoked
   * a day ago, and client credentials grants whose tokens are gone. Nothing kept refers to a
   * forgotten grant, so snapshots stay consistent.
   */
  function prune() {
    const cutoff = context.now() - PRUNE_AFTER_MS
    state.codes = state.codes.filter((c) => c.expiresAt > cutoff)
    state.accessTokens = state.accessTokens.filter((t) => t.expiresAt > cutoff)
    const inUse = new Set([
      ...state.accessTokens.map((t) => t.grantId),
      ...state.codes.map((c) => c.grantId),
    ])
    const forgotten = (g: Grant) =>
      !inUse.has(g.id) &&
      (g.kind === 'client_credentials' || (g.revokedAt !== null && g.revokedAt < cutoff))
    state.grants = state.grants.filter((g) => !forgotten(g))
    const kept = new Set(state.grants.map((g) => g.id))
    state.refreshTokens = state.refreshTokens.filter((t) => kept.has(t.grantId))
  }

  function issueAccessToken(grant: Grant, scope: string): AccessToken {
    const token = {
      token: `nfa_${context.randomToken(32)}`,
      grantId: grant.id,
      scope,
      expiresAt: context.now() + ACCESS_TOKEN_SECONDS * 1000,
    }
    state.accessTokens.push(token)
    return token
  }

  function issueRefreshToken(grant: Grant): string {
    const token = `nfr_${context.randomToken(32)}`
    state.refreshTokens.push({ token, grantId: grant.id, rotated: false })
    return token
  }

  function newGrant(
    kind: Grant['kind'],
    clientId: string,
    accountId: string | null,
    scope: string,
  ): Grant {
    prune()
    const grant: Grant = {
      id: `grant_${context.randomToken(12)}`,
      kind,
      clientId,
      accountId,
      scope,
      createdAt: context.now(),
      revokedAt: null,
    }
    state.grants.push(grant)
    return grant
  }

  function tokenResponse(access: AccessToken, refreshToken?: string) {
    return HttpResponse.json(
      {
        access_token: access.token,
        token_type: 'Bearer',
        expires_in: ACCESS_TOKEN_SECONDS,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        scope: access.scope,
      },
      { headers: NO_STORE },
    )
  }

  const isLive = (t: AccessToken) =>
    t.expiresAt > context.now() && findGrant(t.grantId)?.revokedAt === null

  // ---- /oauth2/authorize ---------------------------------------------------------------------

  type AuthorizeRequest = {
    client: OAuthClient
    redirectUri: string
    scope: string
    state: string | undefined
    challenge: string | null
  }

  /** Errors that must not redirect (RFC 6749 §4.1.2.1): unknown client, bad redirect URI. */
  function checkClientAndRedirect(
    params: URLSearchParams,
  ): { client: OAuthClient; redirectUri: string } | Response {
    const clientId = params.get('client_id')
    const client = findClient(clientId ?? undefined)
    if (!clientId) return oauthError(400, 'invalid_request', 'client_id is required')
    if (!client) return oauthError(400, 'invalid_client', `Unknown client_id "${clientId}"`)
    if (!client.grants.includes('authorization_code') || !client.redirectUri) {
      return oauthError(
        400,
        'unauthorized_client',
        `The client "${client.id}" may not use the authorization code grant`,
      )
    }
    const redirectUri = params.get('redirect_uri')
    if (!redirectUri || !client.redirectUri.test(redirectUri)) {
      return oauthError(
        400,
        'invalid_request',
        `${redirectUri ? `The redirect_uri "${redirectUri}" is not registered` : 'redirect_uri is required'} for ${client.name}. Registered redirect URIs: ${client.redirectUriText}`,
      )
    }
    return { client, redirectUri }
  }

  /** The other errors, which can be reported to the client (by redirect, when deciding). */
  function checkAuthorizeParams(
    params: URLSearchParams,
    client: OAuthClient,
  ): { scope: string; challenge: string | null } | { error: string; description: string } {
    const responseType = params.get('response_type')
    if (responseType !== 'code') {
      return {
        error: 'unsupported_response_type',
        description: `response_type must be "code"${responseType ? `, not "${responseType}"` : ''}`,
      }
    }
    const requested = scopeList(params.get('scope') ?? DEFAULT_AUTHORIZE_SCOPE)
    const unknown = requested.filter((s) => !client.scopes.includes(s))
    if (unknown.length > 0) {
      return {
        error: 'invalid_scope',
        description: `Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Nimbus Files scopes: ${Object.keys(FILES_SCOPES).join(' ')}`,
      }
    }
    const scope = requested.length > 0 ? [...new Set(requested)].join(' ') : DEFAULT_AUTHORIZE_SCOPE
    const challenge = params.get('code_challenge')
    const method = params.get('code_challenge_method')
    if (method !== null && method !== 'S256') {
      return {
        error: 'invalid_request',
        description: `code_challenge_method "${method}" is not supported; Nimbus Files supports only S256`,
      }
    }
    if (challenge === null) {
      return method === null
        ? { scope, challenge: null }
        : { error: 'invalid_request', description: 'code_challenge_method without code_challenge' }
    }
    if (method === null) {
      return {
        error: 'invalid_request',
        description:
          'code_challenge_method is required (plain is not supported): send code_challenge_method=S256',
      }
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return {
        error: 'invalid_request',
        description: 'code_challenge must be base64url(SHA-256(code_verifier)): 43 characters',
      }
    }
    return { scope, challenge }
  }

  function parseAuthorize(params: URLSearchParams): AuthorizeRequest | Response {
    const base = checkClientAndRedirect(params)
    if (base instanceof Response) return base
    const checked = checkAuthorizeParams(params, base.client)
    if ('error' in checked) return oauthError(400, checked.error, checked.description)
    return { ...base, ...checked, state: params.get('state') ?? undefined }
  }

  function redirectTo(redirectUri: string, fields: Record<string, string | undefined>) {
    const location = new URL(redirectUri)
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) location.searchParams.set(key, value)
    }
    return new HttpResponse(null, {
      status: 302,
      headers: { location: location.toString(), ...NO_STORE },
    })
  }

  function consentScreen(request: Request) {
    const params = new URL(request.url).searchParams
    const parsed = parseAuthorize(params)
    if (parsed instanceof Response) return parsed
    return HttpResponse.json(
      {
        provider: PROVIDER,
        clientName: parsed.client.name,
        scopes: scopeList(parsed.scope).map((scope) => ({
          scope,
          description: FILES_SCOPES[scope] ?? scope,
        })),
        accounts: ACCOUNTS.map(({ id, name, email }) => ({ id, name, email })),
      },
      { headers: NO_STORE },
    )
  }

  async function decide(request: Request) {
    const form = await readForm(request)
    if (form instanceof Response) return form
    // The consent form posts the authorize parameters in its body; the query may carry them too.
    const params = new URLSearchParams(new URL(request.url).search)
    for (const [key, value] of Object.entries(form)) params.set(key, value)
    const base = checkClientAndRedirect(params)
    if (base instanceof Response) return base
    const stateParam = params.get('state') ?? undefined
    const checked = checkAuthorizeParams(params, base.client)
    if ('error' in checked) {
      return redirectTo(base.redirectUri, {
        error: checked.error,
        error_description: checked.description,
        state: stateParam,
      })
    }
    const decision = params.get('decision')
    if (decision === 'deny') {
      return redirectTo(base.redirectUri, {
        error: 'access_denied',
        error_description: `The user denied ${base.client.name} access to their Nimbus Files account`,
        state: stateParam,
      })
    }
    if (decision !== 'allow') {
      return oauthError(400, 'invalid_request', 'decision must be "allow" or "deny"')
    }
    const account = ACCOUNTS.find((a) => a.id === params.get('account'))
    if (!account) {
      return oauthError(
        400,
        'invalid_request',
        `account must be one of: ${ACCOUNTS.map((a) => a.id).join(', ')}`,
      )
    }
    const code: AuthCode = {
      code: `nfc_${context.randomToken(24)}`,
      clientId: base.client.id,
      accountId: account.id,
      redirectUri: base.redirectUri,
      scope: checked.scope,
      challenge: checked.challenge,
      expiresAt: context.now() + CODE_MS,
      grantId: null,
    }
    prune()
    state.codes.push(code)
    return redirectTo(base.redirectUri, { code: code.code, state: stateParam })
  }

  // ---- /oauth2/token -------------------------------------------------------------------------

  type TokenParams = Record<string, string | undefined>

  async function exchangeCode(client: OAuthClient, params: TokenParams) {
    if (!params.code) return oauthError(400, 'invalid_request', 'code is required')
    const code = state.codes.find((c) => c.code === params.code)
    if (!code || code.clientId !== client.id) {
      return oauthError(400, 'invalid_grant', 'The authorization code is not valid')
    }
    if (code.grantId !== null) {
      // RFC 6749 §4.1.2: a code used twice is refused, and what it issued is revoked.
      revokeGrant(findGrant(code.grantId))
      return oauthError(
        400,
        'invalid_grant',
        'The authorization code was already used; the tokens issued with it have been revoked',
      )
    }
    if (code.expiresAt <= context.now()) {
      return oauthError(400, 'invalid_grant', 'The authorization code expired (codes live 60 s)')
    }
    if (!params.redirect_uri) return oauthError(400, 'invalid_request', 'redirect_uri is required')
    if (params.redirect_uri !== code.redirectUri) {
      return oauthError(
        400,
        'invalid_grant',
        'redirect_uri does not match the one the code was issued for',
      )
    }
    if (code.challenge !== null) {
      if (!params.code_verifier) {
        return oauthError(400, 'invalid_request', 'code_verifier is required (PKCE was used)')
      }
      if ((await s256(params.code_verifier)) !== code.challenge) {
        return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge')
      }
    }
    const grant = newGrant('authorization_code', client.id, code.accountId, code.scope)
    code.grantId = grant.id
    return tokenResponse(issueAccessToken(grant, code.scope), issueRefreshToken(grant))
  }

  function refresh(client: OAuthClient, params: TokenParams) {
    if (!params.refresh_token)
      return oauthError(400, 'invalid_request', 'refresh_token is required')
    const stored = state.refreshTokens.find((t) => t.token === params.refresh_token)
    const grant = stored ? findGrant(stored.grantId) : undefined
    if (!stored || !grant || grant.clientId !== client.id) {
      return oauthError(400, 'invalid_grant', 'The refresh token is not valid')
    }
    if (grant.revokedAt !== null) {
      return oauthError(400, 'invalid_grant', 'The refresh token was revoked')
    }
    if (stored.rotated) {
      revokeGrant(grant)
      return oauthError(
        400,
        'invalid_grant',
        'The refresh token was already used (refresh tokens rotate); the whole grant has been revoked',
      )
    }
    const granted = scopeList(grant.scope)
    const requested = params.scope === undefined ? granted : scopeList(params.scope)
    const extra = requested.filter((s) => !granted.includes(s))
    if (extra.length > 0 || requested.length === 0) {
      return oauthError(
        400,
        'invalid_scope',
        `The scope may only narrow what was granted (${grant.scope})${extra.length ? `; not granted: ${extra.join(' ')}` : ''}`,
      )
    }
    stored.rotated = true
    const access = issueAccessToken(grant, [...new Set(requested)].join(' '))
    return tokenResponse(access, issueRefreshToken(grant))
  }

  function clientCredentials(client: OAuthClient, params: TokenParams) {
    const requested = params.scope === undefined ? [...client.scopes] : scopeList(params.scope)
    const extra = requested.filter((s) => !client.scopes.includes(s))
    if (extra.length > 0 || requested.length === 0) {
      return oauthError(
        400,
        'invalid_scope',
        `${client.name} may request only: ${client.scopes.join(' ')}${extra.length ? `; not allowed: ${extra.join(' ')}` : ''}`,
      )
    }
    const scope = [...new Set(requested)].join(' ')
    const grant = newGrant('client_credentials', client.id, null, scope)
    return tokenResponse(issueAccessToken(grant, scope))
  }

  async function token(request: Request) {
    if (isJson(request)) {
      return oauthError(
        400,
        'invalid_request',
        'The token request body must be application/x-www-form-urlencoded',
      )
    }
    const params: TokenParams | Response = await readForm(request)
    if (params instanceof Response) return params
    const client = authenticateClient(readClientCredentials(request, params))
    if (client instanceof Response) return client
    const grantType = params.grant_type
    if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required')
    if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grantType)) {
      return oauthError(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`)
    }
    if (!client.grants.includes(grantType as GrantType)) {
      return oauthError(
        400,
        'unauthorized_client',
        `The client "${client.id}" may not use the ${grantType} grant`,
      )
    }
    if (grantType === 'authorization_code') return exchangeCode(client, params)
    if (grantType === 'refresh_token') return refresh(client, params)
    return clientCredentials(client, params)
  }

  // ---- /oauth2/revoke (RFC 7009) -------------------------------------------------------------

  /** The grant a token (access or refresh) belongs to. */
  function grantOfToken(value: string): Grant | undefined {
    const stored =
      state.accessTokens.find((t) => t.token === value) ??
      state.refreshTokens.find((t) => t.token === value)
    return stored ? findGrant(stored.grantId) : undefined
  }

  async function readRevokeBody(
    request: Request,
  ): Promise<Record<string, string | undefined> | Response> {
    if (isJson(request)) {
      const body = await readJsonObject(request)
      if (!body.ok) return oauthError(400, 'invalid_request', 'The body is not a JSON object')
      return Object.fromEntries(
        Object.entries(body.value).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
      )
    }
    return readForm(request)
  }

  async function revoke(request: Request) {
    const body = await readRevokeBody(request)
    if (body instanceof Response) return body
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')
    // Who is asking: a client (its credentials), or a token of the grant (its bearer token).
    let allowed: (grant: Grant) => boolean
    if (bearer?.[1]) {
      const caller = state.accessTokens.find((t) => t.token === bearer[1])
      if (!caller || !isLive(caller)) {
        return HttpResponse.json(
          { error: 'invalid_token', error_description: 'The bearer token is not valid' },
          {
            status: 401,
            headers: {
              'www-authenticate': bearerChallenge('invalid_token', 'The access token is not valid'),
              ...NO_STORE,
            },
          },
        )
      }
      allowed = (grant) => grant.id === caller.grantId
    } else {
      const client = authenticateClient(readClientCredentials(request, body))
      if (client instanceof Response) return client
      allowed = (grant) => grant.clientId === client.id
    }
    if (!body.token) return oauthError(400, 'invalid_request', 'token is required')
    const grant = grantOfToken(body.token)
    if (grant && !allowed(grant)) {
      return oauthError(
        400,
        'unauthorized_client',
        'The token was not issued to this client (or is not of the bearer token’s grant)',
      )
    }
    revokeGrant(grant)
    return HttpResponse.json({}, { headers: NO_STORE })
  }

  // ---- the API -------------------------------------------------------------------------------

  function authenticate(request: Request): Principal | Response {
    const header = request.headers.get('authorization')?.trim() ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match?.[1]) {
      return apiError(
        401,
        'unauthorized',
        'This endpoint needs an access token: send Authorization: Bearer <access token>',
        { 'www-authenticate': `Bearer ${REALM}` },
      )
    }
    const stored = state.accessTokens.find((t) => t.token === match[1])
    const grant = stored ? findGrant(stored.grantId) : undefined
    const invalid = (description: string) =>
      apiError(401, 'invalid_token', description, {
        'www-authenticate': bearerChallenge('invalid_token', description),
      })
    if (!stored || !grant) return invalid('The access token is not valid')
    if (grant.revokedAt !== null) return invalid('The access token was revoked')
    if (stored.expiresAt <= context.now()) return invalid('The access token expired')
    const scopes = scopeList(stored.scope)
    const account = ACCOUNTS.find((a) => a.id === grant.accountId)
    if (account) return { kind: 'user', account, scopes }
    return { kind: 'service', clientId: grant.clientId, scopes }
  }

  /** Authenticates and checks a scope: the principal, or the 401/403 response. */
  function authorize(request: Request, scope?: string): Principal | Response {
    const principal = authenticate(request)
    if (principal instanceof Response || !scope || principal.scopes.includes(scope)) {
      return principal
    }
    return apiError(
      403,
      'insufficient_scope',
      `This request needs the ${scope} scope; the access token has: ${principal.scopes.join(' ') || '(none)'}`,
      { 'www-authenticate': `Bearer ${REALM}, error="insufficient_scope", scope="${scope}"` },
    )
  }

  const visibleFiles = (p: Principal) => state.files.filter((f) => canSee(p, f.owner_id))
  const visibleFolder = (p: Principal, id: string) =>
    state.folders.find((f) => f.id === id && canSee(p, f.owner_id))
  const visibleFile = (p: Principal, id: string) =>
    state.files.find((f) => f.id === id && canSee(p, f.owner_id))

  const noFile = (id: string) => apiError(404, 'not_found', `No file has id ${id}`)
  const noFolder = (id: string) => apiError(404, 'not_found', `No folder has id ${id}`)

  function me(p: Principal) {
    if (p.kind === 'service') return HttpResponse.json(SERVICE_ACCOUNT)
    const used = state.files
      .filter((f) => f.owner_id === p.account.id)
      .reduce((sum, f) => sum + f.size, 0)
    const { id, name, email, plan, quotaTotal } = p.account
    return HttpResponse.json({
      id,
      name,
      email,
      plan,
      type: 'user',
      quota: { used, total: quotaTotal },
    })
  }

  function readLimit(url: URL): number | Response {
    const raw = url.searchParams.get('limit')
    if (raw === null || raw === '') return 20
    const limit = /^\d+$/.test(raw) ? Number(raw) : NaN
    if (!(limit >= 1 && limit <= 100)) {
      return apiError(
        400,
        'invalid_request',
        `limit must be a whole number from 1 to 100, not "${raw}"`,
      )
    }
    return limit
  }

  function listFiles(p: Principal, url: URL) {
    const limit = readLimit(url)
    if (limit instanceof Response) return limit
    const filter = url.searchParams.get('folder_id') || null
    if (filter !== null && filter !== 'root' && !visibleFolder(p, filter)) return noFolder(filter)
    let entries = visibleFiles(p)
      .filter((f) => filter === null || f.folder_id === (filter === 'root' ? null : filter))
      .sort((a, b) => compareKeys(sortKey(a), sortKey(b)))
    const cursor = url.searchParams.get('cursor')
    if (cursor) {
      const after = decodeCursor(cursor, filter)
      if (after === 'invalid' || after === 'filter') {
        return apiError(
          400,
          'invalid_cursor',
          after === 'filter'
            ? 'The cursor was made for a different folder_id; keep the same filter while paging'
            : 'The cursor is not valid; pass next_cursor exactly as a previous page returned it',
        )
      }
      entries = entries.filter((f) => compareKeys(sortKey(f), after) > 0)
    }
    const page = entries.slice(0, limit)
    const last = page[page.length - 1]
    const more = entries.length > limit && last !== undefined
    return HttpResponse.json({
      entries: page,
      next_cursor: more ? encodeCursor(sortKey(last), filter) : null,
    })
  }

  const siblingsNamed = (folderId: string | null, ownerId: string, name: string) =>
    state.files.find(
      (f) =>
        f.folder_id === folderId &&
        f.owner_id === ownerId &&
        f.name.toLowerCase() === name.toLowerCase(),
    )

  /** Resolves a folder_id from a body: undefined (not given), null (the root) or a folder. */
  function targetFolder(p: Principal, value: unknown): string | null | undefined | Response {
    if (value === undefined) return undefined
    if (value === null || value === '' || value === 'root') return null
    if (typeof value !== 'string') return apiError(400, 'invalid_request', 'folder_id must be text')
    return visibleFolder(p, value) ? value : noFolder(value)
  }

  async function createFile(p: Principal, request: Request) {
    const body = await readJsonObject(request)
    if (!body.ok) return apiError(400, 'invalid_request', 'The body must be a JSON object')
    const { name, content, mime_type } = body.value
    if (!validName(name) || name.includes('/')) return apiError(400, 'invalid_request', nameProblem)
    const folder = targetFolder(p, body.value.folder_id)
    if (folder instanceof Response) return folder
    if (content !== undefined && typeof content !== 'string') {
      return apiError(400, 'invalid_request', 'content must be text')
    }
    if (mime_type !== undefined && typeof mime_type !== 'string') {
      return apiError(400, 'invalid_request', 'mime_type must be text')
    }
    const folderId = folder ?? null
    const owner = principalId(p)
    if (siblingsNamed(folderId, owner, name)) {
      return apiError(409, 'conflict', `A file named "${name}" already exists in that folder`)
    }
    const now = iso(context.now())
    const file: FileEntry = {
      id: `fil_${context.randomToken(9)}`,
      name,
      folder_id: folderId,
      size: new TextEncoder().encode(content ?? '').length,
      mime_type: mime_type || mimeTypeOf(name),
      owner_id: owner,
      created_at: now,
      modified_at: now,
      shared_link: null,
    }
    state.files.push(file)
    return HttpResponse.json(file, { status: 201 })
  }

  async function updateFile(p: Principal, id: string, request: Request) {
    const file = visibleFile(p, id)
    if (!file) return noFile(id)
    const body = await readJsonObject(request)
    if (!body.ok) return apiError(400, 'invalid_request', 'The body must be a JSON object')
    const { name } = body.value
    if (name === undefined && body.value.folder_id === undefined) {
      return apiError(400, 'invalid_request', 'Send name (to rename) or folder_id (to move)')
    }
    if (name !== undefined && (!validName(name) || name.includes('/'))) {
      return apiError(400, 'invalid_request', nameProblem)
    }
    const folder = targetFolder(p, body.value.folder_id)
    if (folder instanceof Response) return folder
    const newName = name ?? file.name
    const newFolder = folder === undefined ? file.folder_id : folder
    const clash = siblingsNamed(newFolder, file.owner_id, newName)
    if (clash && clash.id !== file.id) {
      return apiError(409, 'conflict', `A file named "${newName}" already exists in that folder`)
    }
    file.name = newName
    file.folder_id = newFolder
    file.mime_type = name !== undefined ? mimeTypeOf(newName) : file.mime_type
    file.modified_at = iso(context.now())
    return HttpResponse.json(file)
  }

  function deleteFile(p: Principal, id: string) {
    if (!visibleFile(p, id)) return noFile(id)
    state.files = state.files.filter((f) => f.id !== id)
    return new HttpResponse(null, { status: 204 })
  }

  async function createSharedLink(p: Principal, id: string, request: Request) {
    const file = visibleFile(p, id)
    if (!file) return noFile(id)
    const body = await readJsonObject(request, true)
    if (!body.ok) return apiError(400, 'invalid_request', 'The body must be a JSON object')
    const access = body.value.access ?? 'company'
    if (access !== 'open' && access !== 'company') {
      return apiError(400, 'invalid_request', 'access must be "open" or "company"')
    }
    const link = {
      url: `${FILES_ORIGIN}/s/${context.randomToken(12)}`,
      access,
      created_at: iso(context.now()),
    } as const
    file.shared_link = link
    return HttpResponse.json(link, { status: 201 })
  }

  async function createFolder(p: Principal, request: Request) {
    const body = await readJsonObject(request)
    if (!body.ok) return apiError(400, 'invalid_request', 'The body must be a JSON object')
    const { name } = body.value
    if (!validName(name) || name.includes('/')) return apiError(400, 'invalid_request', nameProblem)
    const parent = targetFolder(p, body.value.parent_id)
    if (parent instanceof Response) return parent
    const owner = principalId(p)
    const parentId = parent ?? null
    const exists = state.folders.some(
      (f) =>
        f.parent_id === parentId &&
        f.owner_id === owner &&
        f.name.toLowerCase() === name.toLowerCase(),
    )
    if (exists) return apiError(409, 'conflict', `A folder named "${name}" already exists there`)
    const folder: Folder = {
      id: `fld_${context.randomToken(9)}`,
      name,
      parent_id: parentId,
      owner_id: owner,
      created_at: iso(context.now()),
    }
    state.folders.push(folder)
    return HttpResponse.json(folder, { status: 201 })
  }

  /** Wraps a route: authenticate, check the scope, then run it with the principal. */
  function route(
    scope: string | undefined,
    run: (p: Principal, request: Request, id: string) => Response | Promise<Response>,
  ) {
    return ({ request, params }: { request: Request; params: Record<string, unknown> }) => {
      const principal = authorize(request, scope)
      if (principal instanceof Response) return principal
      return run(principal, request, typeof params.id === 'string' ? params.id : '')
    }
  }

  const handlers = [
    http.get(`${OAUTH}/authorize`, ({ request }) => consentScreen(request)),
    http.post(`${OAUTH}/authorize`, ({ request }) => decide(request)),
    http.post(`${OAUTH}/token`, ({ request }) => token(request)),
    http.post(`${OAUTH}/revoke`, ({ request }) => revoke(request)),
    http.all(`${OAUTH}/*`, ({ request }) =>
      oauthError(
        404,
        'not_found',
        `${request.method} ${new URL(request.url).pathname} is not a Nimbus Files OAuth endpoint (GET/POST /oauth2/authorize, POST /oauth2/token, POST /oauth2/revoke)`,
      ),
    ),
    http.all(`${API}/*`, ({ request }) => {
      const principal = authenticate(request)
      return principal instanceof Response ? principal : undefined // authenticated: fall through
    }),
    http.get(
      `${API}/me`,
      route(undefined, (p) => me(p)),
    ),
    http.get(
      `${API}/folders`,
      route('files.read', (p) =>
        HttpResponse.json({ entries: state.folders.filter((f) => canSee(p, f.owner_id)) }),
      ),
    ),
    http.post(`${API}/folders`, route('files.write', createFolder)),
    http.get(
      `${API}/files`,
      route('files.read', (p, request) => listFiles(p, new URL(request.url))),
    ),
    http.post(`${API}/files`, route('files.write', createFile)),
    http.get(
      `${API}/files/:id`,
      route('files.read', (p, _request, id) => {
        const file = visibleFile(p, id)
        return file ? HttpResponse.json(file) : noFile(id)
      }),
    ),
    http.patch(
      `${API}/files/:id`,
      route('files.write', (p, request, id) => updateFile(p, id, request)),
    ),
    http.delete(
      `${API}/files/:id`,
      route('files.write', (p, _request, id) => deleteFile(p, id)),
    ),
    http.post(
      `${API}/files/:id/shared_link`,
      route('files.share', (p, request, id) => createSharedLink(p, id, request)),
    ),
    http.all(`${API}/*`, ({ request }) =>
      apiError(
        404,
        'not_found',
        `The endpoint ${request.method} ${new URL(request.url).pathname} does not exist in the Nimbus Files API`,
      ),
    ),
  ]

  // ---- the MockService surface ---------------------------------------------------------------

  function demoCredentials(): DemoCredential[] {
    const [app, bot] = CLIENTS
    return [
      {
        label: 'Reporting service client (client credentials)',
        values: { client_id: bot?.id ?? '', client_secret: bot?.secret ?? '' },
        note: `Token URL ${OAUTH}/token with client_secret_basic or client_secret_post; scopes: ${bot?.scopes.join(' ')}. Its tokens act as the service account and see every file.`,
      },
      {
        label: 'Connector Playground app (authorization code)',
        values: { clientId: app?.id ?? '', clientSecret: app?.secret ?? '' },
        note: 'These go in connector.json (authentication.clientId and clientSecret). When you create a connection, sign in on the Nimbus Files consent screen as Dana Whitfield or Lee Okafor.',
      },
    ]
  }

  function summary(): MockCollectionCount[] {
    return [
      { name: 'Files', count: state.files.length },
      { name: 'Folders', count: state.folders.length },
      { name: 'Live access tokens', count: state.accessTokens.filter(isLive).length },
      {
        name: 'Active grants',
        count: state.grants.filter((g) => g.revokedAt === null && g.kind === 'authorization_code')
          .length,
      },
    ]
  }

  function expireTokens(): number {
    const live = state.accessTokens.filter(isLive)
    for (const t of live) t.expiresAt = context.now()
    return live.length
  }

  function revokeCredentials(): number {
    return state.grants.filter((g) => revokeGrant(g)).length
  }

  return {
    id: 'files',
    name: PROVIDER,
    origin: FILES_ORIGIN,
    description:
      'A file store with OAuth 2.0 (authorization code with PKCE, refresh token rotation, client credentials, revocation): folders, files with cursor pagination and shared links.',
    authStyle: 'oauth2',
    matches: (url) => url.hostname === HOST,
    handlers,
    demoCredentials,
    seeds: SEEDS,
    reset(seed) {
      state = seedState(seed, context.now())
    },
    snapshot: () => structuredClone(state),
    restore(snapshot) {
      const parsed = stateSchema.safeParse(snapshot)
      if (!parsed.success || !consistent(parsed.data)) {
        state = seedState('default', context.now())
        return false
      }
      state = structuredClone(parsed.data)
      return true
    },
    summary,
    expireTokens,
    revokeCredentials,
  }
}
