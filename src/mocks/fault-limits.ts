// The bounds on armed faults, in a module without msw so the page can import them too.
export const FAULT_LIMITS = {
  /** Longest Retry-After a 429 fault may announce, in seconds. */
  retryAfterSeconds: 3_600,
  /** Longest added latency, in ms. */
  latencyMs: 30_000,
  /** Most requests a counted fault may apply to. */
  times: 1_000,
} as const
