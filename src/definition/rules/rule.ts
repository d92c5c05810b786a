// The rule contract: each semantic check is a Rule with a stable code, a severity, a one-line
// title and an explanation (shown on hover and in docs/format.md), and a check that reports
// located problems through the context.
import type { CardCatalogue } from '../card-spec'
import type { Diagnostic, Severity } from '../diagnostics'
import type { LoadedProject } from '../project-model'

export interface RuleContext {
  project: LoadedProject
  catalogue: CardCatalogue
  /** Reports a problem at a JSON pointer of a file (the range comes from the parsed source). */
  report(file: string, pointer: string, message: string, severity?: Severity): void
}

export interface Rule {
  code: string
  severity: Severity
  title: string
  /** What the rule checks and why, in a sentence or two; Markdown. */
  explanation: string
  /**
   * Connector Builder's deployment checks and card-definition checks: they stop a deployment,
   * not a test run (Workflows lets you test a flow before the connector deploys).
   */
  deploymentOnly?: boolean
  check(context: RuleContext): void
}

/** Did-you-mean: the candidate closest to `name` by edit distance, if it is close enough. */
export function closestMatch(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      previous = current
    }
  }
  return row[b.length] ?? 0
}

export type { Diagnostic }
