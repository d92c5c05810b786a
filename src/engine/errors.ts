// Errors a card or the interpreter raises while a flow runs. They carry the Workflows error
// object's fields so If Error and the run view can show them as the real product does.

export class FlowError extends Error {
  override readonly name = 'FlowError'
  constructor(
    message: string,
    /** An HTTP-like status code (e.g. 400 for bad input, 401 from an API). */
    readonly code: number = 400,
    /** Extra detail, such as the response body of a failed HTTP call. */
    readonly detail?: unknown,
  ) {
    super(message)
  }
}

/** The run was stopped by a budget (steps, depth, time) or by the user. */
export class RunAborted extends Error {
  override readonly name = 'RunAborted'
  constructor(
    message: string,
    readonly reason: 'cancelled' | 'budget',
  ) {
    super(message)
  }
}

/** The error object an If Error branch and the run trace receive, as in Workflows. */
export interface FlowErrorObject {
  message: string
  code: number
  /** The step id of the card that failed. */
  method: string
  /** The name of the flow that failed. */
  flo: string
  execution: string
}
