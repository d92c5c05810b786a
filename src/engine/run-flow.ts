// The interpreter: runs a flow of a loaded project step by step — resolve each card's inputs
// from the scope, run the card, record the trace — within budgets (steps, helper depth, wall
// time) and a cancellation signal. Helper flows run through the same function, nested.
import type { Diagnostic, LoadedProject } from '../definition'
import { getCard } from './cards'
import { FlowError, RunAborted, type FlowErrorObject } from './errors'
import type { EnginePorts } from './ports'
import { connectionSecrets, createRedactor, type Redactor } from './redact'
import { resolveValue, type Scope } from './references'
import type { FlowTrace, RunStatus, StepTrace } from './trace'
import { isPlainObject } from './values'

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
  limits?: Partial<RunLimits>
}

/** A failure that has already been recorded in a trace, travelling up to the caller's step. */
class StepFailure extends Error {
  constructor(readonly error: FlowErrorObject) {
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

async function executeFlow(
  execution: Execution,
  flowName: string,
  input: Record<string, unknown>,
  options: Record<string, unknown>,
  depth: number,
  onStart?: (trace: FlowTrace) => void,
): Promise<FlowTrace> {
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

  try {
    for (const step of flow.steps) {
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
      trace.steps.push(stepTrace)
      try {
        if (!card) throw new FlowError(`Unknown card "${step.card}"`, 400)
        const inputs = asRecord(resolveValue(step.inputs ?? {}, scope))
        stepTrace.inputs = asRecord(redact(inputs))
        const outcome = await card.run(inputs, {
          step,
          flowName,
          ports,
          signal: execution.signal,
          callFlow: async (name, helperInput) => {
            const child = await executeFlow(
              execution,
              name,
              helperInput,
              {},
              depth + 1,
              (started) => (stepTrace.children ??= []).push(started),
            )
            if (child.status === 'success' || !child.error) return child.outputs ?? {}
            throw new StepFailure(child.error)
          },
        })
        scope[step.id] = outcome.outputs
        stepTrace.outputs = asRecord(redact(outcome.outputs))
        stepTrace.durationMs = ports.elapsed() - stepStart
        if (outcome.returns) {
          stepTrace.status = 'returned'
          trace.outputs = stepTrace.outputs
          return trace
        }
      } catch (error) {
        stepTrace.durationMs = ports.elapsed() - stepStart
        const errorObject: FlowErrorObject =
          error instanceof StepFailure
            ? { ...error.error, method: step.id, flo: flowName, execution: executionId }
            : {
                message: redactText(redact, error),
                code: error instanceof FlowError ? error.code : abortCode(error),
                method: step.id,
                flo: flowName,
                execution: executionId,
              }
        stepTrace.status = 'failed'
        stepTrace.error = errorObject
        trace.error = errorObject
        if (error instanceof RunAborted) {
          trace.status = error.reason === 'cancelled' ? 'cancelled' : 'failed'
          throw error
        }
        trace.status = 'failed'
        return trace
      }
    }
    trace.outputs = {}
    return trace
  } catch (error) {
    if (error instanceof RunAborted && trace.status === 'success') {
      trace.status = error.reason === 'cancelled' ? 'cancelled' : 'failed'
      trace.error = {
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
  if (!project.ok) {
    const errors = project.diagnostics.filter((d) => d.severity === 'error')
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
  const execution: Execution = {
    project,
    ports,
    signal: options.signal ?? new AbortController().signal,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    redact: createRedactor(connectionSecrets(request.connection)),
    connection: request.connection,
    startedAt: ports.elapsed(),
    steps: 0,
  }
  try {
    const trace = await executeFlow(
      execution,
      request.flow,
      request.input ?? {},
      request.options ?? {},
      0,
    )
    return {
      status: trace.status,
      ...(trace.outputs ? { outputs: trace.outputs } : {}),
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
