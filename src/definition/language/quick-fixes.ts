// Quick fixes for the validator's diagnostics: add a missing required input, correct a misspelt
// reference (its name, or the output/input it reads), card or flow name to the closest valid one,
// and rename a flow that took a reserved name. Suggestions are computed here (edit distance),
// never parsed out of messages — except CARD003's input key, which only the message carries.
import type { Node } from 'jsonc-parser'
import type { CardCatalogue } from '../card-spec'
import type { Diagnostic } from '../diagnostics'
import { pointerToPath } from '../json-source'
import type { ProjectFiles } from '../project'
import { referenceSegments } from './locate'
import {
  classifyPath,
  fileContext,
  indexProject,
  membersOf,
  resolveHead,
  visibleNames,
  type ProjectIndex,
} from './model'
import { closestName } from './suggest'
import {
  nodeAtPointer,
  parseTolerant,
  quote,
  rangeBetween,
  stringContent,
  type FileEdit,
  type TolerantJson,
} from './text'

export interface QuickFix {
  title: string
  edits: FileEdit[]
  /** The fix an editor may apply on its own (e.g. the one obvious spelling). */
  preferred?: boolean
}

/** Names only one kind of flow may have, and the kind that owns each. */
export const RESERVED_FLOW_NAMES: Readonly<Record<string, string>> = {
  _authping: 'authping',
  _revoke: 'revoke',
}

export function quickFixesFor(
  diagnostic: Diagnostic,
  files: ProjectFiles,
  catalogue: CardCatalogue,
): QuickFix[] {
  const text = files[diagnostic.file]
  if (text === undefined) return []
  const json = parseTolerant(text)
  switch (diagnostic.code) {
    case 'CARD003':
      return addRequiredInput(diagnostic, json)
    case 'REF001':
      return fixReference(diagnostic, json, indexProject(files, catalogue))
    case 'REF002':
      return fixReferenceField(diagnostic, json, indexProject(files, catalogue))
    case 'CARD001':
      return fixCard(diagnostic, json, indexProject(files, catalogue))
    case 'FLOW002':
      return fixFlowName(diagnostic, json, indexProject(files, catalogue))
    case 'CBDE000005H':
      return renameReserved(diagnostic, json, indexProject(files, catalogue), '_authping')
    case 'CBDE000007H':
      return renameReserved(diagnostic, json, indexProject(files, catalogue), '_revoke')
    default:
      return []
  }
}

/** An edit that adds `"key": value` to an object node, in the object's own layout. */
export function insertPropertyEdit(
  file: string,
  text: string,
  object: Node,
  property: string,
): FileEdit {
  const properties = object.children ?? []
  const last = properties[properties.length - 1]
  if (!last) {
    return {
      file,
      range: rangeBetween(text, object.offset, object.offset + object.length),
      text: `{ ${property} }`,
    }
  }
  const end = last.offset + last.length
  const multiLine = text.slice(object.offset, last.offset).includes('\n')
  if (!multiLine) return { file, range: rangeBetween(text, end, end), text: `, ${property}` }
  const lineStart = text.lastIndexOf('\n', last.offset) + 1
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? ''
  return { file, range: rangeBetween(text, end, end), text: `,\n${indent}${property}` }
}

function propertyValue(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1]
}

function addRequiredInput(d: Diagnostic, json: TolerantJson): QuickFix[] {
  const key = /needs the input "([^"]+)"/.exec(d.message)?.[1]
  if (key === undefined) return []
  const stepPointer = d.pointer.endsWith('/inputs')
    ? d.pointer.slice(0, -'/inputs'.length)
    : d.pointer
  const step = nodeAtPointer(json, stepPointer)
  if (step?.type !== 'object') return []
  const inputs = propertyValue(step, 'inputs')
  const title = `Add the input "${key}"`
  const entry = `${quote(key)}: ""`
  if (!inputs) {
    return [
      {
        title,
        edits: [insertPropertyEdit(d.file, json.text, step, `"inputs": { ${entry} }`)],
        preferred: true,
      },
    ]
  }
  if (inputs.type !== 'object' || propertyValue(inputs, key)) return []
  return [{ title, edits: [insertPropertyEdit(d.file, json.text, inputs, entry)], preferred: true }]
}

/** Replaces a string value's content. */
function replaceString(file: string, json: TolerantJson, node: Node, value: string): FileEdit {
  const { start, end } = stringContent(json.text, node)
  return { file, range: rangeBetween(json.text, start, end), text: value.slice(1, -1) }
}

function stringNode(json: TolerantJson, pointer: string): Node | undefined {
  const node = nodeAtPointer(json, pointer)
  return node?.type === 'string' ? node : undefined
}

function fixReference(d: Diagnostic, json: TolerantJson, index: ProjectIndex): QuickFix[] {
  const node = stringNode(json, d.pointer)
  const context = fileContext(index, d.file)
  if (!node || !context) return []
  const place = classifyPath(context.kind, pointerToPath(d.pointer))
  if (place?.type !== 'reference') return []
  const { start, end } = stringContent(json.text, node)
  const raw = json.text.slice(start, end)
  const first = referenceSegments(raw)?.[0]
  if (!first || first.text === '') return []
  const names = visibleNames(context, place.stepPath, place.design)
  const candidates = [...names.scopes.map((s) => s.name), ...names.steps.map((s) => s.step.id)]
  const suggestion = closestName(first.text, candidates)
  if (!suggestion) return []
  return [replaceSegment(d.file, json.text, start, raw, first, suggestion)]
}

/** A quick fix that replaces one segment of a reference string with a suggestion. */
function replaceSegment(
  file: string,
  text: string,
  start: number,
  raw: string,
  segment: { start: number; end: number },
  suggestion: string,
): QuickFix {
  const fixed = raw.slice(0, segment.start) + suggestion + raw.slice(segment.end)
  return {
    title: `Change to ${fixed}`,
    edits: [
      {
        file,
        range: rangeBetween(text, start + segment.start, start + segment.end),
        text: suggestion,
      },
    ],
    preferred: true,
  }
}

/** REF002: the second segment names no output, input or option; change it to the closest. */
function fixReferenceField(d: Diagnostic, json: TolerantJson, index: ProjectIndex): QuickFix[] {
  const node = stringNode(json, d.pointer)
  const context = fileContext(index, d.file)
  if (!node || !context) return []
  const place = classifyPath(context.kind, pointerToPath(d.pointer))
  if (place?.type !== 'reference') return []
  const { start, end } = stringContent(json.text, node)
  const raw = json.text.slice(start, end)
  const [first, second] = referenceSegments(raw) ?? []
  if (!first || !second || second.text === '') return []
  const head = resolveHead(visibleNames(context, place.stepPath, place.design), first.text)
  const members = membersOf(index, context, head, []).map((m) => m.name)
  const suggestion = closestName(second.text, members)
  if (!suggestion) return []
  return [replaceSegment(d.file, json.text, start, raw, second, suggestion)]
}

function fixCard(d: Diagnostic, json: TolerantJson, index: ProjectIndex): QuickFix[] {
  const node = stringNode(json, d.pointer)
  if (!node || typeof node.value !== 'string') return []
  const card = node.value
  const connectorCards = index.flowList
    .filter((f) => f.kind === 'action' && f.name)
    .map((f) => `connector:${f.name}`)
  const candidates = card.startsWith('connector:')
    ? connectorCards
    : index.catalogue.list().map((c) => c.id)
  const suggestion = closestName(card, candidates)
  if (!suggestion) return []
  return [
    {
      title: `Change to ${suggestion}`,
      edits: [replaceString(d.file, json, node, quote(suggestion))],
      preferred: true,
    },
  ]
}

function fixFlowName(d: Diagnostic, json: TolerantJson, index: ProjectIndex): QuickFix[] {
  const node = stringNode(json, d.pointer)
  if (!node || typeof node.value !== 'string') return []
  const suggestion = closestName(node.value, index.flows.keys())
  if (!suggestion) return []
  return [
    {
      title: `Change to ${suggestion}`,
      edits: [replaceString(d.file, json, node, quote(suggestion))],
      preferred: true,
    },
  ]
}

/** Flow names are letters, numbers and spaces, with no space at either end (CBDE000003H). */
export function isValidFlowName(name: string): boolean {
  return /^[\p{L}\p{N} ]+$/u.test(name) && name === name.trim()
}

/** A name for a flow that is not reserved and not taken: the file's name, else `authping` … */
export function freeFlowName(file: string, reserved: string, taken: ReadonlySet<string>): string {
  const base = file.replace(/^.*\//, '').replace(/\.json$/, '')
  const isFree = (name: string) =>
    isValidFlowName(name) && !(name in RESERVED_FLOW_NAMES) && !taken.has(name)
  if (isFree(base)) return base
  const stem = reserved.replace(/^_+/, '')
  if (isFree(stem)) return stem
  for (let n = 2; ; n++) if (isFree(`${stem}${n}`)) return `${stem}${n}`
}

function renameReserved(
  d: Diagnostic,
  json: TolerantJson,
  index: ProjectIndex,
  reserved: string,
): QuickFix[] {
  const node = stringNode(json, d.pointer)
  if (!node || node.value !== reserved) return []
  const taken = new Set(index.flowList.map((f) => f.name))
  const name = freeFlowName(d.file, reserved, taken)
  return [
    {
      title: `Rename the flow to "${name}"`,
      edits: [replaceString(d.file, json, node, quote(name))],
      preferred: true,
    },
  ]
}
