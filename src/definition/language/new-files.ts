// New and renamed project files: a skeleton for each flow kind and trigger type that validates
// cleanly as created, and the rules for file names (safe in share links and on every disk).
import { FLOWS_DIR, WORKFLOWS_DIR, CONNECTOR_FILE, type ProjectFiles } from '../project'
import { FLOW_KINDS, type FlowKind } from '../flow-kinds'
import { indexProject } from './model'
import { isValidFlowName, RESERVED_FLOW_NAMES } from './quick-fixes'
import type { CardCatalogue } from '../card-spec'

export const TRIGGER_TYPES = [
  'manual',
  'schedule',
  'event',
  'apiEndpoint',
  'helper',
  'delegated',
] as const
export type TriggerType = (typeof TRIGGER_TYPES)[number]

export const FLOW_KIND_LABELS: Record<FlowKind, string> = {
  action: 'Action (a card)',
  helper: 'Helper',
  authping: 'Authping (_authping)',
  revoke: 'Revoke (_revoke)',
  webhookEvent: 'Webhook event',
  webhookRegistration: 'Webhook registration',
  webhookDeregistration: 'Webhook deregistration',
  pollingMonitor: 'Polling monitor',
}

export const TRIGGER_LABELS: Record<TriggerType, string> = {
  manual: 'Manual (Test button)',
  schedule: 'Scheduled',
  event: 'Connector event',
  apiEndpoint: 'API endpoint',
  helper: 'Helper flow',
  delegated: 'Delegated flow',
}

/** The name a flow of this kind must have, if the platform fixes it. */
export function fixedFlowName(kind: FlowKind): string | undefined {
  return Object.entries(RESERVED_FLOW_NAMES).find(([, owner]) => owner === kind)?.[0]
}

export type NewFile = { ok: true; path: string; text: string } | { ok: false; error: string }

const SAFE_NAME = /^[A-Za-z0-9_\-. ()]+$/
const MAX_NAME = 80

/** Why a file name (without folder and `.json`) cannot be used, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'Enter a name.'
  if (name !== name.trim()) return 'Remove the spaces at the start or end of the name.'
  if (name.length > MAX_NAME) return `Use at most ${MAX_NAME} characters.`
  if (/[/\\]/.test(name)) return 'A file name cannot contain / or \\ (files stay in their folder).'
  if (name.startsWith('.')) return 'A file name cannot start with a dot.'
  if (!SAFE_NAME.test(name)) return 'Use letters, digits, spaces and - _ . ( ) only.'
  if (['__proto__', 'constructor', 'prototype'].includes(name)) return `"${name}" is reserved.`
  return undefined
}

/** A file name for a flow name: unsafe characters become hyphens. */
export function fileNameFor(name: string): string {
  const safe = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_\-. ()]+/g, '-')
    .replace(/^[.\s-]+/, '')
    .trim()
    .slice(0, MAX_NAME)
    .trim()
  return safe === '' ? 'flow' : safe
}

function takenPath(files: ProjectFiles, path: string, except?: string): string | undefined {
  const lower = path.toLowerCase()
  return Object.keys(files).find((p) => p !== except && p.toLowerCase() === lower)
}

/** A free path in a folder for a name: `flows/X.json`, else `flows/X 2.json` … */
function freePath(files: ProjectFiles, folder: string, base: string): string {
  let path = `${folder}${base}.json`
  for (let n = 2; takenPath(files, path); n++) path = `${folder}${base} ${n}.json`
  return path
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n'

function flowSkeleton(kind: FlowKind, name: string, files: ProjectFiles, catalogue: CardCatalogue) {
  const index = indexProject(files, catalogue)
  const base = { name, kind }
  switch (kind) {
    case 'action':
      return {
        ...base,
        description: `${name}.`,
        inputs: [{ key: 'text', label: 'Text', type: 'text' }],
        outputs: [{ key: 'result', label: 'Result', type: 'text' }],
        steps: [{ id: 'done', card: 'flow.returnOutputs', inputs: { result: '=input.text' } }],
      }
    case 'helper':
      return {
        ...base,
        inputs: [{ key: 'value', type: 'text' }],
        outputs: [{ key: 'value', type: 'text' }],
        steps: [{ id: 'done', card: 'flow.return', inputs: { value: '=input.value' } }],
      }
    case 'authping':
      return {
        ...base,
        description: 'Checks that a connection works.',
        steps: [{ id: 'done', card: 'flow.return', inputs: { message: 'Connection works' } }],
      }
    case 'revoke':
      return {
        ...base,
        description: 'Revokes the connection’s credentials.',
        steps: [{ id: 'done', card: 'flow.return', inputs: {} }],
      }
    case 'webhookEvent': {
      const registration = index.flowList.find((f) => f.kind === 'webhookRegistration')?.name
      const deregistration = index.flowList.find((f) => f.kind === 'webhookDeregistration')?.name
      return {
        ...base,
        outputs: [{ key: 'event', label: 'Event', type: 'object' }],
        webhook: {
          registrationFlow: registration ?? '',
          ...(deregistration ? { deregistrationFlow: deregistration } : {}),
        },
        steps: [{ id: 'done', card: 'flow.returnOutputs', inputs: { event: '=request.body' } }],
      }
    }
    case 'webhookRegistration':
      return {
        ...base,
        steps: [{ id: 'done', card: 'flow.return', inputs: { eventUrl: '=input.eventUrl' } }],
      }
    case 'webhookDeregistration':
      return {
        ...base,
        steps: [
          {
            id: 'done',
            card: 'flow.return',
            inputs: { registrationData: '=input.registrationData' },
          },
        ],
      }
    case 'pollingMonitor':
      return {
        ...base,
        schedule: { everyMinutes: 5 },
        outputs: [{ key: 'cursor', label: 'Cursor', type: 'text' }],
        steps: [{ id: 'done', card: 'flow.returnOutputs', inputs: { cursor: '=cursor' } }],
      }
  }
}

/** A new connector flow file: its path and a skeleton that validates, or why it cannot be made. */
export function newFlowFile(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  kind: FlowKind,
  requestedName: string,
): NewFile {
  if (!(FLOW_KINDS as readonly string[]).includes(kind))
    return { ok: false, error: `Unknown kind "${kind}".` }
  const name = fixedFlowName(kind) ?? requestedName.trim()
  if (name === '') return { ok: false, error: 'Enter a name for the flow.' }
  const owner = RESERVED_FLOW_NAMES[name]
  if (owner && owner !== kind)
    return { ok: false, error: `"${name}" is reserved for the ${owner} flow.` }
  if (!owner && !isValidFlowName(name))
    return { ok: false, error: 'A flow name uses letters, numbers and spaces only.' }
  const index = indexProject(files, catalogue)
  if (
    kind === 'webhookEvent' &&
    !index.flowList.some((f) => f.kind === 'webhookRegistration' && f.name)
  ) {
    return {
      ok: false,
      error:
        'A webhook event flow names the flow that registers it: create a webhook registration flow first.',
    }
  }
  const existing = index.flowList.find((f) => f.name === name)
  if (existing)
    return { ok: false, error: `A flow named "${name}" already exists (${existing.file}).` }
  const path = freePath(files, FLOWS_DIR, fileNameFor(name))
  return { ok: true, path, text: json(flowSkeleton(kind, name, files, catalogue)) }
}

/** A new consumer flow (workflows/) with a trigger of the given type. */
export function newWorkflowFile(
  files: ProjectFiles,
  catalogue: CardCatalogue,
  type: TriggerType,
  requestedName: string,
): NewFile {
  const name = requestedName.trim()
  if (name === '') return { ok: false, error: 'Enter a name for the flow.' }
  const index = indexProject(files, catalogue)
  const existing = index.workflows.get(name)
  if (existing)
    return { ok: false, error: `A flow named "${name}" already exists (${existing.file}).` }
  let trigger: Record<string, unknown>
  switch (type) {
    case 'manual':
      trigger = { type }
      break
    case 'schedule':
      trigger = { type, frequency: 'day', at: '09:00' }
      break
    case 'event': {
      const event = index.flowList.find(
        (f) => (f.kind === 'webhookEvent' || f.kind === 'pollingMonitor') && f.name,
      )
      if (!event)
        return {
          ok: false,
          error:
            'An event trigger needs a webhook event or polling monitor flow. Create one first.',
        }
      trigger = { type, card: `connector:${event.name}` }
      break
    }
    case 'apiEndpoint':
      trigger = { type, method: 'POST', security: 'clientToken', body: [] }
      break
    case 'helper':
      trigger = { type, inputs: [], outputs: [] }
      break
    case 'delegated':
      trigger = { type, inputs: [] }
      break
    default:
      return { ok: false, error: `Unknown trigger type "${String(type)}".` }
  }
  const path = freePath(files, WORKFLOWS_DIR, fileNameFor(name))
  return { ok: true, path, text: json({ name, trigger, steps: [] }) }
}

export type RenameResult = { ok: true; path: string } | { ok: false; error: string }

/** The new path for renaming `from` to `newName` (in the same folder, `.json` kept). */
export function renamedPath(files: ProjectFiles, from: string, newName: string): RenameResult {
  if (from === CONNECTOR_FILE) return { ok: false, error: 'connector.json cannot be renamed.' }
  if (files[from] === undefined) return { ok: false, error: `${from} does not exist.` }
  const slash = from.lastIndexOf('/')
  const folder = slash >= 0 ? from.slice(0, slash + 1) : ''
  const base = newName.replace(/\.json$/i, '')
  const problem = fileNameProblem(base)
  if (problem) return { ok: false, error: problem }
  const path = `${folder}${base}.json`
  if (path === from) return { ok: true, path }
  const taken = takenPath(files, path, from)
  if (taken) return { ok: false, error: `${taken} already exists.` }
  return { ok: true, path }
}
