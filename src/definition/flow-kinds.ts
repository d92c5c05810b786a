// The kinds of connector flow, as plain data: importing them never loads the zod schemas (the
// page's entry chunk stays small; schema.ts re-exports them).
export const FLOW_KINDS = [
  'action',
  'helper',
  'authping',
  'revoke',
  'webhookEvent',
  'webhookRegistration',
  'webhookDeregistration',
  'pollingMonitor',
] as const
export type FlowKind = (typeof FLOW_KINDS)[number]
