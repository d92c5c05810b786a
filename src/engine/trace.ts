// The run trace: what each card received and produced, in order, with nested runs for helper
// flows — the data behind the run view, like Workflows' flow history.
import type { FlowErrorObject } from './errors'

export type StepStatus = 'success' | 'failed' | 'returned'

export interface StepTrace {
  stepId: string
  card: string
  cardName: string
  status: StepStatus
  inputs: Record<string, unknown>
  outputs?: Record<string, unknown>
  error?: FlowErrorObject
  /** Virtual time when the step started (ms since epoch). */
  startedAt: number
  /** Wall time the step took, in ms. */
  durationMs: number
  /** Virtual time the step waited (Wait For, retry waits), in ms; absent under a second. */
  virtualMs?: number
  /** Runs of helper flows this step started (Call Flow, For Each …): the first and last few. */
  children?: FlowTrace[]
  /** Helper runs left out of `children` to keep the trace bounded (long lists). */
  omittedChildren?: number
  /** How many times the card was retried under its error handling. */
  retries?: number
  /** The error the card's error handling dealt with (Return Values or Run another Flow). */
  handledError?: FlowErrorObject
  /** Container cards: the step lists that ran (`then`, `else`, `branch 2`, `try`, `catch`). */
  lists?: { name: string; steps: StepTrace[] }[]
  /** Continue If: the message it stopped with. */
  stopped?: string
}

export type RunStatus = 'success' | 'failed' | 'cancelled'

export interface FlowTrace {
  flow: string
  execution: string
  status: RunStatus
  input: Record<string, unknown>
  outputs?: Record<string, unknown>
  error?: FlowErrorObject
  startedAt: number
  durationMs: number
  steps: StepTrace[]
}
