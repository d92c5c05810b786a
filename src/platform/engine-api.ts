// The one typed contract across the worker boundary. The engine worker implements it
// (create-engine-api.ts); the page calls it through comlink (src/engine-client). Every argument
// and result is plain structured-clone-able data, and calls return results rather than throw.
// Secrets cross it only one way: the page sends what the user typed into the New Connection
// dialog; nothing the worker returns carries a password, key, client secret or token.
import type { CardSpec, Diagnostic, ProjectFiles } from '../definition'
import type { RunResult } from '../engine'
import type { Fault, FaultTable } from '../mocks/faults'
import type { MockLogEntry } from '../mocks/mock-network'
import type {
  DemoCredential,
  MockCollectionCount,
  MockRequest,
  MockResponse,
  MockSeed,
} from '../mocks/types'

export type { Fault, FaultTable, MockLogEntry, MockRequest, MockResponse }

export type AuthType = 'basic' | 'oauth2AuthorizationCode' | 'oauth2ClientCredentials' | 'custom'

export type ConnectionHealth =
  | { state: 'untested' }
  | { state: 'ok'; message: string; checkedAt: number }
  | { state: 'failed'; message: string; checkedAt: number }
  | { state: 'revoked'; message: string; checkedAt: number }

export interface ConnectionSummary {
  id: string
  name: string
  description: string
  authType: AuthType
  /** A non-secret description of who it signs in as (username, client ID, account). */
  account: string
  /** Non-secret values the user entered (text and dropdown parameters), to prefill Reauthorize. */
  publicValues: Record<string, string>
  /** Granted scopes (OAuth 2.0). */
  scopes: string[]
  /** When the access token expires on the virtual clock (OAuth 2.0). */
  tokenExpiresAt?: number
  hasRefreshToken: boolean
  health: ConnectionHealth
  createdAt: number
  updatedAt: number
}

/** What the user filled in the New Connection (or Reauthorize) dialog. */
export interface ConnectionDraft {
  name: string
  description?: string
  /**
   * username/password (Basic), client_id/client_secret (client credentials), and every
   * parameter by its key. Secrets among them stay in the worker and IndexedDB.
   */
  values: Record<string, string>
  /** Scopes the user kept ticked (OAuth 2.0 with allowCustomScopes); all scopes otherwise. */
  scopes?: string[]
}

/** The result of creating, reauthorizing, testing or revoking a connection. */
export interface ConnectionOutcome {
  ok: boolean
  /** Set when a connection exists afterwards (it may exist and still have failed its ping). */
  connection?: ConnectionSummary
  /** What went wrong, said for a person: token errors, a failed `_authping`, a denied consent. */
  message: string
  /** The system flow's run (`_authping` or revoke), when one ran. */
  run?: RunResult
}

/** What the provider's consent screen shows (read from its authorize endpoint). */
export interface ConsentDetails {
  provider: string
  clientName: string
  scopes: { scope: string; description: string }[]
  accounts: { id: string; name: string; email: string }[]
  /** The full authorize URL the platform built (state and PKCE challenge included). */
  authorizeUrl: string
}

export type AuthorizationStart =
  { ok: true; pendingId: string; consent: ConsentDetails } | { ok: false; message: string }

export interface ConsentDecision {
  allow: boolean
  /** The provider account that signs in (an id from ConsentDetails.accounts). */
  account?: string
}

export interface MockServiceState {
  id: string
  name: string
  origin: string
  description: string
  authStyle: 'basic' | 'oauth2' | 'apiKey'
  demoCredentials: DemoCredential[]
  seeds: MockSeed[]
  counts: MockCollectionCount[]
  faults: Fault[]
}

export interface MockState {
  services: MockServiceState[]
  log: MockLogEntry[]
  /** The virtual clock now, and how far it runs ahead of the real clock. */
  now: number
  clockOffsetMs: number
}

export interface ConsoleRequest {
  method: string
  /** An absolute URL on a mock host. `{{connection.key}}` placeholders are filled in. */
  url: string
  headers: Record<string, string>
  body: string | null
  /** Apply this connection: `{{connection.key}}` placeholders and, for Basic and OAuth 2.0, the Authorization header. */
  connectionId?: string
}

export interface ConsoleExchange {
  /** The request as sent, secrets redacted. */
  request: MockRequest
  response: MockResponse
  durationMs: number
  /** The request as a curl command, secrets redacted. */
  curl: string
  /** Set when the request could not be sent (a bad URL, an unknown placeholder). */
  error?: string
}

/** The project-scoped part of the platform: which project's connections and mocks are live. */
export interface ProjectSession {
  projectId: string
  connections: ConnectionSummary[]
  mocks: MockState
}

export interface MockServiceSummary {
  id: string
  name: string
  origin: string
}

export interface EngineInfo {
  cards: CardSpec[]
  mockServices: MockServiceSummary[]
}

export interface RunFlowRequest {
  /** Chosen by the caller so it can cancel the run. */
  runId: string
  files: ProjectFiles
  flow: string
  input: Record<string, unknown>
  options?: Record<string, unknown>
  connectionId?: string
}

export interface EngineApi {
  info(): Promise<EngineInfo>
  validate(files: ProjectFiles): Promise<Diagnostic[]>
  runFlow(request: RunFlowRequest): Promise<RunResult>
  cancelRun(runId: string): Promise<boolean>

  /** Makes a project's connections, mock state and clock the live ones (loaded from storage). */
  openProject(projectId: string): Promise<ProjectSession>

  listConnections(): Promise<ConnectionSummary[]>
  /** Basic, Custom and client credentials: authorize (token request) and run `_authping`. */
  createConnection(files: ProjectFiles, draft: ConnectionDraft): Promise<ConnectionOutcome>
  /** Authorization code: builds the authorize URL (state, PKCE) and reads the consent screen. */
  beginAuthorization(
    files: ProjectFiles,
    draft: ConnectionDraft,
    reauthorizeId?: string,
  ): Promise<AuthorizationStart>
  /** Authorization code: the user's decision; exchanges the code, stores tokens, pings. */
  completeAuthorization(pendingId: string, decision: ConsentDecision): Promise<ConnectionOutcome>
  /** New credentials for an existing connection (Basic, Custom, client credentials). */
  reauthorizeConnection(
    id: string,
    files: ProjectFiles,
    draft: ConnectionDraft,
  ): Promise<ConnectionOutcome>
  renameConnection(id: string, name: string, description?: string): Promise<ConnectionOutcome>
  /** Runs `_authping` with the connection. */
  testConnection(id: string, files: ProjectFiles): Promise<ConnectionOutcome>
  /** Runs the revoke flow and marks the connection revoked (it needs reauthorizing). */
  revokeConnection(id: string, files: ProjectFiles): Promise<ConnectionOutcome>
  /** Runs the revoke flow (when there is one), then deletes the connection and its secrets. */
  deleteConnection(id: string, files: ProjectFiles): Promise<ConnectionOutcome>

  /** Sends a request to a mock API, optionally with a connection's auth applied. */
  sendRequest(request: ConsoleRequest): Promise<ConsoleExchange>

  mockState(): Promise<MockState>
  setFaults(serviceId: string, faults: Fault[]): Promise<MockState>
  expireTokens(serviceId: string): Promise<MockState>
  revokeCredentials(serviceId: string): Promise<MockState>
  /** Resets one service (or all) to a seed. */
  resetMocks(serviceId?: string, seed?: string): Promise<MockState>
  /** Moves the virtual clock forward (token expiry, schedules). */
  advanceClock(ms: number): Promise<MockState>

  /** Answers a request the page made to a mock host (forwarded by the MSW service worker). */
  respondToMockRequest(request: MockRequest): Promise<MockResponse>
}
