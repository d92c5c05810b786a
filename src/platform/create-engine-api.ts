// Builds the EngineApi: the engine wired to its ports — HTTP answered in-process by the mock
// network, the clock, ids — plus the mock network itself, so the page's own fetches to mock
// hosts see the same state as flows do.
import {
  cardCatalogue,
  cardSpecs,
  runFlow,
  virtualClock,
  type EnginePorts,
  type RunResult,
} from '../engine'
import { loadProject } from '../definition'
import { createMockNetwork, type MockNetwork } from '../mocks/mock-network'
import { connectionAuth, connectionSummaries } from './builtin-connections'
import type { EngineApi } from './engine-api'

export interface EngineApiOptions {
  network?: MockNetwork
  now?: () => number
  elapsed?: () => number
  newId?: () => string
  random?: () => number
}

export function createEngineApi(options: EngineApiOptions = {}): EngineApi {
  const network = options.network ?? createMockNetwork()
  const clock = virtualClock(options.now ?? (() => Date.now()))
  const ports: EnginePorts = {
    http: (request, signal) => network.respond(request, signal),
    now: clock.now,
    wait: clock.wait,
    elapsed: options.elapsed ?? (() => performance.now()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    random: options.random ?? (() => Math.random()),
  }
  const running = new Map<string, AbortController>()

  return {
    async info() {
      return {
        cards: cardSpecs(),
        mockServices: network.services.map(({ id, name, origin }) => ({ id, name, origin })),
        connections: connectionSummaries(),
      }
    },
    async validate(files) {
      return loadProject(files, cardCatalogue).diagnostics
    },
    async runFlow(request): Promise<RunResult> {
      const controller = new AbortController()
      running.set(request.runId, controller)
      try {
        const project = loadProject(request.files, cardCatalogue)
        const connection = request.connectionId ? connectionAuth(request.connectionId) : undefined
        return await runFlow(
          project,
          {
            flow: request.flow,
            input: request.input,
            ...(request.options ? { options: request.options } : {}),
            ...(connection ? { connection } : {}),
          },
          ports,
          { signal: controller.signal },
        )
      } finally {
        running.delete(request.runId)
      }
    },
    async cancelRun(runId) {
      const controller = running.get(runId)
      controller?.abort()
      return controller !== undefined
    },
    respondToMockRequest: (request) => network.respond(request),
    async resetMocks() {
      network.reset()
    },
  }
}
