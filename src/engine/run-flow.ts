// The interpreter: runs a flow of a loaded project step by step — resolve each card's inputs
// from the scope, run the card, record the trace — within budgets (steps, helper depth, wall
// time) and a cancellation signal. Helper flows run through the same function, nested.
import {
  blocksRun,
  type CardSpec,
  type Diagnostic,
  type ErrorHandling,
  type LoadedProject,
  type Step,
} from '../definition'
import { getCard, type Card, type CardContext, type CardOutcome } from './cards'
import { FlowError, RunAborted, type FlowErrorObject } from './errors'
import type { EnginePorts } from './ports'
import { connectionSecrets, createRedactor, type Redactor } from './redact'
import { resolveValue, type Scope } from './references'
import type { FlowTrace, RunStatus, StepTrace } from './trace'
import { isPlainObject, toText } from './values'
import { compare } from './compare'

export interface RunRequest {
  /** The flow to run, by name. */
  flow: string
  input?: Record<string, unknown>
  options?: Record<string, unknown>
  /** The connection's auth object (username/password, access_token, custom keys …). */
  connection?: Record<string, unknown>
}

export interface RunLimits {
  /** Cards executed per run, helpers included (Workflows allows 2,000,000). */
  maxSteps: number
  /** Nesting of helper-flow calls. */
  maxDepth: number
  /** Wall time for the whole run, in ms. */
  maxDurationMs: number
}

export const DEFAULT_LIMITS: RunLimits = {
  maxSteps: 2_000_000,
  maxDepth: 64,
  maxDurationMs: 120_000,
}

export interface RunResult {
  status: RunStatus
  outputs?: Record<string, unknown>
  error?: FlowErrorObject
  /** Redacted: safe to show, store and share. Absent when the project could not be loaded. */
  trace?: FlowTrace
  /** Problems that kept the run from starting. */
  diagnostics: Diagnostic[]
  stepsExecuted: number
}

export interface RunOptions {
  signal?: AbortSignal
  /** Further values to redact from the trace (e.g. a connection's password parameters). */
  secrets?: readonly string[]
  limits?: Partial<RunLimits>
}

/**
 * A failure already recorded in a trace, travelling up: to the enclosing container (If Error
 * catches it), the flow, and the caller's Call Flow step. `recordedHere` marks a failure of a
 * step in the current flow; a helper's failure is re-attributed to the calling step.
 */
class StepFailure extends Error {
  constructor(
    readonly error: FlowErrorObject,
    readonly recordedHere = false,
  ) {
    super(error.message)
  }
}

interface Execution {
  project: LoadedProject
  ports: EnginePorts
  signal: AbortSignal
  limits: RunLimits
  redact: Redactor
  connection: Record<string, unknown> | undefined
  startedAt: number
  steps: number
  /** Redacts without the trace's bounds: for the run's outputs, which must stay complete. */
  redactOutputs: Redactor
  /** The top-level flow's trace, kept so an aborted run still shows how far it got. */
  root?: FlowTrace
}

function checkBudgets(execution: Execution): void {
  if (execution.signal.aborted) throw new RunAborted('The run was cancelled', 'cancelled')
  if (execution.steps >= execution.limits.maxSteps) {
    throw new RunAborted(
      `The run exceeded ${execution.limits.maxSteps.toLocaleString('en-US')} steps`,
      'budget',
    )
  }
  if (execution.ports.elapsed() - execution.startedAt > execution.limits.maxDurationMs) {
    throw new RunAborted(
      `The run took longer than ${execution.limits.maxDurationMs / 1000} s`,
      'budget',
    )
  }
  execution.steps++
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {}
}

/** A finished flow: its trace, and — when it returned — the outputs it really returned. */
interface ExecutedFlow {
  trace: FlowTrace
  outputs?: Record<string, unknown>
}

const UNBOUNDED = { maxListItems: Infinity, maxTextLength: Infinity }

type ListOutcome =
  | { type: 'completed' }
  | { type: 'returned'; outputs: Record<string, unknown> }
  | { type: 'stopped'; message: string }

interface FlowRun {
  name: string
  executionId: string
  depth: number
}

async function executeSteps(
  execution: Execution,
  run: FlowRun,
  steps: readonly Step[],
  scope: Scope,
  traces: StepTrace[],
): Promise<ListOutcome> {
  const { ports, redact } = execution
  for (const step of steps) {
    checkBudgets(execution)
    const card = getCard(step.card)
    const stepStart = ports.elapsed()
    const stepTrace: StepTrace = {
      stepId: step.id,
      card: step.card,
      cardName: card?.name ?? step.card,
      status: 'success',
      inputs: {},
      startedAt: ports.now(),
      durationMs: 0,
    }
    traces.push(stepTrace)
    try {
      if (!card) throw new FlowError(`Unknown card "${step.card}"`, 400)
      const inputs = asRecord(resolveValue(step.inputs ?? {}, scope))
      stepTrace.inputs = asRecord(redact(inputs))
      let outputs: Record<string, unknown>
      if (card.container) {
        outputs = await executeContainer(
          execution,
          run,
          card.container,
          step,
          inputs,
          scope,
          stepTrace,
        )
      } else {
        if (!card.run) throw new FlowError(`${card.name} cannot run on its own`, 500)
        const runCard = card.run.bind(card)
        const children = boundedChildren(stepTrace)
        const context: CardContext = {
          step,
          flowName: run.name,
          ports,
          signal: execution.signal,
          callFlow: async (name, helperInput) => {
            const child = await executeFlow(
              execution,
              name,
              helperInput,
              {},
              run.depth + 1,
              children.add,
            )
            if (child.trace.error) throw new StepFailure(child.trace.error)
            return child.outputs ?? {}
          },
        }
        let outcome: CardOutcome
        try {
          outcome = await runWithErrorHandling(execution, run, step, card, scope, stepTrace, () =>
            runCard(inputs, context),
          )
        } finally {
          children.close()
        }
        outputs = outcome.outputs
        if (outcome.stop !== undefined) {
          stepTrace.stopped = outcome.stop
          finishStep(stepTrace, ports, stepStart)
          return { type: 'stopped', message: outcome.stop }
        }
        if (outcome.returns) {
          stepTrace.status = 'returned'
          stepTrace.outputs = asRecord(redact(outputs))
          finishStep(stepTrace, ports, stepStart)
          return { type: 'returned', outputs }
        }
      }
      scope[step.id] = outputs
      stepTrace.outputs = asRecord(redact(outputs))
      finishStep(stepTrace, ports, stepStart)
    } catch (error) {
      finishStep(stepTrace, ports, stepStart)
      const errorObject: FlowErrorObject =
        error instanceof StepFailure && !error.recordedHere
          ? { ...error.error, method: step.id, flo: run.name, execution: run.executionId }
          : error instanceof StepFailure
            ? error.error
            : {
                message: redactText(redact, error),
                code: error instanceof FlowError ? error.code : abortCode(error),
                method: step.id,
                flo: run.name,
                execution: run.executionId,
              }
      stepTrace.status = 'failed'
      stepTrace.error = errorObject
      if (error instanceof RunAborted) throw error
      throw new StepFailure(errorObject, true)
    }
  }
  return { type: 'completed' }
}

/** Records a step's wall duration and, when the virtual clock moved, its virtual duration. */
function finishStep(stepTrace: StepTrace, ports: EnginePorts, wallStart: number): void {
  stepTrace.durationMs = ports.elapsed() - wallStart
  // The virtual clock runs with the wall clock plus every wait; what it gained beyond the wall
  // time is the time the card waited. (Sub-second differences are clock jitter, not waits.)
  const waited = ports.now() - stepTrace.startedAt - stepTrace.durationMs
  if (waited >= 1000) stepTrace.virtualMs = Math.round(waited)
}

/** How many helper runs a step's trace keeps from the start and from the end of a long list. */
export const TRACE_KEEP_CHILDREN = 10

/**
 * Keeps a step's nested helper runs bounded: the first and the last TRACE_KEEP_CHILDREN runs and
 * a count of the rest, so a 100,000-item For Each has a trace of 20 runs, not 100,000.
 */
function boundedChildren(stepTrace: StepTrace): {
  add: (trace: FlowTrace) => void
  close: () => void
} {
  const head: FlowTrace[] = []
  const tail: FlowTrace[] = []
  let total = 0
  return {
    add(trace) {
      total++
      if (head.length < TRACE_KEEP_CHILDREN) head.push(trace)
      else {
        tail.push(trace)
        if (tail.length > TRACE_KEEP_CHILDREN) tail.shift()
      }
      stepTrace.children = [...head, ...tail]
      if (total > head.length + tail.length)
        stepTrace.omittedChildren = total - head.length - tail.length
    },
    close() {
      if (total === 0) return
      stepTrace.children = [...head, ...tail]
      const omitted = total - head.length - tail.length
      if (omitted > 0) stepTrace.omittedChildren = omitted
    },
  }
}

const HTTP_RETRY_CODES = [429, 504]

/** Whether a card's failure with this code is retried under its error-handling settings. */
function isRetryable(card: Card, code: number, retryOn: ErrorHandling['retryOn']): boolean {
  // Workflows retries ordinary cards only on rate limits; HTTP cards also offer 504, all codes,
  // or a list of codes.
  if (card.category !== 'HTTP') return code === 429
  if (retryOn === 'all') return code >= 400
  if (Array.isArray(retryOn))
    return retryOn.length === 0 ? HTTP_RETRY_CODES.includes(code) : retryOn.includes(code)
  return HTTP_RETRY_CODES.includes(code)
}

function retryDelayMs(wait: ErrorHandling['waitMinutes'], random: () => number): number {
  const minutes = Array.isArray(wait)
    ? wait[0] + (Math.max(wait[1], wait[0]) - wait[0]) * random()
    : (wait ?? 1)
  return Math.round(minutes * 60_000)
}

/**
 * A card's own error handling (gear → Error handling): retry on rate limits with waits on the
 * virtual clock, then halt the flow (the default), return the configured values instead, or run
 * another flow with the error and continue with what it returns.
 */
async function runWithErrorHandling(
  execution: Execution,
  run: FlowRun,
  step: Step,
  card: Card,
  scope: Scope,
  stepTrace: StepTrace,
  attempt: () => CardOutcome | Promise<CardOutcome>,
): Promise<CardOutcome> {
  const handling = step.errorHandling
  if (!handling) return attempt()
  const retries = handling.retry ?? 0
  for (let tried = 0; ; tried++) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof FlowError)) throw error
      if (tried < retries && isRetryable(card, error.code, handling.retryOn)) {
        stepTrace.retries = tried + 1
        await execution.ports.wait(
          retryDelayMs(handling.waitMinutes, execution.ports.random),
          execution.signal,
        )
        continue
      }
      const then = handling.then ?? 'halt'
      if (then === 'halt') throw error
      const errorObject: FlowErrorObject = {
        message: redactText(execution.redact, error),
        code: error.code,
        method: step.id,
        flo: run.name,
        execution: run.executionId,
      }
      stepTrace.handledError = errorObject
      if (then === 'returnValues') {
        return { outputs: asRecord(resolveValue(handling.values ?? {}, scope)) }
      }
      const flow = handling.flow ?? ''
      const child = await executeFlow(
        execution,
        flow,
        { error: errorObject },
        {},
        run.depth + 1,
        (t) => (stepTrace.children ??= []).push(t),
      )
      if (child.trace.error) throw new StepFailure(child.trace.error)
      return { outputs: child.outputs ?? {} }
    }
  }
}

/** Runs a container's lists; a Return or Continue If inside ends only the container. */
async function executeContainer(
  execution: Execution,
  run: FlowRun,
  kind: NonNullable<CardSpec['container']>,
  step: Step,
  inputs: Record<string, unknown>,
  scope: Scope,
  stepTrace: StepTrace,
): Promise<Record<string, unknown>> {
  const runList = async (name: string, steps: readonly Step[], extra?: Scope) => {
    const traces: StepTrace[] = []
    ;(stepTrace.lists ??= []).push({ name, steps: traces })
    const child = Object.create(scope) as Scope
    if (extra) Object.assign(child, extra)
    const outcome = await executeSteps(execution, run, steps, child, traces)
    return outcome.type === 'returned' ? outcome.outputs : {}
  }
  switch (kind) {
    case 'ifElse':
      return compare(inputs.left, toText(inputs.operator, 'operator'), inputs.right)
        ? runList('then', step.then ?? [])
        : runList('else', step.else ?? [])
    case 'branch': {
      for (const [index, branch] of (step.branches ?? []).entries()) {
        const when = asRecord(resolveValue(branch.when, scope))
        if (compare(when.left, toText(when.operator, 'operator'), when.right)) {
          return runList(`branch ${index + 1}`, branch.steps)
        }
      }
      return runList('else', step.else ?? [])
    }
    case 'tryCatch':
      try {
        return await runList('try', step.try ?? [])
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error
        const caught = Object.create(null) as Scope
        caught.error = error.error
        return runList('catch', step.catch ?? [], caught)
      }
  }
}

async function executeFlow(
  execution: Execution,
  flowName: string,
  input: Record<string, unknown>,
  options: Record<string, unknown>,
  depth: number,
  onStart?: (trace: FlowTrace) => void,
): Promise<ExecutedFlow> {
  const loaded = execution.project.flows.get(flowName)
  if (!loaded) throw new FlowError(`No flow is named "${flowName}"`, 404)
  if (depth > execution.limits.maxDepth) {
    throw new RunAborted(
      `Helper flows are nested more than ${execution.limits.maxDepth} deep (does a flow call itself?)`,
      'budget',
    )
  }
  const { flow } = loaded
  const { ports, redact } = execution
  const executionId = ports.newId()
  const trace: FlowTrace = {
    flow: flowName,
    execution: executionId,
    status: 'success',
    input: asRecord(redact(input)),
    startedAt: ports.now(),
    durationMs: 0,
    steps: [],
  }
  execution.root ??= trace
  onStart?.(trace)
  const flowStart = ports.elapsed()
  const scope: Scope = Object.create(null) as Scope
  scope.input = input
  scope.options = options
  scope.connection = execution.connection ?? {}
  // The Authping and Revoke event cards expose the connection as `auth` (see definition/scopes.ts).
  if (flow.kind === 'authping' || flow.kind === 'revoke') scope.auth = scope.connection

  try {
    const outcome = await executeSteps(
      execution,
      { name: flowName, executionId, depth },
      flow.steps,
      scope,
      trace.steps,
    )
    // The caller gets the real outputs; the trace keeps a redacted, bounded copy.
    const outputs =
      outcome.type === 'returned'
        ? outcome.outputs
        : outcome.type === 'stopped'
          ? { message: outcome.message }
          : {}
    trace.outputs = asRecord(redact(outputs))
    return { trace, outputs }
  } catch (error) {
    if (error instanceof StepFailure) {
      trace.status = 'failed'
      trace.error = error.error
      return { trace }
    }
    if (error instanceof RunAborted && trace.status === 'success') {
      trace.status = error.reason === 'cancelled' ? 'cancelled' : 'failed'
      const failedStep = trace.steps.at(-1)
      trace.error = (failedStep?.status === 'failed' ? failedStep.error : undefined) ?? {
        message: redactText(redact, error),
        code: abortCode(error),
        method: '',
        flo: flowName,
        execution: executionId,
      }
    }
    throw error
  } finally {
    trace.durationMs = ports.elapsed() - flowStart
  }
}

function abortCode(error: unknown): number {
  return error instanceof RunAborted ? (error.reason === 'cancelled' ? 499 : 429) : 500
}

function redactText(redact: Redactor, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return String(redact(message))
}

/** Runs one flow of a loaded project. Never throws: every outcome is a RunResult. */
export async function runFlow(
  project: LoadedProject,
  request: RunRequest,
  ports: EnginePorts,
  options: RunOptions = {},
): Promise<RunResult> {
  if (!project.runnable) {
    const errors = project.diagnostics.filter(blocksRun)
    return {
      status: 'failed',
      error: {
        message: `The project has ${errors.length} error${errors.length === 1 ? '' : 's'}; fix ${errors.length === 1 ? 'it' : 'them'} before running (first: ${errors[0]?.file}:${errors[0]?.range.startLine} ${errors[0]?.message})`,
        code: 400,
        method: '',
        flo: request.flow,
        execution: '',
      },
      diagnostics: project.diagnostics,
      stepsExecuted: 0,
    }
  }
  const secrets = [...connectionSecrets(request.connection), ...(options.secrets ?? [])]
  const execution: Execution = {
    project,
    ports,
    signal: options.signal ?? new AbortController().signal,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    redact: createRedactor(secrets),
    redactOutputs: createRedactor(secrets, UNBOUNDED),
    connection: request.connection,
    startedAt: ports.elapsed(),
    steps: 0,
  }
  try {
    const { trace, outputs } = await executeFlow(
      execution,
      request.flow,
      request.input ?? {},
      request.options ?? {},
      0,
    )
    return {
      status: trace.status,
      // Complete (never cut short like the trace's copy), with secrets redacted for display.
      ...(outputs ? { outputs: asRecord(execution.redactOutputs(outputs)) } : {}),
      ...(trace.error ? { error: trace.error } : {}),
      trace,
      diagnostics: [],
      stepsExecuted: execution.steps,
    }
  } catch (error) {
    const aborted = error instanceof RunAborted
    const root = execution.root
    return {
      status: aborted && error.reason === 'cancelled' ? 'cancelled' : 'failed',
      error: root?.error ?? {
        message: redactText(execution.redact, error),
        code: error instanceof FlowError ? error.code : abortCode(error),
        method: '',
        flo: request.flow,
        execution: '',
      },
      ...(root ? { trace: root } : {}),
      diagnostics: [],
      stepsExecuted: execution.steps,
    }
  }
}
