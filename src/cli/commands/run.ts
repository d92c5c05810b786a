// `connector-playground run <project dir> <flow>`: runs one flow with the same engine as the app's
// Run button (createEngineApi), against the in-process mock services — never the real internet.
import { readFileSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { blocksRun, loadProject, type LoadedProject, type ProjectFiles } from '../../definition'
import { closestMatch } from '../../definition/rules/rule'
import { cardCatalogue, type FlowErrorObject, type RunResult } from '../../engine'
import { createEngineApi } from '../../platform/create-engine-api'
import type { Command } from '../command'
import { EXIT_OK, EXIT_PROBLEMS, UsageError, type CliIo } from '../io'
import { readProjectDir } from '../project-files'
import { connectForRun } from './connect'
import { parseInputObject } from './run-input'
import { formatCliDiagnostics, locateDiagnostics, type CliDiagnostic } from './validate'

export { parseInputObject }

/** What `--json` prints; `--trace` adds the trace, and a blocked run the diagnostics that block it. */
export interface RunReport {
  status: RunResult['status']
  outputs: Record<string, unknown> | null
  error: FlowErrorObject | null
  trace?: RunResult['trace'] | null
  diagnostics?: CliDiagnostic[]
}

const quoteAll = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ')

function readInput(values: Record<string, unknown>, io: CliIo): Record<string, unknown> {
  const inline = values.input
  const file = values['input-file']
  if (typeof inline === 'string' && typeof file === 'string') {
    throw new UsageError('give the flow input with --input or --input-file, not both')
  }
  if (typeof inline === 'string') return parseInputObject(inline, '--input')
  if (typeof file === 'string') {
    let text: string
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8')
    } catch {
      throw new UsageError(`--input-file ${file}: no such file, or it cannot be read`)
    }
    return parseInputObject(text, `--input-file ${file}`)
  }
  return {}
}

function readProject(target: string, io: CliIo): { root: string; files: ProjectFiles } {
  const root = resolve(io.cwd, target)
  let isDirectory: boolean
  try {
    isDirectory = statSync(root).isDirectory()
  } catch {
    throw new UsageError(`${target}: no such file or directory`)
  }
  if (!isDirectory) throw new UsageError(`${target} is a file; run takes a project directory`)
  return { root, files: readProjectDir(root) }
}

/** The usage error for a flow name the project does not have: a did-you-mean and the list. */
function unknownFlow(flow: string, target: string, project: LoadedProject): UsageError {
  const names = [...project.flows.keys()].sort((a, b) => a.localeCompare(b))
  const suggestion = closestMatch(flow, names)
  const hint = suggestion === undefined ? '' : ` — did you mean "${suggestion}"?`
  const list = names.length
    ? `\nFlows in ${target}: ${names.map((n) => `"${n}" (${project.flows.get(n)?.flow.kind})`).join(', ')}`
    : `\n${target} has no flows (flows/*.json)`
  return new UsageError(`no flow is named "${flow}"${hint}${list}`)
}

export function failureLine(status: RunResult['status'], error: FlowErrorObject): string {
  const where = error.method ? `at step ${error.method} of ${error.flo}` : `in ${error.flo}`
  const verb = status === 'cancelled' ? 'cancelled' : 'failed'
  return `Run ${verb}: ${error.message} (code ${error.code}, ${where})\n`
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a flow against the mock services, as the Run button does',
  usage: `Usage: connector-playground run <project dir> <flow name> [options]

Runs one flow of the project with the same engine as the app, against the playground's in-process
mock services (it never calls the real internet). Prints the flow's outputs as JSON.

Options:
  --input <json>        The flow's input, a JSON object, e.g. '{"limit": 2}' (default {})
  --input-file <path>   Read the input object from a JSON file instead
  --options <json>      The card's options, a JSON object, e.g. '{"request_type": "GET"}'
  --connection <spec>   Run with a connection, created first as the app creates one
                        (authorize, then _authping): \`demo\` signs in with the demo
                        credentials of the connector's mock service; a JSON object gives
                        the New Connection values, e.g. '{"username": "…", "password": "…"}'
                        (authorization code: consents as "account", or the first account)
  --json                Print { "status", "outputs", "error" } instead of the bare outputs,
                        also when the run fails
  --trace               Print { "status", "outputs", "error", "trace" }: --json plus the run
                        trace, helper-flow runs nested, with connection secrets redacted
  -h, --help            Show this help

A failed run prints "Run failed: <message> (code <code>, at step <step> of <flow>)" on stderr.
A project with errors that block a run prints them as validate does (and, with --json, adds
"diagnostics" to the report).

Exit codes: 0 the run succeeded, 1 the run failed or the project has errors, 2 usage error
(including an unknown flow name, and --input or --connection that is not a JSON object).
A connection that cannot be created (refused credentials, a failed _authping) exits 1.

Example:
  connector-playground run fixtures/templates/acme-hr "List Users" --connection demo \\
    --input '{"limit": 2}'
`,
  options: {
    input: { type: 'string' },
    'input-file': { type: 'string' },
    options: { type: 'string' },
    connection: { type: 'string' },
    json: { type: 'boolean' },
    trace: { type: 'boolean' },
  },
  async run({ positionals, values }, io) {
    const [target, flow, ...extra] = positionals
    if (target === undefined) throw new UsageError('run needs a project directory and a flow name')
    if (extra.length > 0) {
      throw new UsageError(
        `run takes a project directory and one flow name, got ${positionals.length} arguments (quote a flow name with spaces: "List Users")`,
      )
    }
    const input = readInput(values, io)
    const options =
      typeof values.options === 'string' ? parseInputObject(values.options, '--options') : undefined
    const { root, files } = readProject(target, io)
    const project = loadProject(files, cardCatalogue)
    if (flow === undefined) {
      const names = [...project.flows.keys()].sort((a, b) => a.localeCompare(b))
      throw new UsageError(
        `run needs a flow name after the project directory${names.length ? ` (flows: ${quoteAll(names)})` : ''}`,
      )
    }

    // A project with blocking errors may not have loaded the flow at all: its errors say more.
    if (project.runnable && !project.flows.has(flow)) throw unknownFlow(flow, target, project)

    const engine = createEngineApi()
    await engine.openProject('cli')
    let connectionId: string | undefined
    if (typeof values.connection === 'string' && project.runnable) {
      const outcome = await connectForRun(engine, files, values.connection)
      if (!outcome.connection || outcome.connection.health.state === 'failed') {
        io.stderr(`Connection failed: ${outcome.message}\n`)
        return EXIT_PROBLEMS
      }
      connectionId = outcome.connection.id
    }

    const result = await engine.runFlow({
      runId: crypto.randomUUID(),
      files,
      flow,
      input,
      ...(options ? { options } : {}),
      ...(connectionId !== undefined ? { connectionId } : {}),
    })

    const blocking = locateDiagnostics(result.diagnostics.filter(blocksRun), root, io)
    const withTrace = values.trace === true
    if (withTrace || values.json === true) {
      const report: RunReport = {
        status: result.status,
        outputs: result.outputs ?? null,
        error: result.error ?? null,
        ...(withTrace ? { trace: result.trace ?? null } : {}),
        ...(blocking.length ? { diagnostics: blocking } : {}),
      }
      io.stdout(`${JSON.stringify(report, null, 2)}\n`)
    } else if (result.status === 'success') {
      io.stdout(`${JSON.stringify(result.outputs ?? {}, null, 2)}\n`)
    }

    if (blocking.length > 0) {
      const count = `${blocking.length} error${blocking.length === 1 ? '' : 's'}`
      io.stderr(
        [
          ...formatCliDiagnostics(blocking),
          `Run failed: the project has ${count} that block${blocking.length === 1 ? 's' : ''} a run; nothing ran`,
        ].join('\n') + '\n',
      )
      return EXIT_PROBLEMS
    }
    if (result.status !== 'success') {
      io.stderr(
        failureLine(
          result.status,
          result.error ?? {
            message: 'no error was reported',
            code: 500,
            method: '',
            flo: flow,
            execution: '',
          },
        ),
      )
      return EXIT_PROBLEMS
    }
    return EXIT_OK
  },
}
