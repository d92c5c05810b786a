// Covers the engine client's guards with a real comlink channel to a fake engine: a validation
// that answers after a newer one is dropped; a run past its deadline restarts the worker and
// resolves as failed; a cancel that is not honoured restarts the worker; a crash restarts it.
import { expose } from 'comlink'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, expect, test } from 'vitest'
import type { Diagnostic } from '../definition'
import type { RunResult } from '../engine'
import type { EngineApi, RunFlowRequest } from '../platform/engine-api'
import { createEngineClient, type EngineClient } from './create-engine-client'

interface FakeWorker {
  worker: Worker
  port: MessagePort
  terminated: boolean
  crash(): void
}

/** A Worker-shaped object whose other end runs `api` through comlink. */
function fakeWorker(api: Partial<EngineApi>, made: FakeWorker[]): Worker {
  const { port1, port2 } = new MessageChannel()
  expose(api, port2 as unknown as Parameters<typeof expose>[1])
  const errorListeners: ((event: Event) => void)[] = []
  const entry: FakeWorker = {
    port: port1,
    terminated: false,
    crash: () => errorListeners.forEach((l) => l(new Event('error'))),
    worker: undefined as unknown as Worker,
  }
  entry.worker = {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      port1.postMessage(message, transfer as never),
    addEventListener: (type: string, listener: (event: Event) => void) => {
      if (type === 'error') errorListeners.push(listener)
      else port1.addEventListener(type, listener as never)
    },
    removeEventListener: (type: string, listener: (event: Event) => void) =>
      port1.removeEventListener(type, listener as never),
    terminate: () => {
      entry.terminated = true
      port1.close()
      port2.close()
    },
  } as unknown as Worker
  port1.start()
  made.push(entry)
  return entry.worker
}

const ok = (flow: string): RunResult => ({
  status: 'success',
  outputs: { flow },
  diagnostics: [],
  stepsExecuted: 1,
})
const never = () => new Promise<never>(() => undefined)

let client: EngineClient | undefined
afterEach(() => client?.dispose())

test('a validation result that arrives after a newer request is dropped', async () => {
  const releases: (() => void)[] = []
  const made: FakeWorker[] = []
  client = createEngineClient({
    createWorker: () =>
      fakeWorker(
        {
          validate: (files) =>
            new Promise<Diagnostic[]>((resolve) => {
              releases.push(() => resolve([{ code: String(Object.keys(files)[0]) } as Diagnostic]))
            }),
        },
        made,
      ),
  })
  const older = client.validate({ old: '' })
  const newer = client.validate({ new: '' })
  await new Promise((r) => setTimeout(r, 20))
  releases[1]?.() // the newer one answers first
  releases[0]?.()
  expect((await newer)?.[0]?.code).toBe('new')
  expect(await older).toBeUndefined()
})

test('a run past its deadline restarts the worker and resolves as failed; the next run works', async () => {
  const made: FakeWorker[] = []
  let calls = 0
  client = createEngineClient({
    runDeadlineMs: 50,
    createWorker: () =>
      fakeWorker(
        {
          runFlow: (request: RunFlowRequest) =>
            ++calls === 1 ? never() : Promise.resolve(ok(request.flow)),
        },
        made,
      ),
  })
  const stuck = await client.runFlow({ files: {}, flow: 'Busy', input: {} }).result
  expect(stuck.status).toBe('failed')
  expect(stuck.error?.message).toContain('did not finish within')
  expect(client.restarts()).toBe(1)
  expect(made[0]?.terminated).toBe(true)
  const next = await client.runFlow({ files: {}, flow: 'Next', input: {} }).result
  expect(next).toEqual(ok('Next'))
})

test('a cancel the engine does not honour terminates the worker and resolves as cancelled', async () => {
  const made: FakeWorker[] = []
  client = createEngineClient({
    cancelGraceMs: 30,
    createWorker: () => fakeWorker({ runFlow: never, cancelRun: async () => true }, made),
  })
  const handle = client.runFlow({ files: {}, flow: 'Loop', input: {} })
  await client.cancel(handle.runId)
  const result = await handle.result
  expect(result.status).toBe('cancelled')
  expect(result.error?.code).toBe(499)
  expect(made[0]?.terminated).toBe(true)
  expect(made).toHaveLength(2)
})

test('a cancel the engine honours needs no restart', async () => {
  const made: FakeWorker[] = []
  let finish: ((r: RunResult) => void) | undefined
  client = createEngineClient({
    cancelGraceMs: 200,
    createWorker: () =>
      fakeWorker(
        {
          runFlow: () => new Promise<RunResult>((resolve) => (finish = resolve)),
          cancelRun: async () => {
            finish?.({ status: 'cancelled', diagnostics: [], stepsExecuted: 3 })
            return true
          },
        },
        made,
      ),
  })
  const handle = client.runFlow({ files: {}, flow: 'Slow', input: {} })
  await new Promise((r) => setTimeout(r, 20))
  await client.cancel(handle.runId)
  expect((await handle.result).stepsExecuted).toBe(3)
  expect(client.restarts()).toBe(0)
})

test('a worker crash restarts it and settles the pending run as failed', async () => {
  const made: FakeWorker[] = []
  client = createEngineClient({ createWorker: () => fakeWorker({ runFlow: never }, made) })
  const handle = client.runFlow({ files: {}, flow: 'Crash', input: {} })
  await new Promise((r) => setTimeout(r, 20))
  made[0]?.crash()
  const result = await handle.result
  expect(result.status).toBe('failed')
  expect(result.error?.message).toContain('crashed')
  expect(client.restarts()).toBe(1)
})

test('a restarted worker gets the open project again before any run or platform call', async () => {
  const made: FakeWorker[] = []
  const log: string[] = []
  client = createEngineClient({
    runDeadlineMs: 50,
    createWorker: () => {
      const generation = made.length
      return fakeWorker(
        {
          openProject: async (projectId: string) => {
            await new Promise((r) => setTimeout(r, 20)) // storage takes a moment
            log.push(`${generation}:open ${projectId}`)
            return { projectId, connections: [], mocks: undefined as never }
          },
          runFlow: (request: RunFlowRequest) => {
            log.push(`${generation}:run ${request.flow}`)
            return request.flow === 'Busy' ? never() : Promise.resolve(ok(request.flow))
          },
          listConnections: async () => {
            log.push(`${generation}:list`)
            return []
          },
        },
        made,
      )
    },
  })
  await client.openProject('p1')
  expect((await client.runFlow({ files: {}, flow: 'Busy', input: {} }).result).status).toBe(
    'failed',
  )
  const [next] = await Promise.all([
    client.runFlow({ files: {}, flow: 'Next', input: {} }).result,
    client.listConnections(),
  ])
  expect(next).toEqual(ok('Next'))
  expect(log.slice(0, 3)).toEqual(['0:open p1', '0:run Busy', '1:open p1'])
  expect(log.slice(3).sort()).toEqual(['1:list', '1:run Next'])
})
