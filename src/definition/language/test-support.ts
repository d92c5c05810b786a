// Shared by the language services' unit tests (only they import it): a small project, and a
// cursor marker `|` to say where in a file a service is asked about.
import type { ProjectFiles } from '../project'

export const CONNECTOR = `{
  "name": "Acme HR",
  "key": "acmehr",
  "baseUrl": "https://hr.example/api/v1",
  "authentication": { "type": "basic", "label": "Acme HR account" }
}
`

export const HTTP_HELPER = `{
  "name": "httpHelper",
  "kind": "helper",
  "description": "Sends an authenticated request.",
  "inputs": [
    { "key": "relative_url", "type": "text", "required": true },
    { "key": "request_method", "type": "text", "required": true }
  ],
  "outputs": [
    { "key": "status_code", "type": "number" },
    { "key": "headers", "type": "object" },
    { "key": "body", "type": "object", "help": "The decoded response body." }
  ],
  "steps": [
    { "id": "done", "card": "flow.return", "inputs": { "status_code": 200, "headers": {}, "body": {} } }
  ]
}
`

export const LIST_USERS = `{
  "name": "List Users",
  "kind": "action",
  "description": "Lists users.",
  "inputs": [
    { "key": "department", "type": "text", "help": "Only this department." },
    { "key": "limit", "type": "number" }
  ],
  "outputs": [{ "key": "users", "type": "object", "list": true }],
  "steps": [
    {
      "id": "query",
      "card": "object.construct",
      "inputs": { "department": "=input.department", "limit": "=input.limit" }
    },
    {
      "id": "call",
      "card": "flow.call",
      "flow": "httpHelper",
      "inputs": { "relative_url": "/users", "request_method": "GET", "query": "=query.output" }
    },
    {
      "id": "done",
      "card": "flow.returnOutputs",
      "inputs": { "users": "=call.body.data" }
    }
  ]
}
`

export const AUTHPING = `{
  "name": "_authping",
  "kind": "authping",
  "steps": [
    {
      "id": "call",
      "card": "flow.call",
      "flow": "httpHelper",
      "inputs": { "relative_url": "/me", "request_method": "GET" }
    },
    { "id": "done", "card": "flow.return", "inputs": { "status": "=call.status_code" } }
  ]
}
`

export function sampleProject(extra: ProjectFiles = {}): ProjectFiles {
  return {
    'connector.json': CONNECTOR,
    'flows/_authping.json': AUTHPING,
    'flows/httpHelper.json': HTTP_HELPER,
    'flows/List Users.json': LIST_USERS,
    ...extra,
  }
}

/** Takes the `|` out of a text and returns the text and the offset it marked. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|')
  if (offset < 0) throw new Error('no | cursor marker in the text')
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset }
}

/** Replaces the first occurrence of `find` in a text (failing loudly when it is not there). */
export function edit(text: string, find: string, replacement: string): string {
  if (!text.includes(find)) throw new Error(`"${find}" is not in the text`)
  return text.replace(find, replacement)
}
