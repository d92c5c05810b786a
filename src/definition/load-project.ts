// Loads a project's files into a checked model: JSON syntax (located), the schema, then every
// semantic rule (rules/). Every problem becomes a located Diagnostic; nothing here throws on bad
// input. The engine, the editor and the CLI all load projects through this one function.
import type { CardCatalogue } from './card-spec'
import type { Diagnostic, Severity } from './diagnostics'
import { hasErrors } from './diagnostics'
import { parseLocatedJson, pathToPointer, rangeOfPointer, type LocatedJson } from './json-source'
import { CONNECTOR_FILE, isFlowFile, isWorkflowFile, type ProjectFiles } from './project'
import type { LoadedFlow, LoadedProject, LoadedWorkflow } from './project-model'
import { RULES } from './rules'
import type { RuleContext } from './rules/rule'
import { ConnectorSchema, FLOW_KINDS, FlowSchema, WorkflowSchema } from './schema'
import type { z } from 'zod'

export type { LoadedFlow, LoadedProject, LoadedWorkflow } from './project-model'

function schemaDiagnostics(source: LocatedJson, error: z.ZodError): Diagnostic[] {
  return error.issues.map((issue) => {
    const pointer = pathToPointer(issue.path)
    let message = issue.message
    let code = 'SCHEMA001'
    if (issue.code === 'unrecognized_keys') {
      message = `Unknown property ${issue.keys.map((k) => `"${k}"`).join(', ')}`
      // Point at the first unknown property itself, not at the whole enclosing object.
      const at =
        issue.keys[0] === undefined ? pointer : pathToPointer([...issue.path, issue.keys[0]])
      return {
        code,
        severity: 'error' as const,
        message,
        file: source.file,
        pointer: at,
        range: rangeOfPointer(source, at),
      }
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      message = `Missing required property "${String(issue.path.at(-1) ?? '')}"`
    } else if (pointer === '/kind' && isFlowFile(source.file) && issue.code === 'invalid_value') {
      // Connector Builder's own code for a flow without a recognised system event card.
      code = 'CBDE000002H'
      message = `Flow has a forbidden or unrecognized event card: kind must be one of ${FLOW_KINDS.join(', ')}`
    }
    return {
      code,
      severity: 'error',
      message,
      file: source.file,
      pointer,
      range: rangeOfPointer(source, pointer),
    }
  })
}

function flowFileHasTrigger(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'trigger' in value
}

const DEPLOYMENT_ONLY = new Set(RULES.filter((r) => r.deploymentOnly).map((r) => r.code))

/** An error that stops a test run (deployment-only checks stop only a deployment). */
export function blocksRun(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error' && !DEPLOYMENT_ONLY.has(diagnostic.code)
}

export function loadProject(files: ProjectFiles, catalogue: CardCatalogue): LoadedProject {
  const diagnostics: Diagnostic[] = []
  const sources = new Map<string, LocatedJson>()
  const flows = new Map<string, LoadedFlow>()
  const flowFiles: LoadedFlow[] = []
  const workflows = new Map<string, LoadedWorkflow>()
  let connector: LoadedProject['connector']
  let connectorSource: LocatedJson | undefined

  const paths = Object.keys(files).sort()
  for (const file of paths) {
    const text = files[file] ?? ''
    const kind =
      file === CONNECTOR_FILE
        ? 'connector'
        : isFlowFile(file)
          ? 'flow'
          : isWorkflowFile(file)
            ? 'workflow'
            : undefined
    if (!kind) {
      if (file.endsWith('.json')) {
        diagnostics.push({
          code: 'PROJ002',
          severity: 'warning',
          message: `${file} is not part of the format (connector.json, flows/*.json, workflows/*.json) and is ignored`,
          file,
          pointer: '',
          range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        })
      }
      continue
    }
    const source = parseLocatedJson(file, text)
    sources.set(file, source)
    diagnostics.push(...source.diagnostics)
    if (source.diagnostics.length > 0) continue

    if (kind === 'connector') {
      connectorSource = source
      const parsed = ConnectorSchema.safeParse(source.value, { reportInput: true })
      if (parsed.success) connector = parsed.data
      else diagnostics.push(...schemaDiagnostics(source, parsed.error))
    } else if (kind === 'flow') {
      if (flowFileHasTrigger(source.value)) {
        diagnostics.push({
          code: 'CBDE000002H',
          severity: 'error',
          message:
            'Flow has a forbidden or unrecognized event card: a trigger belongs to a consumer flow in workflows/, not to a connector flow',
          file,
          pointer: '/trigger',
          range: rangeOfPointer(source, '/trigger'),
        })
        continue
      }
      const parsed = FlowSchema.safeParse(source.value, { reportInput: true })
      if (!parsed.success) {
        diagnostics.push(...schemaDiagnostics(source, parsed.error))
        continue
      }
      const loaded = { file, flow: parsed.data, source }
      flowFiles.push(loaded)
      if (!flows.has(loaded.flow.name)) flows.set(loaded.flow.name, loaded)
    } else {
      const parsed = WorkflowSchema.safeParse(source.value, { reportInput: true })
      if (!parsed.success) {
        diagnostics.push(...schemaDiagnostics(source, parsed.error))
        continue
      }
      if (!workflows.has(parsed.data.name)) {
        workflows.set(parsed.data.name, { file, workflow: parsed.data, source })
      }
    }
  }

  if (files[CONNECTOR_FILE] === undefined) {
    diagnostics.push({
      code: 'PROJ001',
      severity: 'error',
      message: 'The project has no connector.json',
      file: CONNECTOR_FILE,
      pointer: '',
      range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    })
  }

  const project: LoadedProject = {
    connector,
    connectorSource,
    flows,
    flowFiles,
    workflows,
    sources,
    diagnostics,
    ok: false,
    runnable: false,
  }

  for (const rule of RULES) {
    const context: RuleContext = {
      project,
      catalogue,
      report(file: string, pointer: string, message: string, severity?: Severity) {
        const source = sources.get(file)
        diagnostics.push({
          code: rule.code,
          severity: severity ?? rule.severity,
          message,
          file,
          pointer,
          range: source
            ? rangeOfPointer(source, pointer)
            : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        })
      },
    }
    try {
      rule.check(context)
    } catch (error) {
      // A rule must never take the whole validation down; report the crash where it happened.
      diagnostics.push({
        code: 'INTERNAL',
        severity: 'warning',
        message: `The ${rule.code} check failed: ${error instanceof Error ? error.message : String(error)}`,
        file: CONNECTOR_FILE,
        pointer: '',
        range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
      })
    }
  }

  diagnostics.sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.startLine - b.range.startLine ||
      a.range.startColumn - b.range.startColumn ||
      a.code.localeCompare(b.code),
  )
  project.ok = !hasErrors(diagnostics)
  project.runnable = !diagnostics.some((d) => blocksRun(d))
  return project
}
