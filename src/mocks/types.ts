// The contracts of the mock services: the plain request/response shapes they exchange with the
// engine and the page, the context a service is built with (virtual clock, ids, outbound
// deliveries), and the MockService interface every service implements.
// Structurally the same as the engine's HttpRequestData/HttpResponseData (mocks never import the engine).
import type { RequestHandler } from 'msw'

export interface MockRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
}

export interface MockResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string
}

/** What a service is built with. Everything time- or randomness-dependent comes from here. */
export interface MockContext {
  /** The virtual clock, in ms since the epoch. Token expiry and timestamps follow it. */
  now(): number
  /** A random URL-safe token of about `bytes` bytes of entropy (ids, codes, tokens, secrets). */
  randomToken(bytes?: number): string
  /**
   * Sends a request from the service to a URL (webhook deliveries). The mock network resolves it
   * (another mock service, or the playground's own webhook endpoints); it never reaches the real
   * internet. Resolves with the receiver's response; a receiver that does not exist answers 502.
   */
  send(request: MockRequest): Promise<MockResponse>
}

/** A fake credential a learner can use against a mock service (shown in the UI). */
export interface DemoCredential {
  /** e.g. "Demo account", "Reporting service client". */
  label: string
  /** Field → value, e.g. `{ username: 'demo', password: '…' }` or `{ api_key, subdomain }`. */
  values: Record<string, string>
  note?: string
}

export interface MockSeed {
  id: string
  label: string
}

/** A row in the Mock services page: what the service holds right now. */
export interface MockCollectionCount {
  name: string
  count: number
}

export interface MockService {
  id: string
  name: string
  /** Shown in the UI, e.g. `https://files.example` or `https://{subdomain}.tickets.example`. */
  origin: string
  description: string
  authStyle: 'basic' | 'oauth2' | 'apiKey'
  /** Whether this service answers requests to this URL (its host, or a subdomain pattern). */
  matches(url: URL): boolean
  /**
   * The service's msw handlers: the same code in the engine worker (resolved in-process with
   * `getResponse`), behind the service worker, and in node tests (`msw/node`).
   */
  handlers: RequestHandler[]
  /** Current demo credentials (they change when credentials are revoked or state reset). */
  demoCredentials(): DemoCredential[]
  /** Seeds the service can be reset to; the first is the default. */
  seeds: MockSeed[]
  /** Replaces the state with a seed (the default seed when none is named). */
  reset(seed?: string): void
  /** The whole state as JSON-safe data, for persistence per project. */
  snapshot(): unknown
  /** Restores a snapshot; returns false (and keeps a fresh default state) when it is not valid. */
  restore(snapshot: unknown): boolean
  /** Counts of what the service holds (users, files, tickets, tokens …) for the UI. */
  summary(): MockCollectionCount[]
  /** Makes every issued access token expire now. Returns how many were live. */
  expireTokens(): number
  /** Invalidates every credential (passwords, API keys, grants). Returns how many. */
  revokeCredentials(): number
  /** Resolves when deliveries the service started (webhooks) have finished. */
  idle?(): Promise<void>
}

export type CreateMockService = (context: MockContext) => MockService
