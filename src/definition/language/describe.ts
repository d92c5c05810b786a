// Markdown descriptions of cards, flows and fields, shared by completion documentation and hovers.
// Project text is escaped: it is shown, never interpreted.
import type { CardFieldSpec, CardSpec } from '../card-spec'
import { fieldType, type FieldInfo, type IndexedFlow } from './model'

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`'
  return `${fence}${fence.length > 1 ? ' ' : ''}${text}${fence.length > 1 ? ' ' : ''}${fence}`
}

/** Text safe inside Markdown (no emphasis, links or HTML from project strings). */
export function plain(text: string): string {
  return text.replace(/([\\`*_{}[\]()#+!<>|~])/g, '\\$1')
}

const cell = (text: string): string => plain(text).replace(/\r?\n/g, ' ')

function table(
  title: string,
  rows: { key: string; type?: string; required?: boolean; help?: string }[],
) {
  if (rows.length === 0) return ''
  const lines = [`| ${title} | Type | |`, '| --- | --- | --- |']
  for (const row of rows) {
    const note = [row.required ? '**required**' : '', row.help ? cell(row.help) : '']
      .filter(Boolean)
      .join(' — ')
    lines.push(`| ${code(row.key)} | ${row.type ?? ''} | ${note} |`)
  }
  return lines.join('\n')
}

const specRows = (fields: readonly CardFieldSpec[]) =>
  fields.map((f) => ({
    key: f.key,
    type: fieldType(f) ?? f.type,
    ...(f.required ? { required: true } : {}),
    ...(f.help ? { help: f.help } : {}),
  }))

const fieldRows = (fields: readonly FieldInfo[]) =>
  fields.map((f) => ({
    key: f.key,
    ...(fieldType(f) ? { type: fieldType(f) } : {}),
    ...(f.required ? { required: true } : {}),
    ...((f.help ?? f.label) ? { help: f.help ?? f.label } : {}),
  }))

export function cardMarkdown(spec: CardSpec): string {
  const inputs = spec.extensibleInputs
    ? spec.inputs.length > 0
      ? table('Input', specRows(spec.inputs)) + '\n\nPlus inputs you name yourself.'
      : 'Inputs: any you name yourself.'
    : table('Input', specRows(spec.inputs))
  const outputs = spec.dynamicOutputs
    ? spec.callsFlow
      ? 'Outputs: what the called flow returns.'
      : 'Outputs: one per input, with the same name.'
    : table('Output', specRows(spec.outputs))
  return [
    `**${plain(spec.name)}** · ${plain(spec.category)}`,
    `${code(spec.id)} · Okta key ${code(spec.oktaKey)}`,
    plain(spec.help),
    inputs,
    outputs,
  ]
    .filter(Boolean)
    .join('\n\n')
}

const KIND_LABELS: Record<string, string> = {
  action: 'action flow (a card of this connector)',
  helper: 'helper flow',
  authping: 'authping flow (checks a connection)',
  revoke: 'revoke flow',
  webhookEvent: 'webhook event flow',
  webhookRegistration: 'webhook registration flow',
  webhookDeregistration: 'webhook deregistration flow',
  pollingMonitor: 'polling monitor flow',
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? (kind ? `${kind} flow` : 'flow')
}

export function flowMarkdown(flow: IndexedFlow): string {
  return [
    `**${plain(flow.name)}** · ${plain(kindLabel(flow.kind))}`,
    flow.description ? plain(flow.description) : '',
    table('Input', fieldRows(flow.inputs)),
    table('Output', fieldRows(flow.outputs)),
    `Defined in ${code(flow.file)}`,
  ]
    .filter(Boolean)
    .join('\n\n')
}

/** A connector card (`connector:<action>`) as the Workflows designer shows it. */
export function connectorCardMarkdown(
  flow: IndexedFlow,
  connectorName: string | undefined,
): string {
  return [
    `**${plain(flow.name)}** · ${plain(connectorName ?? 'this connector')} card`,
    flow.description ? plain(flow.description) : '',
    table('Input', fieldRows(flow.inputs)),
    table('Output', fieldRows(flow.outputs)),
    `Defined in ${code(flow.file)}`,
  ]
    .filter(Boolean)
    .join('\n\n')
}
