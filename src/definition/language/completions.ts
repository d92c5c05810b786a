// Completion: references (`=` names and the segments after them), card ids (with the card's
// required inputs added when the step has none), and flow names. Plain data out: the editor
// adapter turns it into its own items.
import { findNodeAtLocation } from 'jsonc-parser'
import type { CardCatalogue } from '../card-spec'
import type { SourceRange } from '../diagnostics'
import type { ProjectFiles } from '../project'
import {
  cardMarkdown,
  code,
  connectorCardMarkdown,
  flowMarkdown,
  kindLabel,
  plain,
} from './describe'
import { referenceSegments, segmentIndexAt, stringAt, type StringAt } from './locate'
import {
  cardLabel,
  membersOf,
  resolveHead,
  stepOutputs,
  visibleNames,
  type FlowRole,
  type IndexedFlow,
  type JsonPath,
  type ReferencePlace,
} from './model'
import { isRecord, isTerminated, quote, rangeBetween, type TextEdit } from './text'

export type CompletionKind = 'scope' | 'step' | 'field' | 'card' | 'flow'

export interface LanguageCompletion {
  label: string
  kind: CompletionKind
  /** One line beside the label: a type, a card name, a flow kind. */
  detail?: string
  /** Markdown. */
  documentation?: string
  insertText: string
  /** The text the completion replaces (the whole segment or value being typed). */
  range: SourceRange
  /** Orders the list (compared as text). */
  sortText: string
  /** Edits elsewhere in the file, applied with the completion (e.g. adding `inputs`). */
  additionalEdits?: TextEdit[]
}

const order = (n: number) => String(n).padStart(4, '0')

export function completionsAt(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  file: string,
  offset: number,
): LanguageCompletion[] {
  const at = stringAt(files, catalogue, file, offset)
  if (!at) return []
  switch (at.place.type) {
    case 'reference':
      return referenceCompletions(at, at.place, offset)
    case 'card':
      return cardCompletions(at, at.place.stepPath)
    case 'flowName':
      return flowCompletions(at, at.place.role)
    case 'eventCard':
      return eventCardCompletions(at)
  }
}

function referenceCompletions(
  at: StringAt,
  place: ReferencePlace,
  offset: number,
): LanguageCompletion[] {
  const segments = referenceSegments(at.raw)
  const cursor = offset - at.start
  if (!segments || cursor < 1) return []
  const k = segmentIndexAt(segments, cursor)
  const segment = segments[k]
  if (!segment) return []
  const text = at.context.json.text
  const range = rangeBetween(text, at.start + segment.from, at.start + segment.to)
  const names = visibleNames(at.context, place.stepPath, place.design)

  if (k === 0) {
    const items: LanguageCompletion[] = []
    names.steps.forEach((walked, i) => {
      const step = walked.step
      const spec = at.index.catalogue.get(step.card)
      const outputs = stepOutputs(at.index, step).map((m) => code(m.name))
      items.push({
        label: step.id,
        kind: 'step',
        detail: `step · ${cardLabel(at.index, step.card)}`,
        documentation: [
          `Step ${code(step.id)} (${plain(cardLabel(at.index, step.card))})`,
          spec ? plain(spec.help) : '',
          outputs.length > 0 ? `Outputs: ${outputs.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
        insertText: step.id,
        range,
        sortText: `1${order(i)}`,
      })
    })
    names.scopes.forEach((scope, i) => {
      items.push({
        label: scope.name,
        kind: 'scope',
        detail: 'scope',
        documentation: scope.help,
        insertText: scope.name,
        range,
        sortText: `2${order(i)}`,
      })
    })
    return items
  }

  const head = resolveHead(names, segments[0]?.text ?? '')
  const below = segments.slice(1, k).map((s) => s.text)
  return membersOf(at.index, at.context, head, below).map((member, i) => {
    const item: LanguageCompletion = {
      label: member.name,
      kind: 'field',
      insertText: member.name,
      range,
      sortText: order(i),
    }
    if (member.type) item.detail = member.type
    if (member.help) item.documentation = plain(member.help)
    return item
  })
}

/** `, "inputs": { "url": "", … }` for a step that has no inputs yet. */
function inputsEdit(at: StringAt, stepPath: JsonPath, keys: readonly string[]): TextEdit[] {
  const tree = at.context.json.tree
  if (!tree || findNodeAtLocation(tree, [...stepPath, 'inputs'])) return []
  if (!isTerminated(at.context.json.text, at.node)) return []
  const body = keys.length > 0 ? `{ ${keys.map((k) => `${quote(k)}: ""`).join(', ')} }` : '{}'
  const after = at.node.offset + at.node.length
  return [{ range: rangeBetween(at.context.json.text, after, after), text: `, "inputs": ${body}` }]
}

/** The cards connector flows use most: listed first (after those the project already uses). */
const ESSENTIAL_CARDS = [
  'object.construct',
  'object.get',
  'text.concatenate',
  'http.rawRequest',
  'flow.call',
  'flow.returnOutputs',
  'flow.return',
  'flow.assign',
  'flow.ifElse',
  'flow.ifError',
]

/** How often each card is used across the project's flows and workflows. */
function cardUse(at: StringAt): Map<string, number> {
  const counts = new Map<string, number>()
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (isRecord(value)) {
      if (typeof value.card === 'string' && 'id' in value)
        counts.set(value.card, (counts.get(value.card) ?? 0) + 1)
      Object.values(value).forEach(visit)
    }
  }
  for (const flow of at.index.flowList) visit(flow.json.value)
  for (const workflow of at.index.workflows.values()) visit(workflow.json.value)
  // The value being typed is not a use.
  const typed = at.node.value
  if (typeof typed === 'string' && counts.has(typed))
    counts.set(typed, (counts.get(typed) ?? 1) - 1)
  return counts
}

/** Cards used in the project first (most used first), then the essentials, then the rest. */
function cardOrder(use: ReadonlyMap<string, number>, id: string, position: number): string {
  const uses = use.get(id) ?? 0
  if (uses > 0) return `1${order(9999 - uses)}${order(position)}`
  const essential = ESSENTIAL_CARDS.indexOf(id)
  if (essential >= 0) return `2${order(essential)}`
  return `3${order(position)}`
}

function cardCompletions(at: StringAt, stepPath: JsonPath): LanguageCompletion[] {
  const text = at.context.json.text
  const range = rangeBetween(text, at.start, at.end)
  const use = cardUse(at)
  const items: LanguageCompletion[] = at.index.catalogue.list().map((spec, i) => {
    const required = spec.inputs.filter((input) => input.required).map((input) => input.key)
    const item: LanguageCompletion = {
      label: spec.id,
      kind: 'card',
      detail: `${spec.name} · ${spec.category}`,
      documentation: cardMarkdown(spec),
      insertText: spec.id,
      range,
      sortText: cardOrder(use, spec.id, i),
    }
    const edits = inputsEdit(at, stepPath, required)
    if (edits.length > 0) item.additionalEdits = edits
    return item
  })
  if (at.context.kind === 'workflow') {
    const connectorName =
      typeof at.index.connector?.name === 'string' ? at.index.connector.name : undefined
    at.index.flowList
      .filter((flow) => flow.kind === 'action' && flow.name)
      .forEach((flow, i) => {
        const id = `connector:${flow.name}`
        const item: LanguageCompletion = {
          label: id,
          kind: 'card',
          detail: `${connectorName ?? 'Connector'} card`,
          documentation: connectorCardMarkdown(flow, connectorName),
          insertText: id,
          range,
          sortText: `0${order(i)}`,
        }
        const required = flow.inputs.filter((f) => f.required).map((f) => f.key)
        const edits = inputsEdit(at, stepPath, required)
        if (edits.length > 0) item.additionalEdits = edits
        items.push(item)
      })
  }
  return items
}

/** Which flow kinds suit each place that names a flow (they are listed first). */
const PREFERRED_KINDS: Record<FlowRole, readonly string[]> = {
  step: ['helper'],
  errorHandling: ['helper'],
  option: ['helper'],
  dynamicGroup: ['helper'],
  configValue: ['helper'],
  webhookRegistration: ['webhookRegistration'],
  webhookDeregistration: ['webhookDeregistration'],
}

function flowItem(flow: IndexedFlow, label: string, range: SourceRange, sortText: string) {
  const item: LanguageCompletion = {
    label,
    kind: 'flow',
    detail: kindLabel(flow.kind),
    documentation: flowMarkdown(flow),
    insertText: label,
    range,
    sortText,
  }
  return item
}

/** Flows the platform runs itself: never named by another flow (unless that place wants them). */
const PLATFORM_RUN = new Set([
  'authping',
  'revoke',
  'webhookEvent',
  'webhookRegistration',
  'webhookDeregistration',
  'pollingMonitor',
])

function flowCompletions(at: StringAt, role: FlowRole): LanguageCompletion[] {
  const range = rangeBetween(at.context.json.text, at.start, at.end)
  const preferred = PREFERRED_KINDS[role]
  const own = isRecord(at.context.value) ? at.context.value.name : undefined
  return at.index.flowList
    .filter((flow) => flow.name && at.index.flows.get(flow.name) === flow)
    .filter((flow) => preferred.includes(flow.kind) || !PLATFORM_RUN.has(flow.kind))
    .filter((flow) => !(at.context.kind === 'flow' && flow.name === own && role === 'step'))
    .map((flow, i) =>
      flowItem(flow, flow.name, range, `${preferred.includes(flow.kind) ? 1 : 2}${order(i)}`),
    )
}

function eventCardCompletions(at: StringAt): LanguageCompletion[] {
  const range = rangeBetween(at.context.json.text, at.start, at.end)
  return at.index.flowList
    .filter((flow) => flow.kind === 'webhookEvent' || flow.kind === 'pollingMonitor')
    .map((flow, i) => flowItem(flow, `connector:${flow.name}`, range, order(i)))
}
