// The page's network front door for the mock APIs (lazy-loaded). The MSW service worker catches
// fetches to mock hosts (*.example) from anywhere in the page — the request console, the devtools
// console — and this handler forwards them to the engine worker, where the one copy of mock
// state lives. The one setupWorker() call of the page is here.
import { http, HttpResponse } from 'msw'
import { setupWorker } from 'msw/browser'
import type { MockRequest, MockResponse } from './types'

export type MockForwarder = (request: MockRequest) => Promise<MockResponse>

/**
 * - `service-worker`: the page is controlled; page fetches to mock hosts are answered.
 * - `in-process`: no controlling service worker (first visit race, hard reload, or no support);
 *   flows still run (the engine resolves mocks in-process), but page fetches are not mocked.
 */
export type MockTransport = 'service-worker' | 'in-process'

const MOCK_URL = /^https:\/\/[a-z0-9-]+(\.[a-z0-9-]+)*\.example(:\d+)?(\/.*)?$/i

async function toMockRequest(request: Request): Promise<MockRequest> {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.text()
  return { method: request.method, url: request.url, headers, body: body === '' ? null : body }
}

export async function startServiceWorkerMocks(forward: MockForwarder): Promise<MockTransport> {
  if (!('serviceWorker' in navigator)) return 'in-process'
  const worker = setupWorker(
    http.all(MOCK_URL, async ({ request }) => {
      const response = await forward(await toMockRequest(request))
      return new HttpResponse(response.body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    }),
  )
  try {
    await worker.start({
      serviceWorker: { url: `${import.meta.env.BASE_URL}playground-sw.js` },
      onUnhandledRequest: 'bypass',
      quiet: true,
    })
  } catch (error) {
    console.warn('Mock service worker did not start; flows still run in-process.', error)
    return 'in-process'
  }
  return navigator.serviceWorker.controller ? 'service-worker' : 'in-process'
}
