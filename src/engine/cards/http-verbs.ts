// The API Connector's Get, Post, Put, Patch and Delete cards: Raw Request with the method fixed.
// They share its request building, its JSON decoding and its errors for statuses of 400 and up.
import type { CardFieldSpec } from '../../definition'
import type { Card } from './card'
import { sendRequest } from './http'

const request: CardFieldSpec[] = [
  { key: 'url', type: 'text', required: true, help: 'The absolute URL.' },
  { key: 'headers', type: 'object', help: 'Header name → value.' },
  { key: 'query', type: 'object', help: 'Query parameters; a list value repeats the parameter.' },
]
const body: CardFieldSpec = {
  key: 'body',
  type: 'any',
  help: 'Text is sent as it is; an object or list is sent as JSON (with content-type application/json unless a header says otherwise).',
}
const response: CardFieldSpec[] = [
  { key: 'statusCode', type: 'number' },
  { key: 'headers', type: 'object' },
  { key: 'body', type: 'any', help: 'Parsed when the response is JSON, else text.' },
]

function verb(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', name: string): Card {
  const key = method.toLowerCase()
  return {
    id: `http.${key}`,
    name,
    category: 'HTTP',
    oktaKey: `httpfunctions:${key}`,
    help: `Sends an HTTP ${method} request${method === 'GET' ? '' : ' with an optional body'} and returns the status code, headers and body (Workflows shows the body as "output"). Fails with the status code for responses of 400 and above.`,
    inputs: method === 'GET' ? request : [...request, body],
    outputs: response,
    run: (inputs, context) =>
      sendRequest(method, method === 'GET' ? { ...inputs, body: undefined } : inputs, context),
  }
}

export const httpVerbCards: Card[] = [
  verb('GET', 'Get'),
  verb('POST', 'Post'),
  verb('PUT', 'Put'),
  verb('PATCH', 'Patch'),
  verb('DELETE', 'Delete'),
]
