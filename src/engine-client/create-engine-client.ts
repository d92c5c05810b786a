// The page's side of the worker boundary: starts the engine worker, wraps it with comlink, and
// guards it. A watchdog restarts the worker when a run overstays its deadline or a cancel is not
// honoured, so a runaway flow can never hang the UI; validation results that arrive after a newer
// request are dropped. The project session (connections, mocks, clock) is re-opened in a
// restarted worker, so a restart never leaves the page talking to an empty platform.
import { wrap, type Remote } from 'comlink'
import type { Diagnostic, ProjectFiles } from '../definition'
import type { RunResult } from '../engine'
import type {
  EngineApi,
  EngineInfo,
  MockRequest,
  MockResponse,
  ProjectSession,
  RunFlowRequest,
} from '../platform/engine-api'

/** The platform calls that pass straight through to the worker. */
export type PlatformCalls = Pick<
  EngineApi,
  | 'listConnections'
  | 'createConnection'
  | 'beginAuthorization'
  | 'completeAuthorization'
  | 'reauthorizeConnection'
  | 'renameConnection'
  | 'testConnection'
  | 'revokeConnection'
  | 'deleteConnection'
  | 'sendRequest'
  | 'mockState'
  | 'setFaults'
  | 'expireTokens'
  | 'revokeCredentials'
  | 'resetMocks'
  | 'advanceClock'
>

const PLATFORM_CALLS: readonly (keyof PlatformCalls)[] = [
  'listConnections',
  'createConnection',
  'beginAuthorization',
  'completeAuthorization',
  'reauthorizeConnection',
  'renameConnection',
  'testConnection',
  'revokeConnection',
  'deleteConnection',
  'sendRequest',
  'mockState',
  'setFaults',
  'expireTokens',
  'revokeCredentials',
  'resetMocks',
  'advanceClock',
]

export interface EngineClient extends PlatformCalls {
  info(): Promise<EngineInfo>
  /** Opens a project's session in the worker (and again after any restart). */
  openProject(projectId: string): Promise<ProjectSession>
  /** Resolves with diagnostics, or with undefined when a newer validation superseded this one. */
  validate(files: ProjectFiles): Promise<Diagnostic[] | undefined>
  runFlow(request: Omit<RunFlowRequest, 'runId'>): { runId: string; result: Promise<RunResult> }
  cancel(runId: string): Promise<void>
  respondToMockRequest(request: MockRequest): Promise<MockResponse>
  /** How many times the watchdog has restarted the worker. */
  restarts(): number
  dispose(): void
}

export interface EngineClientOptions {
  /** A run that has not answered by then is cancelled, and the worker restarted. */
  runDeadlineMs?: number
  /** How long a cancelled run may take to stop before the worker is terminated. */
  cancelGraceMs?: number
  createWorker?: () => Worker
}

const defaultWorker = () =>
  new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'engine',
  })

function abortedResult(flow: string, message: string, status: RunResult['status']): RunResult {
  return {
    status,
    error: {
      message,
      code: status === 'cancelled' ? 499 : 504,
      method: '',
      flo: flow,
      execution: '',
    },
    diagnostics: [],
    stepsExecuted: 0,
  }
}

export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const runDeadlineMs = options.runDeadlineMs ?? 130_000
  const cancelGraceMs = options.cancelGraceMs ?? 1_500
  const createWorker = options.createWorker ?? defaultWorker
  let worker: Worker
  let api: Remote<EngineApi>
  let restartCount = 0
  let validationTicket = 0
  let runCounter = 0
  let openProjectId: string | undefined
  /** Settles when the worker has the open project's session; project-scoped calls wait for it. */
  let sessionReady: Promise<unknown> = Promise.resolve()
  /** Settles a pending run from outside (when the worker is killed under it). */
  const pendingRuns = new Map<string, { flow: string; settle: (result: RunResult) => void }>()

  const start = () => {
    worker = createWorker()
    worker.addEventListener('error', (event) => {
      event.preventDefault()
      restart('The engine worker crashed; it was restarted.')
    })
    api = wrap<EngineApi>(worker)
  }

  const restart = (reason: string, status: RunResult['status'] = 'failed') => {
    worker.terminate()
    restartCount++
    start()
    if (openProjectId !== undefined) {
      sessionReady = api.openProject(openProjectId).catch(() => undefined)
    }
    for (const [runId, pending] of pendingRuns) {
      pending.settle(abortedResult(pending.flow, reason, status))
      pendingRuns.delete(runId)
    }
  }

  start()

  const platform = Object.fromEntries(
    PLATFORM_CALLS.map((name) => [
      name,
      // Looked up on every call: `api` is replaced when the worker restarts.
      (...args: unknown[]) =>
        sessionReady.then(() => (api[name] as (...a: unknown[]) => Promise<unknown>)(...args)),
    ]),
  ) as unknown as PlatformCalls

  return {
    ...platform,
    info: () => api.info(),
    openProject(projectId) {
      openProjectId = projectId
      const opening = api.openProject(projectId)
      sessionReady = opening.catch(() => undefined)
      return opening
    },
    async validate(files) {
      const ticket = ++validationTicket
      const diagnostics = await api.validate(files)
      return ticket === validationTicket ? diagnostics : undefined
    },
    runFlow(request) {
      const runId = `run-${Date.now().toString(36)}-${++runCounter}`
      const result = new Promise<RunResult>((resolve) => {
        let settled = false
        const settle = (value: RunResult) => {
          if (settled) return
          settled = true
          clearTimeout(deadline)
          pendingRuns.delete(runId)
          resolve(value)
        }
        pendingRuns.set(runId, { flow: request.flow, settle })
        const deadline = setTimeout(() => {
          restart(
            `The run did not finish within ${Math.round(runDeadlineMs / 1000)} s; the engine was restarted.`,
          )
        }, runDeadlineMs)
        sessionReady
          .then(() => api.runFlow({ ...request, runId }))
          .then(settle, (error: unknown) =>
            settle(
              abortedResult(
                request.flow,
                `The engine failed: ${error instanceof Error ? error.message : String(error)}`,
                'failed',
              ),
            ),
          )
      })
      return { runId, result }
    },
    async cancel(runId) {
      if (!pendingRuns.has(runId)) return
      void api.cancelRun(runId)
      await new Promise((r) => setTimeout(r, cancelGraceMs))
      if (pendingRuns.has(runId)) {
        restart('The run was cancelled; the engine was restarted to stop it.', 'cancelled')
      }
    },
    respondToMockRequest: (request) => api.respondToMockRequest(request),
    restarts: () => restartCount,
    dispose: () => worker.terminate(),
  }
}
