// Loads a project's files into a typed, checked model: JSON syntax, the schema, and the semantic
// checks a run needs (flow names, step ids, cards, helper references). Every problem becomes a
// located Diagnostic; nothing here throws on bad input.
import type { CardCatalogue } from './card-spec'
import type { Diagnostic } from './diagnostics'
import { hasErrors } from './diagnostics'
import { parseLocatedJson, pathToPointer, rangeOfPointer, type LocatedJson } from './json-source'
import { CONNECTOR_FILE, isFlowFile, type ProjectFiles } from './project'
import { ConnectorSchema, FlowSchema, type Connector, type Flow, type Step } from './schema'
import type { z } from 'zod'

export interface LoadedFlow {
  file: string
  flow: Flow
}

export interface LoadedProject {
  connector: Connector | undefined
  /** Flows by name. */
  flows: Map<string, LoadedFlow>
  diagnostics: Diagnostic[]
  /** True when there are no error diagnostics. */
  ok: boolean
}

function schemaDiagnostics(source: LocatedJson, error: z.ZodError): Diagnostic[] {
  return error.issues.map((issue) => {
    const pointer = pathToPointer(issue.path)
    let message = issue.message
    if (issue.code === 'unrecognized_keys') {
      message = `Unknown property ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    } else if (issue.code === 'invalid_type' && issue.input === undefined) {
      message = `Missing required property "${String(issue.path.at(-1) ?? '')}"`
    }
    return {
      code: 'SCHEMA001',
      severity: 'error',
      message,
      file: source.file,
      pointer,
      range: rangeOfPointer(source, pointer),
    }
  })
}

function* walkSteps(
  steps: readonly Step[],
  base: string,
): Generator<{ step: Step; pointer: string }> {
  for (const [i, step] of steps.entries()) {
    const pointer = `${base}/${i}`
    yield { step, pointer }
    if (step.steps) yield* walkSteps(step.steps, `${pointer}/steps`)
  }
}

export function loadProject(files: ProjectFiles, catalogue: CardCatalogue): LoadedProject {
  const diagnostics: Diagnostic[] = []
  const flows = new Map<string, LoadedFlow>()
  const sources = new Map<string, LocatedJson>()
  let connector: Connector | undefined

  const connectorText = files[CONNECTOR_FILE]
  if (connectorText === undefined) {
    diagnostics.push({
      code: 'PROJ001',
      severity: 'error',
      message: 'The project has no connector.json',
      file: CONNECTOR_FILE,
      pointer: '',
      range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
    })
  } else {
    const source = parseLocatedJson(CONNECTOR_FILE, connectorText)
    diagnostics.push(...source.diagnostics)
    if (source.diagnostics.length === 0) {
      const parsed = ConnectorSchema.safeParse(source.value, { reportInput: true })
      if (parsed.success) connector = parsed.data
      else diagnostics.push(...schemaDiagnostics(source, parsed.error))
    }
  }

  for (const [file, text] of Object.entries(files)) {
    if (!isFlowFile(file)) continue
    const source = parseLocatedJson(file, text)
    sources.set(file, source)
    diagnostics.push(...source.diagnostics)
    if (source.diagnostics.length > 0) continue
    const parsed = FlowSchema.safeParse(source.value, { reportInput: true })
    if (!parsed.success) {
      diagnostics.push(...schemaDiagnostics(source, parsed.error))
      continue
    }
    const flow = parsed.data
    const existing = flows.get(flow.name)
    if (existing) {
      diagnostics.push({
        code: 'FLOW001',
        severity: 'error',
        message: `Another flow is already named "${flow.name}" (${existing.file})`,
        file,
        pointer: '/name',
        range: rangeOfPointer(source, '/name'),
      })
      continue
    }
    flows.set(flow.name, { file, flow })
  }

  for (const { file, flow } of flows.values()) {
    const source = sources.get(file)
    if (!source) continue
    const at = (pointer: string) => ({ file, pointer, range: rangeOfPointer(source, pointer) })
    const seenIds = new Set<string>()
    for (const { step, pointer } of walkSteps(flow.steps, '/steps')) {
      if (seenIds.has(step.id)) {
        diagnostics.push({
          code: 'STEP001',
          severity: 'error',
          message: `Step id "${step.id}" is used twice in this flow`,
          ...at(`${pointer}/id`),
        })
      }
      seenIds.add(step.id)
      const card = catalogue.get(step.card)
      if (!card) {
        diagnostics.push({
          code: 'CARD001',
          severity: 'error',
          message: `Unknown card "${step.card}"`,
          ...at(`${pointer}/card`),
        })
        continue
      }
      if (card.callsFlow) {
        if (!step.flow) {
          diagnostics.push({
            code: 'CARD002',
            severity: 'error',
            message: `${card.name} needs a "flow": the helper flow to run`,
            ...at(pointer),
          })
        } else if (!flows.has(step.flow)) {
          diagnostics.push({
            code: 'FLOW002',
            severity: 'error',
            message: `No flow is named "${step.flow}"`,
            ...at(`${pointer}/flow`),
          })
        }
      }
      for (const input of card.inputs) {
        if (input.required && step.inputs?.[input.key] === undefined) {
          diagnostics.push({
            code: 'CARD003',
            severity: 'error',
            message: `${card.name} needs the input "${input.key}"`,
            ...at(step.inputs ? `${pointer}/inputs` : pointer),
          })
        }
      }
    }
  }

  return { connector, flows, diagnostics, ok: !hasErrors(diagnostics) }
}
