// Builds the EngineApi: the engine wired to its ports — HTTP answered in-process by the mock
// network (through the connection's token refresh), the virtual clock, ids — plus the platform
// around it: the open project's connections, its mock state and clock (persisted through the
// PlatformStore port), the request console, and the page's own fetches to mock hosts, which see
// the same state as flows do.
import { cardCatalogue, cardSpecs, runFlow, type EnginePorts, type RunResult } from '../engine'
import { loadProject, type ProjectFiles } from '../definition'
import { createMockNetwork, type MockNetwork, type MockNetworkOptions } from '../mocks/mock-network'
import { createConnectionManager } from './connections'
import type { EngineApi, MockState, ProjectSession } from './engine-api'
import { randomUrlToken } from './oauth'
import { createMemoryPlatformStore, type PlatformStore } from './platform-store'
import { sendConsoleRequest } from './request-console'

export interface EngineApiOptions {
  /** Persistence of connections and mock state (IndexedDB in the worker; memory by default). */
  store?: PlatformStore
  /** The real clock the virtual one runs ahead of. */
  now?: () => number
  elapsed?: () => number
  newId?: () => string
  random?: () => number
  randomToken?: (bytes: number) => string
  /** Mock network options (services, latency sleep); the clock and deliveries are wired here. */
  network?: Pick<MockNetworkOptions, 'services' | 'sleep' | 'deliver'>
  /** How long mock-state changes wait before they are written (batched). */
  persistDelayMs?: number
}

const MAX_ADVANCE_MS = 366 * 24 * 3_600_000

export function createEngineApi(options: EngineApiOptions = {}): EngineApi & {
  /** For tests: the mock network and a way to write pending state now. */
  readonly network: MockNetwork
  flush(): Promise<void>
} {
  const store = options.store ?? createMemoryPlatformStore()
  const realNow = options.now ?? (() => Date.now())
  const elapsed = options.elapsed ?? (() => performance.now())
  const newId = options.newId ?? (() => crypto.randomUUID())
  const randomToken = options.randomToken ?? randomUrlToken
  let clockOffset = 0
  let projectId: string | undefined
  let persistTimer: ReturnType<typeof setTimeout> | undefined
  let persisting: Promise<void> = Promise.resolve()

  const now = () => realNow() + clockOffset
  const schedulePersist = () => {
    if (projectId === undefined || persistTimer !== undefined) return
    persistTimer = setTimeout(() => void persistNow(), options.persistDelayMs ?? 250)
  }
  const persistNow = async () => {
    clearTimeout(persistTimer)
    persistTimer = undefined
    const id = projectId
    if (id === undefined) return
    const record = {
      projectId: id,
      network: network.snapshot(),
      clockOffsetMs: clockOffset,
      updatedAt: realNow(),
    }
    persisting = persisting.then(() =>
      store.putMockState(record).catch((error: unknown) => {
        console.warn('Mock state was not saved', error)
      }),
    )
    await persisting
  }

  const network = createMockNetwork({
    ...options.network,
    now,
    randomToken: (bytes = 16) => randomToken(bytes),
    onChange: schedulePersist,
  })
  const baseHttp: EnginePorts['http'] = (request, signal) => network.respond(request, signal)
  const basePorts: EnginePorts = {
    http: baseHttp,
    now,
    wait: (ms, signal) => {
      if (signal.aborted) return Promise.reject(signal.reason as Error)
      clockOffset += Math.max(0, ms)
      schedulePersist()
      return Promise.resolve()
    },
    elapsed,
    newId,
    random: options.random ?? (() => Math.random()),
  }
  const running = new Map<string, AbortController>()

  const execute = async (
    files: ProjectFiles,
    flow: string,
    request: {
      input?: Record<string, unknown>
      options?: Record<string, unknown>
      connectionId?: string
      signal?: AbortSignal
    } = {},
  ): Promise<RunResult> => {
    const project = loadProject(files, cardCatalogue)
    let ports = basePorts
    let connection: Record<string, unknown> | undefined
    if (request.connectionId) {
      connection = await connections.authFor(request.connectionId)
      if (!connection) {
        return {
          status: 'failed',
          error: {
            message: 'The chosen connection no longer exists; pick another in the Run panel',
            code: 400,
            method: '',
            flo: flow,
            execution: '',
          },
          diagnostics: [],
          stepsExecuted: 0,
        }
      }
      ports = { ...basePorts, http: connections.wrapHttp(request.connectionId, baseHttp) }
    }
    return runFlow(
      project,
      {
        flow,
        input: request.input ?? {},
        ...(request.options ? { options: request.options } : {}),
        ...(connection ? { connection } : {}),
      },
      ports,
      {
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.connectionId ? { secrets: connections.secretsOf(request.connectionId) } : {}),
      },
    )
  }

  const connections = createConnectionManager({
    store,
    send: (request) => network.respond(request),
    now,
    newId,
    randomToken,
    runFlow: (files, flow, connectionId) =>
      execute(files, flow, connectionId ? { connectionId } : {}),
  })

  const mockState = (): MockState => {
    const faults = network.faults()
    return {
      services: network.services.map((s) => ({
        id: s.id,
        name: s.name,
        origin: s.origin,
        description: s.description,
        authStyle: s.authStyle,
        demoCredentials: s.demoCredentials(),
        seeds: s.seeds,
        counts: s.summary(),
        faults: faults[s.id] ?? [],
      })),
      log: network.log(),
      now: now(),
      clockOffsetMs: clockOffset,
    }
  }

  const changed = (): MockState => {
    schedulePersist()
    return mockState()
  }

  return {
    network,
    flush: async () => {
      await Promise.all(network.services.map((s) => s.idle?.()))
      await persistNow()
    },
    async info() {
      return {
        cards: cardSpecs(),
        mockServices: network.services.map(({ id, name, origin }) => ({ id, name, origin })),
      }
    },
    async validate(files) {
      return loadProject(files, cardCatalogue).diagnostics
    },
    async runFlow(request): Promise<RunResult> {
      const controller = new AbortController()
      running.set(request.runId, controller)
      try {
        return await execute(request.files, request.flow, {
          input: request.input,
          ...(request.options ? { options: request.options } : {}),
          ...(request.connectionId ? { connectionId: request.connectionId } : {}),
          signal: controller.signal,
        })
      } finally {
        running.delete(request.runId)
      }
    },
    async cancelRun(runId) {
      const controller = running.get(runId)
      controller?.abort()
      return controller !== undefined
    },

    async openProject(id): Promise<ProjectSession> {
      if (projectId !== undefined && projectId !== id) await persistNow()
      projectId = id
      const saved = await store.getMockState(id)
      if (saved) {
        network.restore(saved.network)
        clockOffset = Number.isFinite(saved.clockOffsetMs) ? Math.max(0, saved.clockOffsetMs) : 0
      } else {
        network.reset()
        clockOffset = 0
      }
      return { projectId: id, connections: await connections.open(id), mocks: mockState() }
    },

    listConnections: async () => connections.list(),
    createConnection: (files, draft) => connections.create(files, draft),
    beginAuthorization: (files, draft, reauthorizeId) =>
      connections.beginAuthorization(files, draft, reauthorizeId),
    completeAuthorization: (pendingId, decision) =>
      connections.completeAuthorization(pendingId, decision),
    reauthorizeConnection: (id, files, draft) => connections.reauthorize(id, files, draft),
    renameConnection: (id, name, description) => connections.rename(id, name, description),
    testConnection: (id, files) => connections.test(id, files),
    revokeConnection: (id, files) => connections.revoke(id, files),
    deleteConnection: (id, files) => connections.remove(id, files),

    sendRequest: (request) => sendConsoleRequest(request, connections, baseHttp, elapsed),

    mockState: async () => mockState(),
    async setFaults(serviceId, faults) {
      network.setFaults(serviceId, faults)
      return changed()
    },
    async expireTokens(serviceId) {
      network.service(serviceId)?.expireTokens()
      return changed()
    },
    async revokeCredentials(serviceId) {
      network.service(serviceId)?.revokeCredentials()
      return changed()
    },
    async resetMocks(serviceId, seed) {
      network.reset(serviceId, seed)
      return changed()
    },
    async advanceClock(ms) {
      if (Number.isFinite(ms) && ms > 0) clockOffset += Math.min(ms, MAX_ADVANCE_MS)
      return changed()
    },

    respondToMockRequest: (request) => network.respond(request),
  }
}
