// Hover: a card id shows the card (name, category, Okta key, help, inputs and outputs); a
// reference shows what the segment under the pointer resolves to; a flow name shows the flow.
import type { CardCatalogue } from '../card-spec'
import type { SourceRange } from '../diagnostics'
import type { ProjectFiles } from '../project'
import { cardMarkdown, code, connectorCardMarkdown, flowMarkdown, plain } from './describe'
import { referenceSegments, segmentIndexAt, stringAt, type StringAt } from './locate'
import {
  cardLabel,
  connectorFlow,
  membersOf,
  resolveHead,
  stepOutputs,
  visibleNames,
  type ReferencePlace,
} from './model'
import { nodeRange, rangeBetween } from './text'

export interface LanguageHover {
  /** Markdown. */
  markdown: string
  range: SourceRange
}

export function hoverAt(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  file: string,
  offset: number,
): LanguageHover | undefined {
  const at = stringAt(files, catalogue, file, offset)
  if (!at) return undefined
  const range = nodeRange(at.context.json.text, at.node)
  const value = at.node.value as string
  switch (at.place.type) {
    case 'card': {
      const spec = at.index.catalogue.get(value)
      if (spec) return { markdown: cardMarkdown(spec), range }
      const flow = connectorFlow(at.index, value)
      if (flow) {
        const name = at.index.connector?.name
        return {
          markdown: connectorCardMarkdown(flow, typeof name === 'string' ? name : undefined),
          range,
        }
      }
      return undefined
    }
    case 'eventCard': {
      const flow = connectorFlow(at.index, value)
      return flow ? { markdown: flowMarkdown(flow), range } : undefined
    }
    case 'flowName': {
      const flow = at.index.flows.get(value)
      return flow ? { markdown: flowMarkdown(flow), range } : undefined
    }
    case 'reference':
      return referenceHover(at, at.place, offset)
  }
}

function referenceHover(
  at: StringAt,
  place: ReferencePlace,
  offset: number,
): LanguageHover | undefined {
  const segments = referenceSegments(at.raw)
  if (!segments) return undefined
  const k = segmentIndexAt(segments, Math.max(1, offset - at.start))
  const segment = segments[k]
  const first = segments[0]
  if (!segment || !first) return undefined
  const range = rangeBetween(at.context.json.text, at.start + segment.start, at.start + segment.end)
  const names = visibleNames(at.context, place.stepPath, place.design)
  const head = resolveHead(names, first.text)
  if (!head) {
    const visible = [...names.scopes.map((s) => s.name), ...names.steps.map((s) => s.step.id)]
    return {
      markdown: [
        `Nothing named ${code(first.text)} is visible here.`,
        visible.length > 0 ? `Visible here: ${visible.map(code).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      range,
    }
  }
  const owner =
    head.kind === 'scope'
      ? `${code(head.scope.name)}`
      : `step ${code(head.step.step.id)} (${plain(cardLabel(at.index, head.step.step.card))})`
  if (k === 0) {
    if (head.kind === 'scope')
      return { markdown: `**${head.scope.name}** — ${head.scope.help}`, range }
    const step = head.step.step
    const spec = at.index.catalogue.get(step.card)
    const outputs = stepOutputs(at.index, step).map((m) => code(m.name))
    return {
      markdown: [
        `Step ${code(step.id)} (${plain(cardLabel(at.index, step.card))})`,
        spec ? plain(spec.help) : '',
        outputs.length > 0 ? `Outputs: ${outputs.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      range,
    }
  }
  const below = segments.slice(1, k).map((s) => s.text)
  const members = membersOf(at.index, at.context, head, below)
  const member = members.find((m) => m.name === segment.text)
  const path = segments
    .slice(1, k + 1)
    .map((s) => s.text)
    .join('.')
  if (member) {
    const what = k === 1 ? (head.kind === 'step' ? 'output' : 'field') : 'field'
    const where = k === 1 ? owner : `${code(below.join('.'))} of ${owner}`
    return {
      markdown: [
        `${what} ${code(member.name)} of ${where}${member.type ? ` · ${member.type}` : ''}`,
        member.help ? plain(member.help) : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      range,
    }
  }
  if (members.length > 0) {
    return {
      markdown: `${code(segment.text)} is not one of the names ${owner}${below.length ? ` ${code(below.join('.'))}` : ''} gives: ${members.map((m) => code(m.name)).join(', ')}. A missing path reads as empty.`,
      range,
    }
  }
  return { markdown: `${code(path)} inside ${owner}`, range }
}
