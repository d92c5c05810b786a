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
}
