// The plain request/response shapes the mock services exchange with the engine and the page.
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

/** One mock third-party service: its host, its handlers, and its resettable state. */
export interface MockService {
  id: string
  name: string
  /** Origin, e.g. `https://hr.example`. */
  origin: string
  handlers: RequestHandler[]
  reset(): void
}
