// Where is the cursor? Finds the string value at an offset of a file, what place of the format it
// is (a reference, a card id, a flow name), and splits references into their segments.
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser'
import type { CardCatalogue } from '../card-spec'
import type { ProjectFiles } from '../project'
import {
  fileContext,
  indexProject,
  placeOfNode,
  type FileContext,
  type JsonPath,
  type Place,
  type ProjectIndex,
} from './model'
import { stringContent } from './text'

export interface StringAt {
  index: ProjectIndex
  context: FileContext
  node: Node
  path: JsonPath
  place: Place
  /** Absolute offsets of the string's content (inside the quotes). */
  start: number
  end: number
  /** The content as written (escapes not decoded). */
  raw: string
}

/** The string value at `offset` (strictly inside its quotes) and its place, if it has one. */
export function stringAt(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  file: string,
  offset: number,
  index: ProjectIndex = indexProject(files, catalogue),
): StringAt | undefined {
  const context = fileContext(index, file)
  const tree = context?.json.tree
  if (!context || !tree) return undefined
  const node = findNodeAtOffset(tree, offset, true)
  if (!node || node.type !== 'string') return undefined
  const { start, end } = stringContent(context.json.text, node)
  if (offset < start || offset > end) return undefined
  const path = getNodePath(node)
  const located = placeOfNode(context, node, path)
  if (!located) return undefined
  return {
    index,
    context,
    node,
    path,
    place: located.place,
    start,
    end,
    raw: context.json.text.slice(start, end),
  }
}

export interface ReferenceSegment {
  /** The segment's name (trimmed). */
  text: string
  /** Offsets of the name relative to the string content. */
  start: number
  end: number
  /** Offsets of the whole segment (between `=` or `.` and the next `.` or the end). */
  from: number
  to: number
}

/** The segments of a `=` reference (`=call.body.data` → call, body, data); undefined otherwise. */
export function referenceSegments(raw: string): ReferenceSegment[] | undefined {
  if (!raw.startsWith('=') || raw.startsWith('==')) return undefined
  const segments: ReferenceSegment[] = []
  let start = 1
  for (let i = 1; i <= raw.length; i++) {
    if (i === raw.length || raw[i] === '.') {
      const piece = raw.slice(start, i)
      const lead = piece.length - piece.trimStart().length
      const trail = piece.length - piece.trimEnd().length
      segments.push({
        text: piece.trim(),
        start: start + lead,
        end: Math.max(start + lead, i - trail),
        from: start,
        to: i,
      })
      start = i + 1
    }
  }
  return segments
}

/** The index of the segment a cursor (relative to the content) is in or at the end of. */
export function segmentIndexAt(segments: readonly ReferenceSegment[], cursor: number): number {
  let found = 0
  segments.forEach((segment, i) => {
    if (cursor >= segment.from) found = i
  })
  return found
}
