// The capabilities the engine needs from the world, injected so that the engine stays pure and
// runs the same in the worker, in node tests and in the CLI. Nothing in src/engine does IO itself.

/** A request as plain data (structured-clone friendly; no Request objects cross the boundary). */
export interface HttpRequestData {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
}

export interface HttpResponseData {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string
}

export interface EnginePorts {
  /** Sends an HTTP request. In the playground this resolves against the mock services only. */
  http(request: HttpRequestData, signal: AbortSignal): Promise<HttpResponseData>
  /** Virtual wall-clock time in ms since the epoch (what Now and token expiry see). */
  now(): number
  /** A monotonic timer in ms for measuring durations. */
  elapsed(): number
  /** A fresh unique id (execution ids). Deterministic in tests. */
  newId(): string
  /** A random number in [0, 1) (Random cards, retry jitter). Seeded in tests. */
  random(): number
  /**
   * Waits `ms` of virtual time (Wait For, retry delays). The playground's clock is virtual:
   * waiting advances `now()` at once instead of keeping a flow paused for minutes.
   */
  wait(ms: number, signal: AbortSignal): Promise<void>
}

/** A virtual clock: `now()` is a start time plus everything waited so far. */
export function virtualClock(start: () => number): Pick<EnginePorts, 'now' | 'wait'> & {
  advance(ms: number): void
} {
  let offset = 0
  return {
    now: () => start() + offset,
    advance: (ms) => {
      offset += Math.max(0, ms)
    },
    wait: (ms, signal) => {
      if (signal.aborted) return Promise.reject(signal.reason as Error)
      offset += Math.max(0, ms)
      return Promise.resolve()
    },
  }
}

/** A small seeded generator (mulberry32) for reproducible runs: same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
