// The project as the language services see it: every file parsed tolerantly (a half-typed file
// still yields its flows and steps), the flows by name, and for one file its steps walked in
// execution order with the names each step can see. Also the classification of a place in a file
// (a JSON path) into what the services know about: a reference, a card id, a flow name.
import type { Node } from 'jsonc-parser'
import type { CardCatalogue, CardSpec } from '../card-spec'
import { pathToPointer } from '../json-source'
import {
  CONNECTOR_FILE,
  isFlowFile,
  isWorkflowFile,
  sortProjectPaths,
  type ProjectFiles,
} from '../project'
import { FLOW_KINDS, type FlowKind } from '../flow-kinds'
import type { Field, Step, Trigger } from '../schema'
import { ERROR_SCOPE, SCOPES_BY_KIND, scopesForTrigger, type ScopeName } from '../scopes'
import { walkSteps, type WalkedStep } from '../walk'
import { isRecord, parseTolerant, type TolerantJson } from './text'

export type JsonPath = (string | number)[]
export type FileKind = 'connector' | 'flow' | 'workflow'

/** A field as far as it parsed: key is always there, the rest may be missing. */
export interface FieldInfo {
  key: string
  type?: string
  list?: boolean
  label?: string
  help?: string
  required?: boolean
}

export interface IndexedFlow {
  file: string
  name: string
  /** The kind as written (may be misspelt while typing). */
  kind: string
  description?: string
  inputs: FieldInfo[]
  outputs: FieldInfo[]
  options: FieldInfo[]
  json: TolerantJson
}

export interface IndexedWorkflow {
  file: string
  name: string
  trigger: Record<string, unknown> | undefined
  json: TolerantJson
}

export interface ProjectIndex {
  files: ProjectFiles
  catalogue: CardCatalogue
  /** Flows by name (the first file in path order wins, as the validator does). */
  flows: Map<string, IndexedFlow>
  /** Every flow file, in path order. */
  flowList: IndexedFlow[]
  workflows: Map<string, IndexedWorkflow>
  connector: Record<string, unknown> | undefined
  /** The tolerant parse of a file (cached). */
  parsed(file: string): TolerantJson
}

export function fileKind(file: string): FileKind | undefined {
  if (file === CONNECTOR_FILE) return 'connector'
  if (isFlowFile(file)) return 'flow'
  if (isWorkflowFile(file)) return 'workflow'
  return undefined
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

export function toFields(value: unknown): FieldInfo[] {
  if (!Array.isArray(value)) return []
  return value.flatMap((item): FieldInfo[] => {
    if (!isRecord(item) || typeof item.key !== 'string' || item.key === '') return []
    const field: FieldInfo = { key: item.key }
    const type = str(item.type)
    if (type !== undefined) field.type = type
    if (item.list === true) field.list = true
    const label = str(item.label)
    if (label !== undefined) field.label = label
    const help = str(item.help)
    if (help !== undefined) field.help = help
    if (item.required === true) field.required = true
    return [field]
  })
}

export function indexProject(files: ProjectFiles, catalogue: CardCatalogue): ProjectIndex {
  const cache = new Map<string, TolerantJson>()
  const parsed = (file: string): TolerantJson => {
    let json = cache.get(file)
    if (!json) {
      json = parseTolerant(files[file] ?? '')
      cache.set(file, json)
    }
    return json
  }
  const flows = new Map<string, IndexedFlow>()
  const flowList: IndexedFlow[] = []
  const workflows = new Map<string, IndexedWorkflow>()
  for (const file of sortProjectPaths(Object.keys(files))) {
    const kind = fileKind(file)
    if (kind === 'flow') {
      const json = parsed(file)
      const value = isRecord(json.value) ? json.value : {}
      const flow: IndexedFlow = {
        file,
        name: str(value.name) ?? '',
        kind: str(value.kind) ?? '',
        inputs: toFields(value.inputs),
        outputs: toFields(value.outputs),
        options: toFields(value.options),
        json,
      }
      const description = str(value.description)
      if (description !== undefined) flow.description = description
      flowList.push(flow)
      if (flow.name && !flows.has(flow.name)) flows.set(flow.name, flow)
    } else if (kind === 'workflow') {
      const json = parsed(file)
      const value = isRecord(json.value) ? json.value : {}
      const name = str(value.name) ?? ''
      if (name && !workflows.has(name)) {
        workflows.set(name, {
          file,
          name,
          trigger: isRecord(value.trigger) ? value.trigger : undefined,
          json,
        })
      }
    }
  }
  const connectorJson = files[CONNECTOR_FILE] === undefined ? undefined : parsed(CONNECTOR_FILE)
  return {
    files,
    catalogue,
    flows,
    flowList,
    workflows,
    connector: isRecord(connectorJson?.value) ? connectorJson.value : undefined,
    parsed,
  }
}

// ─── Steps, tolerated ──────────────────────────────────────────────────────────────────────────

/** Turns whatever parsed into steps walkSteps can walk, keeping list positions (and pointers). */
export function toSteps(value: unknown): Step[] {
  return Array.isArray(value) ? value.map(toStep) : []
}

function toStep(value: unknown): Step {
  if (!isRecord(value)) return { id: '', card: '' }
  const step: Step = { id: str(value.id) ?? '', card: str(value.card) ?? '' }
  const flow = str(value.flow)
  if (flow !== undefined) step.flow = flow
  if (isRecord(value.inputs)) step.inputs = value.inputs
  if (isRecord(value.options)) step.options = value.options
  if (Array.isArray(value.outputs)) {
    step.outputs = toFields(value.outputs).map((f) => ({ ...f, type: f.type ?? 'text' })) as Field[]
  }
  if (Array.isArray(value.then)) step.then = toSteps(value.then)
  if (Array.isArray(value.else)) step.else = toSteps(value.else)
  if (Array.isArray(value.try)) step.try = toSteps(value.try)
  if (Array.isArray(value.catch)) step.catch = toSteps(value.catch)
  if (Array.isArray(value.branches)) {
    step.branches = value.branches.map((branch) => ({
      when: (isRecord(branch) && isRecord(branch.when)
        ? branch.when
        : { left: undefined, operator: '==' }) as NonNullable<Step['branches']>[number]['when'],
      steps: isRecord(branch) ? toSteps(branch.steps) : [],
    }))
  }
  if (isRecord(value.errorHandling))
    step.errorHandling = value.errorHandling as Step['errorHandling']
  return step
}

// ─── One file in context ───────────────────────────────────────────────────────────────────────

export interface FileContext {
  file: string
  kind: FileKind
  json: TolerantJson
  value: Record<string, unknown>
  /** The flow this file defines (flow files). */
  flow: IndexedFlow | undefined
  /** The trigger (workflow files). */
  trigger: Record<string, unknown> | undefined
  walked: WalkedStep[]
  /** Names the flow kind or trigger puts in scope. */
  scopes: readonly ScopeName[]
}

function isFlowKind(kind: string): kind is FlowKind {
  return (FLOW_KINDS as readonly string[]).includes(kind)
}

export function fileContext(index: ProjectIndex, file: string): FileContext | undefined {
  const kind = fileKind(file)
  if (!kind || index.files[file] === undefined) return undefined
  const json = index.parsed(file)
  const value = isRecord(json.value) ? json.value : {}
  const flow = kind === 'flow' ? index.flowList.find((f) => f.file === file) : undefined
  const trigger = kind === 'workflow' && isRecord(value.trigger) ? value.trigger : undefined
  let scopes: readonly ScopeName[] = []
  if (flow && isFlowKind(flow.kind)) scopes = SCOPES_BY_KIND[flow.kind]
  if (trigger) {
    try {
      scopes = scopesForTrigger(trigger as Trigger) ?? []
    } catch {
      scopes = []
    }
  }
  return {
    file,
    kind,
    json,
    value,
    flow,
    trigger,
    walked: kind === 'connector' ? [] : walkSteps(toSteps(value.steps)),
    scopes,
  }
}

// ─── Places in a file ──────────────────────────────────────────────────────────────────────────

export type FlowRole =
  | 'step'
  | 'errorHandling'
  | 'option'
  | 'dynamicGroup'
  | 'webhookRegistration'
  | 'webhookDeregistration'
  | 'configValue'

/**
 * Which names a reference outside the steps sees: design-time values (dynamic dropdown and group
 * inputs) see the card's options and the connection; webhook registration inputs the options.
 */
export type DesignScope = 'designTime' | 'webhook'

export type Place =
  /** A value that may hold a `=` reference; stepPath is the step whose names it sees. */
  | { type: 'reference'; stepPath: JsonPath | undefined; design?: DesignScope }
  | { type: 'card'; stepPath: JsonPath }
  | { type: 'flowName'; role: FlowRole }
  /** A workflow's event trigger card: `connector:<event flow>`. */
  | { type: 'eventCard' }

/** Splits a path into the step it is inside (as deep as step lists go) and the rest. */
export function splitStepPath(path: JsonPath): { stepPath: JsonPath; rest: JsonPath } | undefined {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return undefined
  let i = 2
  for (;;) {
    const segment = path[i]
    if (
      (segment === 'then' || segment === 'else' || segment === 'try' || segment === 'catch') &&
      typeof path[i + 1] === 'number'
    ) {
      i += 2
    } else if (
      segment === 'branches' &&
      typeof path[i + 1] === 'number' &&
      path[i + 2] === 'steps' &&
      typeof path[i + 3] === 'number'
    ) {
      i += 4
    } else break
  }
  return { stepPath: path.slice(0, i), rest: path.slice(i) }
}

export function classifyPath(kind: FileKind, path: JsonPath): Place | undefined {
  if (kind === 'connector') {
    return path[0] === 'authentication' &&
      path[1] === 'configValues' &&
      typeof path[2] === 'number' &&
      path[3] === 'flow' &&
      path.length === 4
      ? { type: 'flowName', role: 'configValue' }
      : undefined
  }
  const inStep = splitStepPath(path)
  if (inStep) {
    const { stepPath, rest } = inStep
    const [a, b, c, d] = rest
    if ((a === 'inputs' || a === 'options') && rest.length >= 2)
      return { type: 'reference', stepPath }
    if (
      a === 'branches' &&
      typeof b === 'number' &&
      c === 'when' &&
      (d === 'left' || d === 'right')
    )
      return { type: 'reference', stepPath }
    if (a === 'errorHandling' && b === 'values' && rest.length >= 3)
      return { type: 'reference', stepPath }
    if (a === 'card' && rest.length === 1) return { type: 'card', stepPath }
    if (a === 'flow' && rest.length === 1) return { type: 'flowName', role: 'step' }
    if (a === 'errorHandling' && b === 'flow' && rest.length === 2)
      return { type: 'flowName', role: 'errorHandling' }
    return undefined
  }
  if (kind === 'workflow') {
    return path[0] === 'trigger' && path[1] === 'card' && path.length === 2
      ? { type: 'eventCard' }
      : undefined
  }
  const [a, b, c] = path
  const isGroup = a === 'dynamicInputGroups' || a === 'dynamicOutputGroups'
  if ((a === 'options' || isGroup) && typeof b === 'number') {
    if (c === 'flowInputs' && path.length >= 4)
      return { type: 'reference', stepPath: undefined, design: 'designTime' }
    if (c === 'flow' && path.length === 3)
      return { type: 'flowName', role: a === 'options' ? 'option' : 'dynamicGroup' }
  }
  if (a === 'webhook') {
    if (b === 'inputs' && path.length >= 3)
      return { type: 'reference', stepPath: undefined, design: 'webhook' }
    if (b === 'registrationFlow' && path.length === 2)
      return { type: 'flowName', role: 'webhookRegistration' }
    if (b === 'deregistrationFlow' && path.length === 2)
      return { type: 'flowName', role: 'webhookDeregistration' }
  }
  return undefined
}

export type ReferencePlace = Extract<Place, { type: 'reference' }>

/** A string value node and the place it is in, or undefined for a key or an unknown place. */
export function placeOfNode(
  context: FileContext,
  node: Node,
  path: JsonPath,
): { place: Place; node: Node } | undefined {
  if (node.type !== 'string') return undefined
  const parent = node.parent
  if (parent?.type === 'property' && parent.children?.[0] === node) return undefined
  const place = classifyPath(context.kind, path)
  return place ? { place, node } : undefined
}

// ─── Names and what they hold ──────────────────────────────────────────────────────────────────

export interface Member {
  name: string
  /** Data type, e.g. `text` or `list of object`. */
  type?: string
  help?: string
}

export interface VisibleNames {
  scopes: ScopeName[]
  /** Earlier steps this place may read, nearest first. */
  steps: WalkedStep[]
  /** The step the place belongs to. */
  step: WalkedStep | undefined
}

const OPTIONS_SCOPE = SCOPES_BY_KIND.action.find((s) => s.name === 'options')
const CONNECTION_SCOPE = SCOPES_BY_KIND.action.find((s) => s.name === 'connection')
const DESIGN_SCOPES: Record<DesignScope, ScopeName[]> = {
  designTime: [OPTIONS_SCOPE, CONNECTION_SCOPE].filter((s) => s !== undefined),
  webhook: [OPTIONS_SCOPE].filter((s) => s !== undefined),
}

export function visibleNames(
  context: FileContext,
  stepPath: JsonPath | undefined,
  design?: DesignScope,
): VisibleNames {
  const pointer = stepPath ? pathToPointer(stepPath) : undefined
  const position = pointer ? context.walked.findIndex((w) => w.pointer === pointer) : -1
  const step = position >= 0 ? context.walked[position] : undefined
  const scopes = design ? [...DESIGN_SCOPES[design]] : [...context.scopes]
  if (step?.inCatch) scopes.push(ERROR_SCOPE)
  const steps: WalkedStep[] = []
  if (step) {
    const visible = new Set(step.visibleSteps.filter((id) => id !== ''))
    const before = context.walked.slice(0, position)
    for (let i = before.length - 1; i >= 0; i--) {
      const candidate = before[i]
      if (candidate && visible.has(candidate.step.id)) {
        visible.delete(candidate.step.id)
        steps.push(candidate)
      }
    }
  }
  return { scopes, steps, step }
}

export const fieldType = (field: { type?: string; list?: boolean }): string | undefined =>
  field.type === undefined ? undefined : field.list ? `list of ${field.type}` : field.type

const fieldMember = (field: FieldInfo): Member => {
  const member: Member = { name: field.key }
  const type = fieldType(field)
  if (type) member.type = type
  const help = field.help ?? (field.label && field.label !== field.key ? field.label : undefined)
  if (help) member.help = help
  return member
}

/** The card a step places, described for people: `Call Flow`, or `List Users (connector card)`. */
export function cardLabel(index: ProjectIndex, card: string): string {
  const spec = index.catalogue.get(card)
  if (spec) return spec.name
  if (card.startsWith('connector:')) return `${card.slice('connector:'.length)} (connector card)`
  return card || 'no card'
}

export function connectorFlow(index: ProjectIndex, card: string): IndexedFlow | undefined {
  return card.startsWith('connector:')
    ? index.flows.get(card.slice('connector:'.length))
    : undefined
}

/** What a step gives later steps: its card's outputs, a called flow's returns, or input names. */
export function stepOutputs(index: ProjectIndex, step: Step): Member[] {
  const spec: CardSpec | undefined = index.catalogue.get(step.card)
  const declared = (step.outputs ?? []).map((f) => fieldMember(f as FieldInfo))
  if (spec?.callsFlow) {
    if (declared.length > 0) return declared
    const called = step.flow === undefined ? undefined : index.flows.get(step.flow)
    if (called) return called.outputs.map(fieldMember)
    const workflow = step.flow === undefined ? undefined : index.workflows.get(step.flow)
    return toFields(workflow?.trigger?.outputs).map(fieldMember)
  }
  if (spec?.extensibleInputs && spec.dynamicOutputs) {
    // Assign: each input becomes an output of the same name.
    return Object.keys(step.inputs ?? {}).map((name) => ({
      name,
      help: `An input of ${spec.name}`,
    }))
  }
  if (spec) {
    const outputs = spec.outputs.map((o): Member => {
      const member: Member = { name: o.key, type: fieldType(o) ?? o.type }
      if (o.help) member.help = o.help
      return member
    })
    return declared.length > 0 ? declared : outputs
  }
  const connector = connectorFlow(index, step.card)
  if (connector) return connector.outputs.map(fieldMember)
  return declared
}

function authMembers(index: ProjectIndex): Member[] {
  const auth = isRecord(index.connector?.authentication)
    ? index.connector.authentication
    : undefined
  if (!auth) return []
  const members: Member[] = []
  const type = str(auth.type)
  if (type === 'basic') {
    members.push(
      { name: 'username', type: 'text', help: str(auth.usernameLabel) ?? 'The username.' },
      { name: 'password', type: 'text', help: str(auth.passwordLabel) ?? 'The password.' },
    )
  } else if (type === 'oauth2AuthorizationCode' || type === 'oauth2ClientCredentials') {
    members.push({ name: 'access_token', type: 'text', help: 'The OAuth 2.0 access token.' })
  }
  for (const list of ['parameters', 'configValues'] as const) {
    for (const item of Array.isArray(auth[list]) ? auth[list] : []) {
      if (!isRecord(item) || typeof item.key !== 'string' || item.key === '') continue
      if (members.some((m) => m.name === item.key)) continue
      const member: Member = { name: item.key, type: 'text' }
      const label = str(item.label)
      member.help = `${list === 'parameters' ? 'Parameter' : 'Config value'}${label ? `: ${label}` : ''}`
      members.push(member)
    }
  }
  return members
}

const REQUEST_PARTS: Member[] = [
  { name: 'headers', type: 'object', help: 'The request headers (lower-case keys).' },
  { name: 'query', type: 'object', help: 'The query parameters.' },
  { name: 'body', type: 'object', help: 'The request body.' },
]

const ERROR_MEMBERS: Member[] = [
  { name: 'message', type: 'text', help: 'What went wrong.' },
  { name: 'code', type: 'number', help: 'The error code (an HTTP status for HTTP errors).' },
  { name: 'method', type: 'text', help: 'The id of the step that failed.' },
  { name: 'flo', type: 'text', help: 'The flow the error happened in.' },
  { name: 'execution', type: 'text', help: 'The execution id.' },
]

/** The names under a scope name (`input`, `connection`, …) at a path below it. */
function scopeMembers(
  index: ProjectIndex,
  context: FileContext,
  scope: string,
  below: readonly string[],
): Member[] {
  const flow = context.flow
  const trigger = context.trigger
  if (below.length === 0) {
    switch (scope) {
      case 'input': {
        const fields = flow ? flow.inputs : toFields(trigger?.inputs)
        const members = fields.map(fieldMember)
        if (flow?.kind === 'webhookRegistration' && !members.some((m) => m.name === 'eventUrl'))
          members.push({
            name: 'eventUrl',
            type: 'text',
            help: 'Where the service should POST events.',
          })
        if (
          flow?.kind === 'webhookDeregistration' &&
          !members.some((m) => m.name === 'registrationData')
        )
          members.push({
            name: 'registrationData',
            type: 'object',
            help: 'What the registration flow returned.',
          })
        return members
      }
      case 'options':
        return (flow?.options ?? []).map(fieldMember)
      case 'connection':
      case 'auth':
        return authMembers(index)
      case 'request':
        return REQUEST_PARTS
      case 'error':
        return ERROR_MEMBERS
      case 'trigger':
        return [{ name: 'scheduledTime', type: 'datetime', help: 'When this run was scheduled.' }]
      case 'user':
        return [{ name: 'id', type: 'text', help: 'The Okta user id.' }]
      case 'event': {
        const card = str(trigger?.card) ?? ''
        return (connectorFlow(index, card)?.outputs ?? []).map(fieldMember)
      }
      default:
        return []
    }
  }
  if (scope === 'request' && below.length === 1 && trigger?.type === 'apiEndpoint') {
    const part = below[0]
    if (part === 'headers' || part === 'query' || part === 'body')
      return toFields(trigger[part]).map(fieldMember)
  }
  return []
}

/** The names under a step (`=<id>.` …) at a path below it. */
function stepMembers(index: ProjectIndex, step: Step, below: readonly string[]): Member[] {
  if (below.length === 0) return stepOutputs(index, step)
  // Construct: `output` is an object whose keys are the step's input names.
  if (below.length === 1 && below[0] === 'output' && step.card === 'object.construct') {
    return Object.keys(step.inputs ?? {}).map((name) => ({
      name,
      help: `An input of Construct`,
    }))
  }
  return []
}

/** What a name at the head of a reference is, if it is visible here. */
export type Head =
  { kind: 'scope'; scope: ScopeName } | { kind: 'step'; step: WalkedStep } | undefined

export function resolveHead(names: VisibleNames, head: string): Head {
  const scope = names.scopes.find((s) => s.name === head)
  if (scope) return { kind: 'scope', scope }
  const step = names.steps.find((s) => s.step.id === head)
  if (step) return { kind: 'step', step }
  return undefined
}

/** The names after `=<head>.<below…>.` */
export function membersOf(
  index: ProjectIndex,
  context: FileContext,
  head: Head,
  below: readonly string[],
): Member[] {
  if (!head) return []
  return head.kind === 'scope'
    ? scopeMembers(index, context, head.scope.name, below)
    : stepMembers(index, head.step.step, below)
}
