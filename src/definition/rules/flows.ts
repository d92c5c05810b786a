// Rules about the project's flows as a whole: names, the system flows, what can be deployed.
// The CBDE codes and messages are Connector Builder's own deployment validations.
import type { LoadedFlow } from '../project-model'
import type { Rule } from './rule'

const isActive = (f: LoadedFlow) => f.flow.active !== false

export const duplicateActiveActionNames: Rule = {
  code: 'CBDE000001H',
  severity: 'error',
  title: 'Names of two or more active flows are duplicates.',
  explanation:
    'Each active action flow becomes a card, so its name must be unique. Rename one, or set `"active": false` on it.',
  check({ project, report }) {
    const seen = new Map<string, LoadedFlow>()
    for (const loaded of project.flowFiles) {
      if (loaded.flow.kind !== 'action' || !isActive(loaded)) continue
      const first = seen.get(loaded.flow.name)
      if (first) {
        report(
          loaded.file,
          '/name',
          `Names of two or more active flows are duplicates: "${loaded.flow.name}" is also ${first.file}`,
        )
      } else seen.set(loaded.flow.name, loaded)
    }
  },
}

export const duplicateFlowNames: Rule = {
  code: 'FLOW001',
  severity: 'error',
  title: 'Two flows have the same name.',
  explanation:
    'Flows are called by name (Call Flow, dynamic dropdowns, webhook registration), so every flow name must be unique.',
  check({ project, report }) {
    for (const loaded of project.flowFiles) {
      const first = project.flows.get(loaded.flow.name)
      if (!first || first === loaded) continue
      if (
        loaded.flow.kind === 'action' &&
        first.flow.kind === 'action' &&
        isActive(loaded) &&
        isActive(first)
      ) {
        continue // reported as CBDE000001H
      }
      report(
        loaded.file,
        '/name',
        `Another flow is already named "${loaded.flow.name}" (${first.file})`,
      )
    }
  },
}
