// Every diagnostic code with its severity, title and explanation: the codes the loader reports
// itself (syntax, schema, project files) and those of the semantic rules. The editor shows them
// on hover and the docs list them; a code is stable API once published.
import type { Severity } from './diagnostics'
import { RULES } from './rules'

export interface DiagnosticCodeInfo {
  /** The usual severity (a rule may report some problems with another). */
  severity: Severity
  title: string
  /** What is checked and why; Markdown. */
  explanation: string
  /** Stops a deployment but not a test run. */
  deploymentOnly?: boolean
}

const LOADER_CODES: Record<string, DiagnosticCodeInfo> = {
  JSON001: {
    severity: 'error',
    title: 'The file is not valid JSON.',
    explanation:
      'The message says what the parser expected and where. Comments and trailing commas are not allowed.',
  },
  SCHEMA001: {
    severity: 'error',
    title: 'A value does not match the format.',
    explanation:
      'An unknown property, a value of the wrong type, or a missing required property; see docs/format.md for the fields of each file.',
  },
  PROJ001: {
    severity: 'error',
    title: 'The project has no connector.json.',
    explanation:
      'Every project has a `connector.json` with the connector settings and authentication.',
  },
  PROJ002: {
    severity: 'warning',
    title: 'A JSON file is not part of the format.',
    explanation:
      'Only `connector.json`, `flows/*.json` and `workflows/*.json` are read; other JSON files are ignored.',
  },
  CBDE000002H: {
    severity: 'error',
    title: 'Flow has a forbidden or unrecognized event card.',
    explanation:
      'A connector flow starts with a system event card, given by its `kind` (action, helper, authping, revoke, webhookEvent, webhookRegistration, webhookDeregistration, pollingMonitor). Triggers belong to consumer flows in workflows/.',
  },
  INTERNAL: {
    severity: 'warning',
    title: 'A check failed unexpectedly.',
    explanation:
      'A validation rule crashed on this project; the other checks still ran. This is a bug in the playground.',
  },
}

export const DIAGNOSTIC_CODES: Readonly<Record<string, DiagnosticCodeInfo>> = Object.fromEntries([
  ...Object.entries(LOADER_CODES),
  ...RULES.map((rule): [string, DiagnosticCodeInfo] => [
    rule.code,
    {
      severity: rule.severity,
      title: rule.title,
      explanation: rule.explanation,
      ...(rule.deploymentOnly ? { deploymentOnly: true } : {}),
    },
  ]),
])
