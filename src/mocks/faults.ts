// Fault injection for the mock services: rate limits (429 with Retry-After), server errors, added
// latency and malformed bodies, armed per service from the UI. The faults run as the first msw
// handler of each service, so they behave the same in-process, behind the service worker and in
// node tests. A fault with `times` applies to that many requests and then disarms itself.
import { http, HttpResponse, type RequestHandler } from 'msw'
import { FAULT_LIMITS } from './fault-limits'
import type { MockService } from './types'

export type Fault =
  | { kind: 'rateLimit'; retryAfterSeconds: number; times?: number }
  | { kind: 'serverError'; status: 500 | 502 | 503 | 504; times?: number }
  | { kind: 'latency'; ms: number; times?: number }
  | { kind: 'malformedBody'; times?: number }

export type FaultKind = Fault['kind']

/** Armed faults per service id. */
export type FaultTable = Record<string, Fault[]>

const SERVER_ERROR_TEXT: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

export const MAX_LATENCY_MS = FAULT_LIMITS.latencyMs
export const MAX_RETRY_AFTER_SECONDS = FAULT_LIMITS.retryAfterSeconds

/** Checks a fault list from untrusted input (the UI, a persisted snapshot); drops what is invalid. */
export function sanitizeFaults(value: unknown): Fault[] {
  if (!Array.isArray(value)) return []
  const faults: Fault[] = []
  for (const item of value.slice(0, 16)) {
    if (!item || typeof item !== 'object') continue
    const raw = item as Record<string, unknown>
    const times =
      typeof raw.times === 'number' && Number.isInteger(raw.times) && raw.times > 0
        ? { times: Math.min(raw.times, FAULT_LIMITS.times) }
        : {}
    const whole = (v: unknown, max: number): number | undefined =>
      typeof v === 'number' && Number.isFinite(v) && v >= 0
        ? Math.min(Math.round(v), max)
        : undefined
    if (raw.kind === 'rateLimit') {
      const retryAfterSeconds = whole(raw.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS)
      if (retryAfterSeconds !== undefined)
        faults.push({ kind: 'rateLimit', retryAfterSeconds, ...times })
    } else if (raw.kind === 'serverError') {
      if (raw.status === 500 || raw.status === 502 || raw.status === 503 || raw.status === 504) {
        faults.push({ kind: 'serverError', status: raw.status, ...times })
      }
    } else if (raw.kind === 'latency') {
      const ms = whole(raw.ms, MAX_LATENCY_MS)
      if (ms !== undefined) faults.push({ kind: 'latency', ms, ...times })
    } else if (raw.kind === 'malformedBody') {
      faults.push({ kind: 'malformedBody', ...times })
    }
  }
  return faults
}

export interface FaultOptions {
  /** Waits for added latency (real time in the browser; tests inject their own). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Called whenever a fault fires or disarms, so the state can be persisted and shown. */
  onChange?: () => void
}

/** Consumes one use of a fault; returns the remaining list. */
function use(faults: Fault[], fault: Fault): Fault[] {
  if (fault.times === undefined) return faults
  return fault.times <= 1
    ? faults.filter((f) => f !== fault)
    : faults.map((f) => (f === fault ? { ...f, times: (f.times ?? 1) - 1 } : f))
}

/** The handler that applies a service's armed faults before its own handlers see the request. */
export function faultHandler(
  service: MockService,
  table: { get(serviceId: string): Fault[]; set(serviceId: string, faults: Fault[]): void },
  options: FaultOptions,
): RequestHandler {
  return http.all(
    ({ request }) => service.matches(new URL(request.url)),
    async ({ request }) => {
      let faults = table.get(service.id)
      if (faults.length === 0) return undefined
      const latency = faults.filter((f) => f.kind === 'latency')
      for (const fault of latency) faults = use(faults, fault)
      const failure = faults.find((f) => f.kind !== 'latency')
      if (failure) faults = use(faults, failure)
      table.set(service.id, faults)
      options.onChange?.()
      const delay = latency.reduce((sum, f) => sum + (f.kind === 'latency' ? f.ms : 0), 0)
      if (delay > 0) await options.sleep(Math.min(delay, MAX_LATENCY_MS), request.signal)
      if (!failure) return undefined
      const headers = { 'x-playground-fault': failure.kind }
      switch (failure.kind) {
        case 'rateLimit':
          return HttpResponse.json(
            {
              error: 'rate_limited',
              message: `Too many requests. Retry after ${failure.retryAfterSeconds} seconds.`,
            },
            {
              status: 429,
              headers: {
                ...headers,
                'retry-after': String(failure.retryAfterSeconds),
                'x-ratelimit-remaining': '0',
              },
            },
          )
        case 'serverError':
          return HttpResponse.json(
            { error: 'server_error', message: SERVER_ERROR_TEXT[failure.status] },
            { status: failure.status, statusText: SERVER_ERROR_TEXT[failure.status], headers },
          )
        case 'malformedBody':
          // What a proxy that cut the connection mid-body delivers: a 200 whose JSON never ends.
          return new HttpResponse('{"data": [{"id": "1", "name": "Trunc', {
            status: 200,
            headers: { ...headers, 'content-type': 'application/json' },
          })
        default:
          return undefined
      }
    },
  )
}
