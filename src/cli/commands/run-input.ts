// Reading JSON objects given on the command line (`--input`, `--connection`), with located errors.
import { parseLocatedJson } from '../../definition'
import { UsageError } from '../io'

/** A JSON object given on the command line or in a file; a usage error, with its position, if not. */
export function parseInputObject(text: string, source: string): Record<string, unknown> {
  const parsed = parseLocatedJson(source, text)
  const [problem] = parsed.diagnostics
  if (problem) {
    const { startLine: line, startColumn: column } = problem.range
    const message = problem.message.replace(/ \(invalid JSON\)$/, '')
    let detail = `${source} is not valid JSON: ${message} at line ${line}, column ${column}`
    // Point at the spot when the text is one short line, as a shell argument usually is.
    const lineText = text.split('\n')[line - 1] ?? ''
    if (!text.includes('\n') && lineText.length <= 100 && lineText.trim() !== '') {
      detail += `\n  ${lineText}\n  ${' '.repeat(column - 1)}^`
    }
    throw new UsageError(detail)
  }
  const value = parsed.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(
      `${source} must be a JSON object, e.g. '{"limit": 2}', not ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`,
    )
  }
  return value as Record<string, unknown>
}
