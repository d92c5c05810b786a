// Rules about the project's flows as a whole: names, what can be deployed, and the kinds of the
// flows that other flows name. The CBDE codes and messages are Connector Builder's own
// deployment validations; the system flows (authping, revoke) are in system-flows.ts.
import { CONNECTOR_FILE } from '../project'
import type { LoadedFlow } from '../project-model'
import type { FlowKind } from '../schema'
import type { Rule, RuleContext } from './rule'
import { allFlowsLoaded, isActive, stepOwners } from './shared'

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

/** The names `_authping` and `_revoke` are covered by CBDE000005H and CBDE000007H. */
const RESERVED_NAMES = new Set(['_authping', '_revoke'])

export const prohibitedFlowNameCharacter: Rule = {
  code: 'CBDE000003H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Name of the flow contains a prohibited character.',
  explanation:
    'Flow names may use letters, numbers and spaces only, with no leading or trailing spaces. The system names `_authping` and `_revoke` are the exception.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      if (RESERVED_NAMES.has(flow.name)) continue
      const bad = [...flow.name].find((c) => !/[\p{L}\p{N} ]/u.test(c))
      let detail: string | undefined
      if (bad !== undefined) detail = `"${flow.name}" contains "${bad}"`
      else if (flow.name !== flow.name.trim()) detail = `"${flow.name}" starts or ends with a space`
      if (detail) {
        report(
          file,
          '/name',
          `Name of the flow contains a prohibited character: ${detail} (use letters, numbers and spaces)`,
        )
      }
    }
  },
}

export const noActionFlow: Rule = {
  code: 'PROJ003',
  deploymentOnly: true,
  severity: 'error',
  title: 'The connector has no active action flow.',
  explanation:
    'A connector needs at least one action flow to deploy: action flows are the cards users add to their flows. Add one to flows/, or activate one.',
  check({ project, report }) {
    if (!allFlowsLoaded(project)) return
    if (project.flowFiles.some((f) => f.flow.kind === 'action' && isActive(f))) return
    const inactive = project.flowFiles.some((f) => f.flow.kind === 'action')
    report(
      CONNECTOR_FILE,
      '',
      `A connector needs at least one action flow to deploy: ${inactive ? 'every action flow is deactivated ("active": false)' : 'flows/ has no flow of kind "action"'}`,
    )
  },
}

/** Reports `name` at `pointer` when it names a flow of another kind than `kind`. */
function expectKind(
  context: RuleContext,
  file: string,
  pointer: string,
  name: string | undefined,
  kinds: readonly FlowKind[],
  role: string,
) {
  const target = name === undefined ? undefined : context.project.flows.get(name)
  if (!target || kinds.includes(target.flow.kind)) return
  context.report(
    file,
    pointer,
    `"${target.flow.name}" is a${/^[aeiou]/.test(target.flow.kind) ? 'n' : ''} ${target.flow.kind} flow, but ${role} must be a ${kinds.join(' or ')} flow`,
  )
}

export const helperKind: Rule = {
  code: 'HELP001',
  severity: 'error',
  title: 'A flow used as a helper is not a helper flow.',
  explanation:
    'Call Flow, If Error’s "run another flow", dynamic dropdowns, dynamic input groups and config values run flows of kind `helper`. Action flows are cards, and system flows are run by the platform.',
  check(context) {
    const helper = ['helper'] as const
    for (const owner of stepOwners(context.project)) {
      for (const { step, pointer } of owner.steps) {
        if (context.catalogue.get(step.card)?.callsFlow) {
          expectKind(
            context,
            owner.file,
            `${pointer}/flow`,
            step.flow,
            helper,
            'the flow a card runs',
          )
        }
        if (step.errorHandling?.flow !== undefined) {
          expectKind(
            context,
            owner.file,
            `${pointer}/errorHandling/flow`,
            step.errorHandling.flow,
            helper,
            'the flow that receives the error',
          )
        }
      }
    }
    for (const { file, flow } of context.project.flowFiles) {
      flow.options?.forEach((option, i) =>
        expectKind(context, file, `/options/${i}/flow`, option.flow, helper, 'a dynamic dropdown'),
      )
      flow.dynamicInputGroups?.forEach((group, i) =>
        expectKind(
          context,
          file,
          `/dynamicInputGroups/${i}/flow`,
          group.flow,
          helper,
          'a dynamic input group',
        ),
      )
    }
    const connectorFile = context.project.connectorSource?.file
    if (connectorFile) {
      context.project.connector?.authentication?.configValues?.forEach((value, i) =>
        expectKind(
          context,
          connectorFile,
          `/authentication/configValues/${i}/flow`,
          value.flow,
          helper,
          'a config value',
        ),
      )
    }
  },
}

export const webhookSectionMissing: Rule = {
  code: 'WH001',
  deploymentOnly: true,
  severity: 'error',
  title: 'A webhook event flow has no webhook section.',
  explanation:
    'A webhook event card registers its Event URL with the service when a flow using it is turned on. Add `"webhook": { "registrationFlow": … }` naming the registration flow (and usually a deregistration flow).',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      if (flow.kind === 'webhookEvent' && !flow.webhook) {
        report(
          file,
          '/kind',
          `Webhook event flow "${flow.name}" has no "webhook" section: name its registration flow in "webhook.registrationFlow"`,
        )
      }
    }
  },
}

export const webhookFlowKinds: Rule = {
  code: 'WH002',
  deploymentOnly: true,
  severity: 'error',
  title: 'A webhook registration or deregistration flow has the wrong kind.',
  explanation:
    'The registration flow must be of kind `webhookRegistration` and the deregistration flow of kind `webhookDeregistration`: their event cards give them the Event URL and the stored registration data.',
  check(context) {
    for (const { file, flow } of context.project.flowFiles) {
      if (!flow.webhook) continue
      expectKind(
        context,
        file,
        '/webhook/registrationFlow',
        flow.webhook.registrationFlow,
        ['webhookRegistration'],
        'the registration flow',
      )
      expectKind(
        context,
        file,
        '/webhook/deregistrationFlow',
        flow.webhook.deregistrationFlow,
        ['webhookDeregistration'],
        'the deregistration flow',
      )
    }
  },
}
