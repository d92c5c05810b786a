// Diagnostics: the one shape every check in the playground reports problems in — a stable code,
// a severity, a human message, and where it is (file, JSON pointer, and 1-based line/column range).

export type Severity = 'error' | 'warning' | 'info'

export interface SourceRange {
  /** 1-based line and column, as editors count them. */
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
}

export interface Diagnostic {
  /** Stable identifier, e.g. `JSON001` or `CBDE000005H`. */
  code: string
  severity: Severity
  message: string
  /** Project-relative file path, e.g. `flows/httpHelper.json`. */
  file: string
  /** RFC 6901 JSON pointer to the offending value ('' for the whole document). */
  pointer: string
  range: SourceRange
}

export const WHOLE_FILE: SourceRange = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }

/** Formats a diagnostic the way compilers do: `file:line:col code message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.range.startLine}:${d.range.startColumn} ${d.code} ${d.message}`
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
