// `connector-playground validate <path>`: the editor's validator (loadProject), from a terminal.
import { statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { formatDiagnostic, loadProject, type Diagnostic } from '../../definition'
import { cardCatalogue } from '../../engine/cards'
import type { Command } from '../command'
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo } from '../io'
import { findProjectRoot, readProjectDir, toProjectPath } from '../project-files'

/** A diagnostic as `--json` prints it: `path` is `file` relative to the working directory. */
export interface CliDiagnostic extends Diagnostic {
  path: string
}

export interface ValidateReport {
  diagnostics: CliDiagnostic[]
  errors: number
  warnings: number
  files: number
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function summaryLine(report: ValidateReport): string {
  const files = plural(report.files, 'file')
  if (report.diagnostics.length === 0) return `No problems in ${files}`
  const infos = report.diagnostics.length - report.errors - report.warnings
  const counts = [plural(report.errors, 'error'), plural(report.warnings, 'warning')]
  if (infos > 0) counts.push(plural(infos, 'info'))
  return `${counts.join(', ')} in ${files}`
}

function byLocation(a: CliDiagnostic, b: CliDiagnostic): number {
  return (
    a.path.localeCompare(b.path) ||
    a.range.startLine - b.range.startLine ||
    a.range.startColumn - b.range.startColumn ||
    a.code.localeCompare(b.code) ||
    a.message.localeCompare(b.message)
  )
}

/** Diagnostics of the project at `root`, with paths relative to the working directory, sorted. */
export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  root: string,
  io: CliIo,
): CliDiagnostic[] {
  return diagnostics
    .map((d) => ({ ...d, path: relative(io.cwd, join(root, d.file)).split(sep).join('/') }))
    .sort(byLocation)
}

/** `file:line:col code message` lines, as `validate` prints them. */
export function formatCliDiagnostics(diagnostics: readonly CliDiagnostic[]): string[] {
  return diagnostics.map((d) => formatDiagnostic({ ...d, file: d.path }))
}

/** Validates the project at `target` (a directory, or one file of a project). */
export function validatePath(target: string, io: CliIo): ValidateReport {
  const absolute = resolve(io.cwd, target)
  let isDirectory: boolean
  try {
    isDirectory = statSync(absolute).isDirectory()
  } catch {
    throw new UsageError(`${target}: no such file or directory`)
  }
  const root = isDirectory ? absolute : findProjectRoot(absolute)
  const files = readProjectDir(root)
  const only = isDirectory ? undefined : toProjectPath(root, absolute)
  if (only !== undefined && files[only] === undefined) {
    throw new UsageError(`${target}: only .json files of a project can be validated`)
  }

  const project = loadProject(files, cardCatalogue)
  const shown =
    only === undefined ? project.diagnostics : project.diagnostics.filter((d) => d.file === only)
  const diagnostics = locateDiagnostics(shown, root, io)
  return {
    diagnostics,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    files: only === undefined ? Object.keys(files).length : 1,
  }
}

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a project directory, or one file of a project, as the editor does',
  usage: `Usage: connector-playground validate <project dir or file> [--json]

Reads connector.json, flows/*.json and workflows/*.json (and warns about other .json files) and
checks them with the same validator as the editor. Given one file, validates its project and
prints only that file's problems.

Prints one line per problem, \`file:line:col code message\`, then a summary.

Options:
  --json      Print { "diagnostics": [...], "errors": N, "warnings": N, "files": N } only
  -h, --help  Show this help

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.
`,
  options: { json: { type: 'boolean' } },
  run({ positionals, values }, io) {
    const [target, ...extra] = positionals
    if (target === undefined) throw new UsageError('validate needs a project directory or file')
    if (extra.length > 0) throw new UsageError(`validate takes one path, got ${positionals.length}`)

    const report = validatePath(target, io)
    if (values.json === true) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`)
    } else {
      const lines = formatCliDiagnostics(report.diagnostics)
      io.stdout([...lines, summaryLine(report)].join('\n') + '\n')
    }
    return report.errors > 0 ? EXIT_PROBLEMS : EXIT_OK
  },
}
