// The one typed contract across the worker boundary. The engine worker implements it
// (create-engine-api.ts); the page calls it through comlink (src/engine-client). Every argument
// and result is plain structured-clone-able data, and calls return results rather than throw.
import type { CardSpec, Diagnostic, ProjectFiles } from '../definition'
import type { RunResult } from '../engine'
import type { MockRequest, MockResponse } from '../mocks/types'

export type { MockRequest, MockResponse }

export interface ConnectionSummary {
  id: string
  name: string
  /** The mock service this connection authenticates to. */
  service: string
  authType: 'basic' | 'oauth2AuthorizationCode' | 'oauth2ClientCredentials' | 'custom'
  /** A non-secret description of who it signs in as. */
  account: string
}

export interface MockServiceSummary {
  id: string
  name: string
  origin: string
}

export interface EngineInfo {
  cards: CardSpec[]
  mockServices: MockServiceSummary[]
  connections: ConnectionSummary[]
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
  /** Answers a request the page made to a mock host (forwarded by the MSW service worker). */
  respondToMockRequest(request: MockRequest): Promise<MockResponse>
  resetMocks(): Promise<void>
}
