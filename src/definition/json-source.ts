// Located JSON: parses project files with jsonc-parser so that every syntax error and every
// schema problem can be reported at an exact line and column, and maps JSON pointers to ranges.
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser'
import type { Diagnostic, SourceRange } from './diagnostics'

export interface LocatedJson {
  file: string
  text: string
  /** The parsed value, or undefined when the text has syntax errors. */
  value: unknown
  tree: Node | undefined
  diagnostics: Diagnostic[]
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon after the property name',
  CommaExpected: 'Expected a comma between entries',
  CloseBraceExpected: 'Expected a closing brace "}"',
  CloseBracketExpected: 'Expected a closing bracket "]"',
  EndOfFileExpected: 'Unexpected content after the end of the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unterminated number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
}

/** Converts a character offset into a 1-based line and column. */
export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  const end = Math.min(offset, text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: end - lineStart + 1 }
}

export function rangeOf(text: string, offset: number, length: number): SourceRange {
  const start = offsetToPosition(text, offset)
  const end = offsetToPosition(text, offset + Math.max(length, 1))
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
  }
}

export function parseLocatedJson(file: string, text: string): LocatedJson {
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  const diagnostics = errors.map((e): Diagnostic => {
    const name = printParseErrorCode(e.error)
    return {
      code: 'JSON001',
      severity: 'error',
      message: `${SYNTAX_MESSAGES[name] ?? name} (invalid JSON)`,
      file,
      pointer: '',
      range: rangeOf(text, e.offset, e.length),
    }
  })
  if (text.trim() === '') {
    diagnostics.push({
      code: 'JSON001',
      severity: 'error',
      message: 'The file is empty; expected a JSON object',
      file,
      pointer: '',
      range: rangeOf(text, 0, 0),
    })
  }
  const value = diagnostics.length === 0 && tree ? JSON.parse(text) : undefined
  return { file, text, value, tree, diagnostics }
}

/** Decodes an RFC 6901 pointer into its path segments. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

export function pathToPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

/**
 * The source range of the value at `pointer`, falling back to the closest existing parent (a
 * missing property is reported on the object that should contain it).
 */
export function rangeOfPointer(source: LocatedJson, pointer: string): SourceRange {
  if (!source.tree) return rangeOf(source.text, 0, 0)
  const path = pointerToPath(pointer)
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(source.tree, path.slice(0, n))
    if (node) {
      // For a property value, highlight the key too when the value is a container: it reads better.
      const target =
        node.parent?.type === 'property' && (node.type === 'object' || node.type === 'array')
          ? (node.parent.children?.[0] ?? node)
          : node
      return rangeOf(source.text, target.offset, target.length)
    }
  }
  return rangeOf(source.text, 0, 0)
}
