// Rules about the system flows the platform runs itself: `_authping` (the connection health
// check) and the revoke flow. The CBDE codes and messages are Connector Builder's own.
import { CONNECTOR_FILE } from '../project'
import type { LoadedFlow } from '../project-model'
import type { Flow, FlowKind } from '../schema'
import type { Rule, RuleContext } from './rule'
import { allFlowsLoaded, listNames } from './shared'

function reportDuplicates(context: RuleContext, kind: FlowKind, message: string) {
  let first: LoadedFlow | undefined
  for (const loaded of context.project.flowFiles) {
    if (loaded.flow.kind !== kind) continue
    if (!first) first = loaded
    else {
      context.report(
        loaded.file,
        '/kind',
        `${message} "${loaded.flow.name}" and "${first.flow.name}" (${first.file}) are both of kind ${kind}`,
      )
    }
  }
}

function reportReservedName(context: RuleContext, name: string, kind: FlowKind, message: string) {
  for (const { file, flow } of context.project.flowFiles) {
    if (flow.name === name && flow.kind !== kind) {
      context.report(
        file,
        '/name',
        `${message} It is reserved for the ${kind} flow; rename this ${flow.kind} flow`,
      )
    }
  }
}

/** The properties that give a flow options or inputs, when they are not empty. */
function optionsAndInputs(flow: Flow): string[] {
  const present: string[] = []
  if (flow.options?.length) present.push('options')
  if (flow.inputs?.length) present.push('inputs')
  if (flow.extensibleInputGroups?.length) present.push('extensibleInputGroups')
  if (flow.dynamicInputGroups?.length) present.push('dynamicInputGroups')
  return present
}

function reportOptionsAndInputs(context: RuleContext, kind: FlowKind, what: string) {
  for (const { file, flow } of context.project.flowFiles) {
    if (flow.kind !== kind) continue
    for (const property of optionsAndInputs(flow)) {
      context.report(
        file,
        `/${property}`,
        `${what} has no options or inputs; it receives the connection's auth object (=auth). Remove "${property}" from "${flow.name}"`,
      )
    }
  }
}

export const duplicateAuthping: Rule = {
  code: 'CBDE000004H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Duplicate Authping flow found.',
  explanation:
    'A connector has one Authping flow (`_authping`); delete or change the kind of the others.',
  check(context) {
    reportDuplicates(context, 'authping', 'Duplicate Authping flow found:')
  },
}

export const reservedAuthpingName: Rule = {
  code: 'CBDE000005H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Name of the flow cannot be _authping.',
  explanation: '`_authping` is reserved for the flow of kind `authping`.',
  check(context) {
    reportReservedName(context, '_authping', 'authping', 'Name of the flow cannot be _authping.')
  },
}

export const authpingName: Rule = {
  code: 'AUTH001',
  deploymentOnly: true,
  severity: 'error',
  title: 'The authping flow must be named _authping.',
  explanation:
    'The platform finds the connection health check by its exact name, `_authping`; name the flow of kind `authping` so.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      if (flow.kind === 'authping' && flow.name !== '_authping') {
        report(file, '/name', `The authping flow must be named _authping, not "${flow.name}"`)
      }
    }
  },
}

export const duplicateRevoke: Rule = {
  code: 'CBDE000006H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Duplicate revoke flow found.',
  explanation: 'A connector has at most one revoke flow; delete or change the kind of the others.',
  check(context) {
    reportDuplicates(context, 'revoke', 'Duplicate revoke flow found:')
  },
}

export const reservedRevokeName: Rule = {
  code: 'CBDE000007H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Name of the flow cannot be _revoke.',
  explanation: '`_revoke` is reserved for the flow of kind `revoke` (which may have any name).',
  check(context) {
    reportReservedName(context, '_revoke', 'revoke', 'Name of the flow cannot be _revoke.')
  },
}

export const authpingOptionsOrInputs: Rule = {
  code: 'FLOW004',
  deploymentOnly: true,
  severity: 'error',
  title: 'The authping flow has options or inputs.',
  explanation:
    "`_authping` has no options or inputs: the platform runs it with the connection's auth object only (`=auth`, or `=connection`).",
  check(context) {
    reportOptionsAndInputs(context, 'authping', '_authping')
  },
}

export const revokeOptionsOrInputs: Rule = {
  code: 'FLOW005',
  deploymentOnly: true,
  severity: 'error',
  title: 'The revoke flow has options or inputs.',
  explanation:
    "The revoke flow has no options or inputs: the platform runs it with the connection's auth object only (`=auth`, or `=connection`).",
  check(context) {
    reportOptionsAndInputs(context, 'revoke', 'The revoke flow')
  },
}

export const missingAuthping: Rule = {
  code: 'FLOW006',
  severity: 'warning',
  title: 'The connector has no authping flow.',
  explanation:
    'Without `_authping` the platform cannot check that a connection works (Test Connections, New Connection). Add a flow of kind `authping` named `_authping` that calls an endpoint needing authorization.',
  check({ project, report }) {
    if (!project.connector?.authentication || !allFlowsLoaded(project)) return
    const actions = project.flowFiles.filter((f) => f.flow.kind === 'action')
    if (actions.length === 0 || project.flowFiles.some((f) => f.flow.kind === 'authping')) return
    report(
      CONNECTOR_FILE,
      '/authentication',
      `The connector has action flows (${listNames(actions.map((f) => f.flow.name))}) but no authping flow, so connections cannot be tested: add flows/_authping.json`,
    )
  },
}

export const missingRevoke: Rule = {
  code: 'FLOW007',
  severity: 'warning',
  title: 'An OAuth 2.0 connector has no revoke flow.',
  explanation:
    'With OAuth 2.0 the platform revokes the token when a connection is deleted or a user asks for their data to be deleted, through the flow of kind `revoke`. Add one if the service has a revoke endpoint.',
  check({ project, report }) {
    const type = project.connector?.authentication?.type
    if (!type?.startsWith('oauth2') || !allFlowsLoaded(project)) return
    if (project.flowFiles.some((f) => f.flow.kind === 'revoke')) return
    report(
      CONNECTOR_FILE,
      '/authentication/type',
      `The connector uses OAuth 2.0 (${type}) but has no revoke flow: tokens are not revoked when a connection is deleted`,
    )
  },
}
