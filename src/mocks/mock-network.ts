// The mock network: every mock service's handlers (faults first), resolved in-process with msw's
// getResponse. It fails closed — a request to a host no mock serves is answered with a clear 502
// from the playground itself, never sent to the real internet. It also owns what the Mock
// services page shows and controls: armed faults, a short log of recent requests, seeds, and the
// whole mock state as one snapshot for persistence per project.
import { getResponse, type RequestHandler } from 'msw'
import { faultHandler, sanitizeFaults, type Fault, type FaultTable } from './faults'
import { createFilesService } from './services/files'
import { createHrService } from './services/hr'
import { createTicketsService } from './services/tickets'
import type {
  CreateMockService,
  MockContext,
  MockRequest,
  MockResponse,
  MockService,
} from './types'

export const MOCK_TLD = '.example'
const LOG_LIMIT = 50

export const DEFAULT_SERVICES: readonly CreateMockService[] = [
  createHrService,
  createFilesService,
  createTicketsService,
]

export interface MockLogEntry {
  at: number
  service: string
  method: string
  /** Path and query only; credentials never appear in it. */
  path: string
  status: number
  fault?: string
}

export interface MockNetworkSnapshot {
  version: 1
  services: Record<string, unknown>
  faults: FaultTable
}

export interface MockNetworkOptions {
  now?: () => number
  randomToken?: (bytes?: number) => string
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /**
   * Where deliveries from a service to a non-mock URL go (the playground's own webhook
   * endpoints). Without it, such deliveries are answered 502.
   */
  deliver?: (request: MockRequest) => Promise<MockResponse | undefined>
  /** Called after anything that changes mock state (a request, a fault, a reset). */
  onChange?: () => void
  services?: readonly CreateMockService[]
}

export interface MockNetwork {
  services: MockService[]
  /** Every handler, faults first: hand these to `setupServer` to get the same mocks in node. */
  handlers: RequestHandler[]
  /** Answers a request from the mock services. */
  respond(request: MockRequest, signal?: AbortSignal): Promise<MockResponse>
  /** Resets one service (or all) to a seed. Faults are cleared with it. */
  reset(serviceId?: string, seed?: string): void
  faults(): FaultTable
  setFaults(serviceId: string, faults: unknown): Fault[]
  log(): MockLogEntry[]
  snapshot(): MockNetworkSnapshot
  restore(snapshot: unknown): void
  service(id: string): MockService | undefined
}

export function isMockHost(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url)
    return protocol === 'https:' && hostname.endsWith(MOCK_TLD)
  } catch {
    return false
  }
}

export function playgroundError(status: number, message: string): MockResponse {
  return {
    status,
    statusText: status === 502 ? 'Bad Gateway' : status === 404 ? 'Not Found' : 'Error',
    headers: { 'content-type': 'application/json', 'x-playground-error': 'true' },
    body: JSON.stringify({ error: 'playground', message }),
  }
}

function defaultRandomToken(bytes = 16): string {
  const data = crypto.getRandomValues(new Uint8Array(bytes))
  let text = ''
  for (const byte of data) text += String.fromCharCode(byte)
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    })
  })
}

function toRequest(request: MockRequest, signal?: AbortSignal): Request {
  const init: RequestInit = { method: request.method, headers: request.headers }
  if (request.body !== null && request.method !== 'GET' && request.method !== 'HEAD') {
    init.body = request.body
  }
  if (signal) init.signal = signal
  return new Request(request.url, init)
}

async function fromResponse(response: Response): Promise<MockResponse> {
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
}

export function createMockNetwork(options: MockNetworkOptions = {}): MockNetwork {
  const onChange = () => options.onChange?.()
  let faults: FaultTable = {}
  let log: MockLogEntry[] = []

  const context: MockContext = {
    now: options.now ?? (() => Date.now()),
    randomToken: options.randomToken ?? defaultRandomToken,
    send: (request) => network.respondOrDeliver(request),
  }
  const services = (options.services ?? DEFAULT_SERVICES).map((create) => create(context))
  const faultTable = {
    get: (id: string): Fault[] => faults[id] ?? [],
    set: (id: string, value: Fault[]) => {
      faults[id] = value
    },
  }
  const handlers: RequestHandler[] = [
    ...services.map((s) =>
      faultHandler(s, faultTable, { sleep: options.sleep ?? defaultSleep, onChange }),
    ),
    ...services.flatMap((s) => s.handlers),
  ]
  const findService = (url: string): MockService | undefined => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return undefined
    }
    // Mock APIs are https only, as real ones are: plain http fails closed too.
    return parsed.protocol === 'https:' ? services.find((s) => s.matches(parsed)) : undefined
  }

  const network = {
    services,
    handlers,
    async respond(request: MockRequest, signal?: AbortSignal): Promise<MockResponse> {
      const known = findService(request.url)
      if (!known) {
        let origin: string
        try {
          origin = new URL(request.url).origin
        } catch {
          return playgroundError(400, `"${request.url}" is not a valid URL`)
        }
        return playgroundError(
          502,
          `No mock service answers ${origin}. The playground never calls the real internet; mock hosts are: ${services.map((s) => s.origin).join(', ')}`,
        )
      }
      const url = new URL(request.url)
      const response = await getResponse(handlers, toRequest(request, signal))
      const answer = response
        ? await fromResponse(response)
        : playgroundError(404, `${known.name} has no endpoint ${request.method} ${url.pathname}`)
      const fault = answer.headers['x-playground-fault']
      log = [
        {
          at: context.now(),
          service: known.id,
          method: request.method,
          path: url.pathname + url.search,
          status: answer.status,
          ...(fault ? { fault } : {}),
        },
        ...log,
      ].slice(0, LOG_LIMIT)
      onChange()
      return answer
    },
    async respondOrDeliver(request: MockRequest): Promise<MockResponse> {
      if (findService(request.url)) return network.respond(request)
      const delivered = await options.deliver?.(request)
      return (
        delivered ??
        playgroundError(502, `Nothing in the playground receives deliveries to ${request.url}`)
      )
    },
    reset(serviceId?: string, seed?: string) {
      for (const service of services) {
        if (serviceId !== undefined && service.id !== serviceId) continue
        service.reset(seed)
        faults[service.id] = []
      }
      if (serviceId === undefined) log = []
      onChange()
    },
    faults: () => structuredClone(faults),
    setFaults(serviceId: string, value: unknown): Fault[] {
      if (!services.some((s) => s.id === serviceId)) return []
      faults[serviceId] = sanitizeFaults(value)
      onChange()
      return structuredClone(faults[serviceId])
    },
    log: () => [...log],
    snapshot(): MockNetworkSnapshot {
      return {
        version: 1,
        services: Object.fromEntries(services.map((s) => [s.id, s.snapshot()])),
        faults: structuredClone(faults),
      }
    },
    restore(snapshot: unknown) {
      const data =
        snapshot && typeof snapshot === 'object' ? (snapshot as Partial<MockNetworkSnapshot>) : {}
      faults = {}
      log = []
      for (const service of services) {
        const saved = data.version === 1 ? data.services?.[service.id] : undefined
        if (saved === undefined || !service.restore(saved)) service.reset()
        faults[service.id] = sanitizeFaults(data.faults?.[service.id])
      }
    },
    service: (id: string) => services.find((s) => s.id === id),
  }
  return network
}
