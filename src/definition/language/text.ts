// Text helpers for the language services: tolerant parsing (whatever parses is used, so services
// keep working while a file is half-typed), offsets ↔ 1-based positions, string nodes, and
// applying edits. Pure: no DOM, no editor.
import { findNodeAtLocation, getNodeValue, parseTree, type Node } from 'jsonc-parser'
import type { SourceRange } from '../diagnostics'
import { pointerToPath } from '../json-source'

/** A replacement of a range of one file's text. An insertion has an empty range. */
export interface TextEdit {
  range: SourceRange
  text: string
}

/** A TextEdit of a named project file. */
export interface FileEdit extends TextEdit {
  file: string
}

export interface TolerantJson {
  text: string
  tree: Node | undefined
  /** The value of whatever parsed (undefined when nothing did). */
  value: unknown
}

/** Parses like an editor does: errors are skipped over, and the rest is kept. */
export function parseTolerant(text: string): TolerantJson {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false })
  let value: unknown
  try {
    value = tree ? (getNodeValue(tree) as unknown) : undefined
  } catch {
    value = undefined
  }
  return { text, tree, value }
}

export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.max(0, Math.min(offset, text.length))
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

/** The character offset of a 1-based line and column (clamped to the text). */
export function offsetAt(text: string, line: number, column: number): number {
  let offset = 0
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset)
    if (next < 0) return text.length
    offset = next + 1
  }
  const lineEnd = text.indexOf('\n', offset)
  const max = lineEnd < 0 ? text.length : lineEnd
  return Math.min(offset + Math.max(0, column - 1), max)
}

/** The exact range between two offsets (an empty range for an insertion point). */
export function rangeBetween(text: string, start: number, end: number): SourceRange {
  const from = positionAt(text, start)
  const to = positionAt(text, end)
  return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column }
}

export function nodeRange(text: string, node: Node): SourceRange {
  return rangeBetween(text, node.offset, node.offset + node.length)
}

/** Whether a string node has its closing quote (a string being typed may not). */
export function isTerminated(text: string, node: Node): boolean {
  if (node.length < 2 || text[node.offset + node.length - 1] !== '"') return false
  let backslashes = 0
  for (let i = node.offset + node.length - 2; i > node.offset && text[i] === '\\'; i--) {
    backslashes++
  }
  return backslashes % 2 === 0
}

/** Offsets of a string node's content: after the opening quote, before the closing one. */
export function stringContent(text: string, node: Node): { start: number; end: number } {
  const start = node.offset + 1
  const end = node.offset + node.length - (isTerminated(text, node) ? 1 : 0)
  return { start, end: Math.max(start, end) }
}

export function nodeAtPointer(json: TolerantJson, pointer: string): Node | undefined {
  return json.tree ? findNodeAtLocation(json.tree, pointerToPath(pointer)) : undefined
}

/** The property node (key and value) that holds `valueNode`, if it is a property value. */
export function propertyOf(valueNode: Node): Node | undefined {
  const parent = valueNode.parent
  return parent?.type === 'property' && parent.children?.[1] === valueNode ? parent : undefined
}

/** Applies edits to one text. Edits must not overlap; their order does not matter. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits
    .map((edit) => ({
      start: offsetAt(text, edit.range.startLine, edit.range.startColumn),
      end: offsetAt(text, edit.range.endLine, edit.range.endColumn),
      text: edit.text,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end)
  let out = text
  for (const edit of located) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}

/** Applies file edits to a project's files and returns the changed files only. */
export function applyFileEdits(
  files: Readonly<Record<string, string>>,
  edits: readonly FileEdit[],
): Record<string, string> {
  const byFile = new Map<string, FileEdit[]>()
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit])
  const changed: Record<string, string> = {}
  for (const [file, fileEdits] of byFile) {
    const text = files[file]
    if (text !== undefined) changed[file] = applyTextEdits(text, fileEdits)
  }
  return changed
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** JSON string literal text for a value (what an edit inserts). */
export const quote = (value: string): string => JSON.stringify(value)
