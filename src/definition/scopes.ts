// The names a `=` reference may start with, by flow kind and trigger — what the platform puts in
// scope before the first card runs. Step ids of earlier cards are added by the step walker.
import type { FlowKind, Trigger } from './schema'

export interface ScopeName {
  name: string
  help: string
}

const input = { name: 'input', help: "The flow's inputs: `=input.<key>`." }
const options = { name: 'options', help: "The card's options: `=options.<key>`." }
const connection = {
  name: 'connection',
  help: "The connection's auth object: `username`/`password`, `access_token`, or custom parameter keys.",
}
const auth = {
  name: 'auth',
  help: 'The auth object the Authping and Revoke event cards expose (same as `connection`).',
}

export const SCOPES_BY_KIND: Record<FlowKind, readonly ScopeName[]> = {
  action: [
    input,
    options,
    connection,
    {
      name: 'selectedOutputs',
      help: 'The outputs the card user selected (with selectableOutputs).',
    },
  ],
  helper: [input],
  authping: [connection, auth],
  revoke: [connection, auth],
  webhookEvent: [
    options,
    connection,
    {
      name: 'request',
      help: 'The delivery: `=request.headers`, `=request.body`, `=request.query`.',
    },
  ],
  webhookRegistration: [
    { name: 'input', help: 'Registration inputs, including the platform’s `=input.eventUrl`.' },
    options,
    connection,
  ],
  webhookDeregistration: [
    {
      name: 'input',
      help: 'Deregistration inputs, including `=input.registrationData` stored at registration.',
    },
    options,
    connection,
  ],
  pollingMonitor: [
    options,
    connection,
    { name: 'cursor', help: 'The cursor the previous poll stored (empty on the first run).' },
  ],
}

export function scopesForTrigger(trigger: Trigger): readonly ScopeName[] {
  switch (trigger.type) {
    case 'manual':
      return []
    case 'schedule':
      return [{ name: 'trigger', help: 'The schedule: `=trigger.scheduledTime`.' }]
    case 'event':
      return [{ name: 'event', help: "The event card's outputs: `=event.<key>`." }]
    case 'apiEndpoint':
      return [
        {
          name: 'request',
          help: 'The HTTP request: `=request.headers.<key>`, `=request.query.<key>`, `=request.body.<key>`.',
        },
      ]
    case 'helper':
      return [input]
    case 'delegated':
      return [input, { name: 'user', help: 'The Okta user who ran it: `=user.id`.' }]
  }
}

/** Names visible inside the catch list of an If Error container. */
export const ERROR_SCOPE: ScopeName = {
  name: 'error',
  help: 'The error object: `message`, `code`, `method` (step id), `flo` (flow), `execution`.',
}
