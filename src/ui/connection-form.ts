// The New Connection dialog as data: what connector.json's `authentication` asks the user for,
// read leniently so the live preview keeps working while the file is being edited (the Problems
// panel reports schema problems; only what stops the dialog from being drawn is an error here).
// Pure: the dialog, the editor's preview and the Connections page render from this model.
import { parseLocatedJson, rangeOfPointer, type LocatedJson } from '../definition/json-source'
import { redirectUriFor } from '../platform/oauth'
import type {
  AuthType,
  ConnectionDraft,
  ConnectionSummary,
  MockState,
} from '../platform/engine-api'

export const CONNECTOR_FILE_NAME = 'connector.json'

export const AUTH_TYPES: readonly AuthType[] = [
  'basic',
  'oauth2AuthorizationCode',
  'oauth2ClientCredentials',
  'custom',
]

/** The auth types as Connector Builder names them. */
export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  basic: 'Basic',
  oauth2AuthorizationCode: 'OAuth 2.0 (authorization code)',
  oauth2ClientCredentials: 'OAuth 2.0 (client credentials)',
  custom: 'Custom',
}

/** One line on what each auth type does, for help text. */
export const AUTH_TYPE_HELP: Record<AuthType, string> = {
  basic: 'Username and password, sent as an Authorization: Basic header.',
  oauth2AuthorizationCode:
    'You sign in to the service in a pop-up window and grant permissions; the platform keeps and refreshes the tokens.',
  oauth2ClientCredentials:
    'A client ID and secret that the platform exchanges for an access token at the token URL.',
  custom: 'Whatever values the service needs (API keys, subdomains), applied by the httpHelper.',
}

export type FieldKind = 'text' | 'password' | 'dropdown'

export interface ConnectionField {
  /** The key in the auth object: `username`, `client_id`, or a parameter's key. */
  key: string
  label: string
  kind: FieldKind
  options?: { label: string; value: string }[]
  /** Every field of the New Connection dialog is required. */
  required: true
  /** The auth type's own credentials, or one of `authentication.parameters`. */
  source: 'credential' | 'parameter'
}

export interface ConfigValueView {
  key: string
  label: string
  /** What the dialog shows: the static value, a note on the helper flow, or a redaction. */
  value: string
  definition: 'static' | 'helper' | 'unset'
  /** The helper flow that computes it (definition `helper`). */
  flow?: string
  secret: boolean
}

export interface ScopeView {
  scope: string
  description: string
  required: boolean
  /** Shown checked and disabled: required ones with custom scopes, every one without. */
  locked: boolean
}

export interface ConnectionFormModel {
  connectorName: string
  connectorKey: string
  baseUrl?: string
  authType: AuthType
  /** Connector Builder's name for the auth type. */
  authTypeLabel: string
  /** The authentication's display name (`label`), or the type's name. */
  authLabel: string
  /** The fields to fill, in order: credentials first, then the parameters. */
  fields: ConnectionField[]
  /** Config values the user is shown (visible ones only). */
  configValues: ConfigValueView[]
  /** How many config values are hidden from the user (flows can still read them). */
  hiddenConfigValues: number
  /** OAuth 2.0 scopes, in order. */
  scopes: ScopeView[]
  allowCustomScopes: boolean
  /** Authorization code: the redirect URI the playground registers for this connector. */
  redirectUri?: string
  authorizeUrl?: string
  authorizeHost?: string
  tokenUrl?: string
  tokenHost?: string
  /** Authorization code: the builder's client ID (from connector.json, not typed by the user). */
  clientId?: string
  clientAuthentication?: 'client_secret_basic' | 'client_secret_post'
  /** Authorization code: whether a PKCE challenge is sent. */
  pkce?: boolean
  /** Authorization code signs in through the provider's consent screen in a pop-up. */
  usesPopup: boolean
  /** Things in the authentication that the dialog had to work around, said for the builder. */
  notes: string[]
}

export type ConnectionFormResult =
  { ok: true; model: ConnectionFormModel } | { ok: false; error: string }

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** `connector.json line N` for the value at a JSON pointer. */
function where(source: LocatedJson, pointer: string): string {
  return `${CONNECTOR_FILE_NAME} line ${rangeOfPointer(source, pointer).startLine}`
}

/** Stands for a `{{connection.x}}` placeholder (or an origin's `{x}`) in a host. */
const ANY_LABEL = '*'

/**
 * The host of a URL, lower-cased, without port or credentials. Tolerates `{{connection.x}}`
 * placeholders (as one label) and URLs the URL parser would refuse.
 */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  const filled = url.replace(/\{\{[^}]*\}\}/g, ANY_LABEL)
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/i.exec(filled.trim())
  return match?.[1]?.toLowerCase()
}

function readScopes(auth: Json, allowCustomScopes: boolean, notes: string[]): ScopeView[] {
  const raw = auth.scopes
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    notes.push('"scopes" should be a list; no scopes are shown.')
    return []
  }
  const scopes: ScopeView[] = []
  const seen = new Set<string>()
  raw.forEach((entry, index) => {
    const scope = isObject(entry) ? text(entry.scope) : undefined
    if (!scope) {
      notes.push(`Scope ${index + 1} has no "scope" text and is left out.`)
      return
    }
    if (seen.has(scope)) {
      notes.push(`The scope "${scope}" is listed twice.`)
      return
    }
    seen.add(scope)
    const required = isObject(entry) && entry.required === true
    if (required && !allowCustomScopes) {
      notes.push(
        `"required" on "${scope}" has no effect without "allowCustomScopes": every scope is requested.`,
      )
    }
    scopes.push({
      scope,
      description: (isObject(entry) ? text(entry.description) : undefined) ?? '',
      required,
      locked: allowCustomScopes ? required : true,
    })
  })
  return scopes
}

function readParameters(auth: Json, taken: Set<string>, notes: string[]): ConnectionField[] {
  const raw = auth.parameters
  if (raw === undefined) return []
  if (!Array.isArray(raw)) {
    notes.push('"parameters" should be a list; no parameters are shown.')
    return []
  }
  const fields: ConnectionField[] = []
  raw.forEach((entry, index) => {
    const key = isObject(entry) ? text(entry.key) : undefined
    if (!isObject(entry) || !key) {
      notes.push(`Parameter ${index + 1} has no "key" and is left out.`)
      return
    }
    if (taken.has(key)) {
      notes.push(`The key "${key}" is used twice; the dialog shows it once.`)
      return
    }
    taken.add(key)
    const label = text(entry.label)?.trim() || key
    if (entry.type === 'dropdown') {
      const options = Array.isArray(entry.values)
        ? entry.values
            .filter(isObject)
            .map((v) => ({
              label: text(v.label) ?? text(v.value) ?? '',
              value: text(v.value) ?? '',
            }))
            .filter((v) => v.value !== '')
        : []
      if (options.length === 0) {
        notes.push(`The dropdown "${label}" has no "values" to choose from.`)
      }
      fields.push({ key, label, kind: 'dropdown', options, required: true, source: 'parameter' })
    } else {
      fields.push({
        key,
        label,
        kind: entry.type === 'password' ? 'password' : 'text',
        required: true,
        source: 'parameter',
      })
    }
  })
  return fields
}

function readConfigValues(
  auth: Json,
  notes: string[],
): { visible: ConfigValueView[]; hidden: number } {
  const raw = auth.configValues
  if (raw === undefined) return { visible: [], hidden: 0 }
  if (!Array.isArray(raw)) {
    notes.push('"configValues" should be a list; none are shown.')
    return { visible: [], hidden: 0 }
  }
  const visible: ConfigValueView[] = []
  let hidden = 0
  raw.forEach((entry, index) => {
    const key = isObject(entry) ? text(entry.key) : undefined
    if (!isObject(entry) || !key) {
      notes.push(`Config value ${index + 1} has no "key" and is left out.`)
      return
    }
    if (entry.visible === false) {
      hidden++
      return
    }
    const label = text(entry.label)?.trim() || key
    const secret = entry.type === 'password'
    const value = text(entry.value)
    const flow = text(entry.flow)
    if (value !== undefined) {
      visible.push({
        key,
        label,
        value: secret ? '••••••••' : value,
        definition: 'static',
        secret,
      })
    } else if (flow) {
      visible.push({
        key,
        label,
        value: `Computed by the helper flow “${flow}” when the connection is created`,
        definition: 'helper',
        flow,
        secret,
      })
    } else {
      notes.push(`The config value "${label}" has neither a "value" nor a "flow".`)
      visible.push({ key, label, value: '(no value)', definition: 'unset', secret })
    }
  })
  return { visible, hidden }
}

/** Reads connector.json into the New Connection dialog's model, or says why it cannot. */
export function connectionForm(connectorText: string | undefined): ConnectionFormResult {
  if (connectorText === undefined) {
    return { ok: false, error: `The project has no ${CONNECTOR_FILE_NAME}.` }
  }
  if (connectorText.trim() === '') {
    return { ok: false, error: `${CONNECTOR_FILE_NAME} is empty; expected a JSON object.` }
  }
  const source = parseLocatedJson(CONNECTOR_FILE_NAME, connectorText)
  const syntax = source.diagnostics[0]
  if (syntax) {
    return {
      ok: false,
      error: `${CONNECTOR_FILE_NAME} line ${syntax.range.startLine}, column ${syntax.range.startColumn}: ${syntax.message}.`,
    }
  }
  const connector = source.value
  if (!isObject(connector)) {
    return { ok: false, error: `${CONNECTOR_FILE_NAME} line 1: expected a JSON object.` }
  }
  const auth = connector.authentication
  if (auth === undefined) {
    return {
      ok: false,
      error: `${CONNECTOR_FILE_NAME} has no "authentication" yet. Add one (type basic, oauth2AuthorizationCode, oauth2ClientCredentials or custom) to define what the New Connection dialog asks for.`,
    }
  }
  if (!isObject(auth)) {
    return {
      ok: false,
      error: `${where(source, '/authentication')}: "authentication" must be an object with a "type".`,
    }
  }
  const type = auth.type
  if (type === undefined) {
    return {
      ok: false,
      error: `${where(source, '/authentication')}: "authentication" needs a "type": basic, oauth2AuthorizationCode, oauth2ClientCredentials or custom.`,
    }
  }
  if (typeof type !== 'string' || !(AUTH_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      error: `${where(source, '/authentication/type')}: unknown authentication type ${JSON.stringify(type)}; use basic, oauth2AuthorizationCode, oauth2ClientCredentials or custom.`,
    }
  }
  const authType = type as AuthType

  const connectorName = text(connector.name)?.trim() || 'Connector'
  const connectorKey =
    text(connector.key) || connectorName.toLowerCase().replace(/[^a-z0-9]/g, '') || 'connector'
  const notes: string[] = []
  const fields: ConnectionField[] = []
  const taken = new Set<string>()
  const credential = (key: string, label: string, kind: FieldKind) => {
    taken.add(key)
    fields.push({ key, label, kind, required: true, source: 'credential' })
  }
  if (authType === 'basic') {
    credential('username', text(auth.usernameLabel)?.trim() || 'Username', 'text')
    credential('password', text(auth.passwordLabel)?.trim() || 'Password', 'password')
  } else if (authType === 'oauth2ClientCredentials') {
    credential('client_id', 'Client ID', 'text')
    credential('client_secret', 'Client Secret', 'password')
  }
  fields.push(...readParameters(auth, taken, notes))
  const config = readConfigValues(auth, notes)

  const oauth = authType === 'oauth2AuthorizationCode' || authType === 'oauth2ClientCredentials'
  const allowCustomScopes = oauth && auth.allowCustomScopes === true
  const scopes = oauth ? readScopes(auth, allowCustomScopes, notes) : []

  const baseUrl = text(connector.baseUrl)
  const tokenUrl = oauth ? text(auth.tokenUrl) : undefined
  const authorizeUrl = authType === 'oauth2AuthorizationCode' ? text(auth.authorizeUrl) : undefined
  if (oauth && !tokenUrl) notes.push('"tokenUrl" is missing: no token can be requested.')
  if (authType === 'oauth2AuthorizationCode' && !authorizeUrl) {
    notes.push('"authorizeUrl" is missing: there is no consent screen to sign in on.')
  }
  const clientId = authType === 'oauth2AuthorizationCode' ? text(auth.clientId) : undefined
  if (authType === 'oauth2AuthorizationCode' && !clientId) {
    notes.push('"clientId" is missing: the provider will not know which app is asking.')
  }
  const clientAuthentication =
    authType === 'oauth2ClientCredentials' &&
    (auth.clientAuthentication === 'client_secret_basic' ||
      auth.clientAuthentication === 'client_secret_post')
      ? auth.clientAuthentication
      : undefined

  const authTypeLabel = AUTH_TYPE_LABELS[authType]
  const model: ConnectionFormModel = {
    connectorName,
    connectorKey,
    authType,
    authTypeLabel,
    authLabel: text(auth.label)?.trim() || authTypeLabel,
    fields,
    configValues: config.visible,
    hiddenConfigValues: config.hidden,
    scopes,
    allowCustomScopes,
    usesPopup: authType === 'oauth2AuthorizationCode',
    notes,
  }
  if (baseUrl) model.baseUrl = baseUrl
  if (tokenUrl) {
    model.tokenUrl = tokenUrl
    const host = hostOf(tokenUrl)
    if (host) model.tokenHost = host
  }
  if (authType === 'oauth2AuthorizationCode') {
    model.redirectUri = redirectUriFor(connectorKey)
    model.pkce = auth.pkce !== false
    if (clientId) model.clientId = clientId
    if (authorizeUrl) {
      model.authorizeUrl = authorizeUrl
      const host = hostOf(authorizeUrl)
      if (host) model.authorizeHost = host
    }
  }
  if (clientAuthentication) model.clientAuthentication = clientAuthentication
  return { ok: true, model }
}

/** The name a new connection gets unless the user types another. */
export function defaultConnectionName(model: Pick<ConnectionFormModel, 'connectorName'>): string {
  return `${model.connectorName} connection`
}

// ─── Filling in and submitting ──────────────────────────────────────────────────────────────

/** The fields (and Name) still empty; the dialog asks for them before it submits. */
export function missingFields(
  model: ConnectionFormModel,
  name: string,
  values: Record<string, string>,
): { key: string; label: string }[] {
  const missing: { key: string; label: string }[] = []
  if (name.trim() === '') missing.push({ key: 'name', label: 'Name' })
  for (const field of model.fields) {
    if ((values[field.key] ?? '').trim() === '')
      missing.push({ key: field.key, label: field.label })
  }
  return missing
}

/** The scopes a draft asks for: with custom scopes, the ticked ones plus every locked one. */
export function chosenScopes(model: ConnectionFormModel, unticked: ReadonlySet<string>): string[] {
  return model.scopes.filter((s) => s.locked || !unticked.has(s.scope)).map((s) => s.scope)
}

/** What the dialog sends: the values of its fields only, and scopes when the user may pick. */
export function connectionDraft(
  model: ConnectionFormModel,
  input: {
    name: string
    description: string
    values: Record<string, string>
    unticked: ReadonlySet<string>
  },
): ConnectionDraft {
  const values: Record<string, string> = {}
  for (const field of model.fields) values[field.key] = input.values[field.key] ?? ''
  const draft: ConnectionDraft = {
    name: input.name.trim(),
    description: input.description.trim(),
    values,
  }
  if (model.allowCustomScopes) draft.scopes = chosenScopes(model, input.unticked)
  return draft
}

/** Reauthorize starts from the connection's non-secret values; secrets are typed again. */
export function prefillValues(
  model: ConnectionFormModel,
  connection: Pick<ConnectionSummary, 'publicValues'> | undefined,
): Record<string, string> {
  const values: Record<string, string> = {}
  if (!connection) return values
  for (const field of model.fields) {
    const value = connection.publicValues[field.key]
    if (field.kind !== 'password' && value !== undefined) values[field.key] = value
  }
  return values
}

// ─── Demo credentials of the mock services ──────────────────────────────────────────────────

export interface DemoCredentialMatch {
  serviceId: string
  serviceName: string
  label: string
  values: Record<string, string>
  note?: string
}

/**
 * Whether a connector host belongs to a mock service's origin. Origins may have placeholder
 * labels (`https://{subdomain}.tickets.example`), which match any one label; the service's own
 * domain (`tickets.example`) matches too.
 */
export function hostBelongsTo(host: string, origin: string): boolean {
  const pattern = hostOf(origin.replace(/\{([^}]*)\}/g, '{{$1}}'))?.split('.')
  if (!pattern) return false
  const labels = host.toLowerCase().split('.')
  const exact =
    labels.length === pattern.length &&
    pattern.every((label, i) => label === ANY_LABEL || label === labels[i])
  if (exact) return true
  let fixed = 0
  while (pattern[fixed] === ANY_LABEL) fixed++
  return fixed > 0 && labels.join('.') === pattern.slice(fixed).join('.')
}

/**
 * The mock service accounts that fit this form: credentials whose every key is one of the form's
 * fields (`username`+`password`, `client_id`+`client_secret`, parameter keys), of the service the
 * connector's base, token or authorize URL points at.
 */
export function matchingDemoCredentials(
  model: ConnectionFormModel,
  mocks: Pick<MockState, 'services'> | undefined,
): DemoCredentialMatch[] {
  if (!mocks) return []
  const hosts = [model.baseUrl, model.tokenUrl, model.authorizeUrl]
    .map(hostOf)
    .filter((h): h is string => h !== undefined)
  if (hosts.length === 0) return []
  const keys = new Set(model.fields.map((f) => f.key))
  const matches: DemoCredentialMatch[] = []
  for (const service of mocks.services) {
    if (!hosts.some((host) => hostBelongsTo(host, service.origin))) continue
    for (const credential of service.demoCredentials) {
      const credentialKeys = Object.keys(credential.values)
      if (credentialKeys.length === 0 || !credentialKeys.every((k) => keys.has(k))) continue
      matches.push({
        serviceId: service.id,
        serviceName: service.name,
        label: credential.label,
        values: { ...credential.values },
        ...(credential.note ? { note: credential.note } : {}),
      })
    }
  }
  return matches
}

/** The mock service a connector talks to (for naming the provider before its consent screen). */
export function serviceFor(
  model: ConnectionFormModel,
  mocks: Pick<MockState, 'services'> | undefined,
): { id: string; name: string } | undefined {
  const hosts = [model.authorizeUrl, model.tokenUrl, model.baseUrl]
    .map(hostOf)
    .filter((h): h is string => h !== undefined)
  const service = mocks?.services.find((s) => hosts.some((h) => hostBelongsTo(h, s.origin)))
  return service ? { id: service.id, name: service.name } : undefined
}

// ─── The Connections page ───────────────────────────────────────────────────────────────────

/** A span of time in its largest useful unit: 40 s, 14 min, 2 h 5 min, 3 d. */
export function formatSpan(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
  return `${Math.round(hours / 24)} d`
}

/** `3 min ago`, or `just now`, on the virtual clock. */
export function formatAgo(at: number, now: number): string {
  const ms = now - at
  return ms < 5_000 ? 'just now' : `${formatSpan(ms)} ago`
}

/** The access token's expiry relative to the virtual clock, and what happens when it lapses. */
export function describeTokenExpiry(
  connection: Pick<ConnectionSummary, 'authType' | 'tokenExpiresAt' | 'hasRefreshToken' | 'health'>,
  now: number,
): { text: string; expired: boolean } | undefined {
  const at = connection.tokenExpiresAt
  if (at === undefined) return undefined
  if (at > now) return { text: `expires in ${formatSpan(at - now)}`, expired: false }
  const next =
    connection.health.state === 'revoked'
      ? 'revoked: reauthorize to use it again'
      : connection.authType === 'oauth2ClientCredentials'
        ? 'a new one is requested on next use'
        : connection.hasRefreshToken
          ? 'refreshes on next use'
          : 'no refresh token: reauthorize to continue'
  return { text: `expired ${formatSpan(now - at)} ago — ${next}`, expired: true }
}

/** The connector's revoke flow (the first flow of kind `revoke`), read leniently. */
export function revokeFlowName(files: Record<string, string> | undefined): string | undefined {
  if (!files) return undefined
  for (const path of Object.keys(files).sort()) {
    if (!path.startsWith('flows/') || !path.endsWith('.json')) continue
    try {
      const flow: unknown = JSON.parse(files[path] ?? '')
      if (isObject(flow) && flow.kind === 'revoke' && typeof flow.name === 'string') {
        return flow.name
      }
    } catch {
      // A flow being edited; the Problems panel reports it.
    }
  }
  return undefined
}
