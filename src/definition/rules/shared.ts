// What several rule modules need: the step lists of every flow and workflow with the names in
// scope, reference parsing, what a step outputs and what inputs it takes, and small predicates.
import type { CardFieldSpec, CardSpec } from '../card-spec'
import { pathToPointer } from '../json-source'
import type { LoadedFlow, LoadedProject } from '../project-model'
import { isFlowFile } from '../project'
import type { DataTypeName, Field, Flow, FlowKind, Step, Workflow } from '../schema'
import { SCOPES_BY_KIND, scopesForTrigger, type ScopeName } from '../scopes'
import { findReferences, walkSteps, type WalkedStep } from '../walk'
import type { RuleContext } from './rule'

export const isActive = (loaded: LoadedFlow): boolean => loaded.flow.active !== false

/** `key` as one JSON pointer segment, e.g. `/inputs` + `pointerKey('a/b')`. */
export const pointerKey = (key: string | number): string => pathToPointer([key])

/** Lists names for messages: `"a", "b" and "c"`. */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`)
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`
}

export const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`

/** The Workflows cards that end their flow (and so the rest of their step list). */
const ENDS_FLOW = new Set([
  'flow.return',
  'flow.returnOutputs',
  'flow.returnRaw',
  'flow.returnError',
])

export function endsFlow(cardId: string): boolean {
  return ENDS_FLOW.has(cardId)
}

/** Workflows' names for the data types, as the Inputs/Outputs dialogs show them. */
export function typeLabel(type: DataTypeName | 'any', list?: boolean): string {
  const names: Record<DataTypeName | 'any', string> = {
    text: 'Text',
    number: 'Number',
    boolean: 'True/False',
    datetime: 'Date & Time',
    object: 'Object',
    file: 'File',
    any: 'Any',
  }
  return list ? `list of ${names[type]}` : names[type]
}

/** True when every flows/*.json file loaded: project-wide checks stay quiet until then. */
export function allFlowsLoaded(project: LoadedProject): boolean {
  const loaded = new Set(project.flowFiles.map((f) => f.file))
  return [...project.sources.keys()].every((file) => !isFlowFile(file) || loaded.has(file))
}

/** A flow or a workflow: a list of steps with the names the platform puts in scope. */
export interface StepOwner {
  file: string
  /** For messages: `flow "List Users"` or `workflow "Nightly sync"`. */
  label: string
  flow: Flow | undefined
  workflow: Workflow | undefined
  steps: WalkedStep[]
  rootSteps: Step[]
  /** Names a reference may start with before any step runs. */
  scopes: readonly ScopeName[]
  /** The keys `=input.<key>` may name, when the flow declares them (undefined = not checked). */
  inputKeys: readonly string[] | undefined
  /** The keys `=options.<key>` may name, when the flow declares options. */
  optionKeys: readonly string[] | undefined
}

/** Inputs the platform itself passes to a flow kind, besides the declared ones. */
const PLATFORM_INPUTS: Partial<Record<FlowKind, readonly string[]>> = {
  webhookRegistration: ['eventUrl'],
  webhookDeregistration: ['registrationData'],
}

function flowInputKeys(flow: Flow): readonly string[] | undefined {
  if (!flow.inputs) return undefined
  // Extensible and dynamic groups add fields the flow cannot know in advance.
  if (flow.extensibleInputGroups?.length || flow.dynamicInputGroups?.length) return undefined
  return [...flow.inputs.map((f) => f.key), ...(PLATFORM_INPUTS[flow.kind] ?? [])]
}

function workflowInputKeys(workflow: Workflow): readonly string[] | undefined {
  const trigger = workflow.trigger
  if (trigger.type === 'helper' || trigger.type === 'delegated') {
    return trigger.inputs?.map((f) => f.key)
  }
  return undefined
}

/** Every flow file (duplicates included) and every workflow, with walked steps and scope. */
export function* stepOwners(project: LoadedProject): Generator<StepOwner> {
  for (const { file, flow } of project.flowFiles) {
    yield {
      file,
      label: `flow "${flow.name}"`,
      flow,
      workflow: undefined,
      steps: walkSteps(flow.steps),
      rootSteps: flow.steps,
      scopes: SCOPES_BY_KIND[flow.kind],
      inputKeys: flowInputKeys(flow),
      optionKeys: flow.options?.map((o) => o.key),
    }
  }
  for (const { file, workflow } of project.workflows.values()) {
    yield {
      file,
      label: `workflow "${workflow.name}"`,
      flow: undefined,
      workflow,
      steps: walkSteps(workflow.steps),
      rootSteps: workflow.steps,
      scopes: scopesForTrigger(workflow.trigger),
      inputKeys: workflowInputKeys(workflow),
      optionKeys: undefined,
    }
  }
}

/** Every `=` reference a step holds, with the JSON pointer of the exact string. */
export function stepReferences({
  step,
  pointer,
}: WalkedStep): { reference: string; pointer: string }[] {
  const found = [
    ...findReferences(step.inputs, `${pointer}/inputs`),
    ...findReferences(step.options, `${pointer}/options`),
    ...findReferences(step.errorHandling?.values, `${pointer}/errorHandling/values`),
  ]
  step.branches?.forEach((branch, i) => {
    found.push(...findReferences(branch.when.left, `${pointer}/branches/${i}/when/left`))
    found.push(...findReferences(branch.when.right, `${pointer}/branches/${i}/when/right`))
  })
  return found
}

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor'])

/** Splits `=a.b.c` into its segments the way the engine does, or says what is wrong with it. */
export function parseReferencePath(
  reference: string,
): { segments: string[]; problem?: undefined } | { segments?: undefined; problem: string } {
  const body = reference.slice(1).trim()
  if (body === '') return { problem: 'is empty; write a name after "="' }
  const segments = body.split('.')
  if (segments.some((s) => s === '')) return { problem: 'has an empty path segment' }
  const reserved = segments.find((s) => FORBIDDEN_SEGMENTS.has(s))
  if (reserved !== undefined) return { problem: `uses the reserved name "${reserved}"` }
  return { segments }
}

/** A card as a step sees it: its display name and fixed inputs/outputs, whatever its source. */
export interface StepCard {
  name: string
  spec: CardSpec | undefined
  /** The flow that gives the card its fields: Call Flow's helper, or a connector card's flow. */
  flow: LoadedFlow | undefined
}

/** The catalogue card, or the connector action flow behind `connector:<name>`. */
export function stepCard(step: Step, context: RuleContext): StepCard | undefined {
  const spec = context.catalogue.get(step.card)
  if (spec) {
    const flow = spec.callsFlow && step.flow ? context.project.flows.get(step.flow) : undefined
    return { name: spec.name, spec, flow }
  }
  if (step.card.startsWith('connector:')) {
    const flow = context.project.flows.get(step.card.slice('connector:'.length))
    return flow?.flow.kind === 'action'
      ? { name: flow.flow.name, spec: undefined, flow }
      : undefined
  }
  return undefined
}

/**
 * Call Flow's fields are the helper's: its inputs pass through and its outputs are what the helper
 * returns. Other cards that run a helper (For Each, Map, Reduce …) have fields of their own.
 */
function takesHelperFields(spec: CardSpec | undefined): boolean {
  return Boolean(spec?.callsFlow && spec.dynamicOutputs)
}

/** The output names a step has when they are fixed, or undefined when any name may exist. */
export function fixedOutputs(step: Step, context: RuleContext): readonly string[] | undefined {
  const card = stepCard(step, context)
  if (!card) return undefined
  if (takesHelperFields(card.spec)) {
    if (step.outputs) return step.outputs.map((f) => f.key)
    return card.flow?.flow.outputs?.map((f) => f.key)
  }
  if (card.spec) return card.spec.dynamicOutputs ? undefined : card.spec.outputs.map((f) => f.key)
  const flow = card.flow?.flow
  if (!flow?.outputs || flow.dynamicOutputGroups?.length) return undefined
  return flow.outputs.map((f) => f.key)
}

/** The typed inputs a step's card declares: the card's own, a helper's, or an action flow's. */
export function declaredInputs(
  step: Step,
  context: RuleContext,
): readonly (CardFieldSpec | Field)[] | undefined {
  const card = stepCard(step, context)
  if (!card) return undefined
  if (card.spec && !takesHelperFields(card.spec)) return card.spec.inputs
  return card.flow?.flow.inputs
}
