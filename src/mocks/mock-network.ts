// The mock network: every mock service's handlers, resolved in-process with msw's getResponse.
// It fails closed — a request to a host no mock serves is answered with a clear 502 from the
// playground itself, never sent to the real internet.
import { getResponse } from 'msw'
import { createHrService } from './services/hr'
import type { MockRequest, MockResponse, MockService } from './types'

export const MOCK_TLD = '.example'

export interface MockNetwork {
  services: MockService[]
  /** Answers a request from the mock services. */
  respond(request: MockRequest, signal?: AbortSignal): Promise<MockResponse>
  reset(): void
}

export function isMockHost(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url)
    return protocol === 'https:' && hostname.endsWith(MOCK_TLD)
  } catch {
    return false
  }
}

function playgroundError(status: number, message: string): MockResponse {
  return {
    status,
    statusText: status === 502 ? 'Bad Gateway' : 'Error',
    headers: { 'content-type': 'application/json', 'x-playground-error': 'true' },
    body: JSON.stringify({ error: 'playground', message }),
  }
}

export function createMockNetwork(): MockNetwork {
  const services = [createHrService()]
  const handlers = services.flatMap((s) => s.handlers)
  return {
    services,
    async respond(request, signal) {
      const known = services.find(
        (s) => request.url.startsWith(s.origin + '/') || request.url === s.origin,
      )
      if (!known) {
        return playgroundError(
          502,
          `No mock service answers ${new URL(request.url).origin}. The playground never calls the real internet; mock hosts are: ${services.map((s) => s.origin).join(', ')}`,
        )
      }
      const init: RequestInit = { method: request.method, headers: request.headers }
      if (request.body !== null && request.method !== 'GET' && request.method !== 'HEAD') {
        init.body = request.body
      }
      if (signal) init.signal = signal
      const response = await getResponse(handlers, new Request(request.url, init))
      if (!response) {
        return playgroundError(
          404,
          `${known.name} has no endpoint ${request.method} ${new URL(request.url).pathname}`,
        )
      }
      const headers: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        headers[name] = value
      })
      return {
        status: response.status,
        statusText: response.statusText,
        headers,
        body: await response.text(),
      }
    },
    reset() {
      for (const service of services) service.reset()
    },
  }
}
