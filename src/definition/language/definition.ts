// Go to definition: a flow name (or a `connector:<name>` card) goes to that flow's `name`; a
// reference goes to the step it reads (its `id`), or to the declared input or option it names.
import { findNodeAtLocation } from 'jsonc-parser'
import type { CardCatalogue } from '../card-spec'
import type { SourceRange } from '../diagnostics'
import { pointerToPath } from '../json-source'
import type { ProjectFiles } from '../project'
import { referenceSegments, segmentIndexAt, stringAt, type StringAt } from './locate'
import {
  connectorFlow,
  resolveHead,
  visibleNames,
  type IndexedFlow,
  type JsonPath,
  type ReferencePlace,
} from './model'
import { nodeRange, rangeBetween } from './text'

export interface LanguageLocation {
  file: string
  range: SourceRange
}

export function definitionAt(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  file: string,
  offset: number,
): LanguageLocation | undefined {
  const at = stringAt(files, catalogue, file, offset)
  if (!at) return undefined
  const value = at.node.value as string
  switch (at.place.type) {
    case 'flowName': {
      const flow = at.index.flows.get(value)
      return flow ? flowLocation(flow) : undefined
    }
    case 'card':
    case 'eventCard': {
      const flow = connectorFlow(at.index, value)
      return flow ? flowLocation(flow) : undefined
    }
    case 'reference':
      return referenceDefinition(at, at.place, offset)
  }
}

function flowLocation(flow: IndexedFlow): LanguageLocation {
  const node = flow.json.tree ? findNodeAtLocation(flow.json.tree, ['name']) : undefined
  return {
    file: flow.file,
    range: node ? nodeRange(flow.json.text, node) : rangeBetween(flow.json.text, 0, 0),
  }
}

function referenceDefinition(
  at: StringAt,
  place: ReferencePlace,
  offset: number,
): LanguageLocation | undefined {
  const segments = referenceSegments(at.raw)
  const first = segments?.[0]
  const tree = at.context.json.tree
  if (!segments || !first || !tree) return undefined
  const head = resolveHead(visibleNames(at.context, place.stepPath, place.design), first.text)
  if (!head) return undefined
  const text = at.context.json.text
  if (head.kind === 'step') {
    const node = findNodeAtLocation(tree, [...pointerToPath(head.step.pointer), 'id'])
    return node ? { file: at.context.file, range: nodeRange(text, node) } : undefined
  }
  // `=input.<key>` / `=options.<key>`: the declared field.
  const k = segmentIndexAt(segments, Math.max(1, offset - at.start))
  const key = segments[1]?.text
  if (k < 1 || key === undefined) return undefined
  const lists: Record<string, JsonPath> = {
    input: at.context.kind === 'workflow' ? ['trigger', 'inputs'] : ['inputs'],
    options: ['options'],
  }
  const listPath = lists[head.scope.name]
  const list = listPath ? findNodeAtLocation(tree, listPath) : undefined
  const count = list?.type === 'array' ? (list.children?.length ?? 0) : 0
  for (let i = 0; i < count; i++) {
    const keyNode = findNodeAtLocation(tree, [...(listPath ?? []), i, 'key'])
    if (keyNode?.value === key) return { file: at.context.file, range: nodeRange(text, keyNode) }
  }
  return undefined
}
