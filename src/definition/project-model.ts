// The project as a checked model: each file parsed with locations, checked against the schema,
// and indexed (flows and workflows by name). Rules read this model; they never re-parse.
import type { Diagnostic } from './diagnostics'
import type { LocatedJson } from './json-source'
import type { Connector, Flow, Workflow } from './schema'

export interface LoadedFlow {
  file: string
  flow: Flow
  source: LocatedJson
}

export interface LoadedWorkflow {
  file: string
  workflow: Workflow
  source: LocatedJson
}

export interface LoadedProject {
  connector: Connector | undefined
  connectorSource: LocatedJson | undefined
  /** Flows by name (the first file wins when two share a name). */
  flows: Map<string, LoadedFlow>
  /** Every flow file that passed the schema, duplicates included, in path order. */
  flowFiles: LoadedFlow[]
  /** Consumer flows (workflows/*.json) by name. */
  workflows: Map<string, LoadedWorkflow>
  /** Parsed sources by file, including files with schema errors. */
  sources: Map<string, LocatedJson>
  diagnostics: Diagnostic[]
  /** True when there are no error diagnostics (the project can deploy). */
  ok: boolean
  /**
   * True when no error stops a test run: every error is a deployment-only check (a rule with
   * `deploymentOnly`, such as a flow name with a prohibited character).
   */
  runnable: boolean
}
