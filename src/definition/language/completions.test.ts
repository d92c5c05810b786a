import { describe, expect, it } from 'vitest'
import { cardCatalogue } from '../../engine/cards'
import type { ProjectFiles } from '../project'
import { completionsAt } from './completions'
import { CONNECTOR, cursor, edit, HTTP_HELPER, LIST_USERS, sampleProject } from './test-support'
import { applyTextEdits, parseTolerant } from './text'

const LIST = 'flows/List Users.json'

function complete(marked: string, file = LIST, extra: ProjectFiles = {}) {
  const { text, offset } = cursor(marked)
  return completionsAt(sampleProject({ ...extra, [file]: text }), cardCatalogue, file, offset)
}
const labels = (items: { label: string }[]) => items.map((i) => i.label)

/** The text after accepting a completion: its insert text over its range, plus its edits. */
function accept(marked: string, label: string, file = LIST): string {
  const { text } = cursor(marked)
  const item = complete(marked, file).find((i) => i.label === label)
  if (!item) throw new Error(`no completion ${label}`)
  return applyTextEdits(text, [
    { range: item.range, text: item.insertText },
    ...(item.additionalEdits ?? []),
  ])
}

describe('reference completion', () => {
  it('offers the scope names of an action and the earlier steps only', () => {
    const items = complete(edit(LIST_USERS, '"request_method": "GET"', '"request_method": "=|"'))
    const names = labels(items)
    expect(names).toEqual(
      expect.arrayContaining(['input', 'options', 'connection', 'selectedOutputs', 'query']),
    )
    expect(names).not.toContain('call') // the step itself
    expect(names).not.toContain('done') // a later step
    expect(items.find((i) => i.label === 'query')).toMatchObject({
      kind: 'step',
      detail: 'step · Construct',
    })
    expect(items.find((i) => i.label === 'input')?.kind).toBe('scope')
  })

  it('offers only input in a helper flow', () => {
    const items = complete(
      edit(HTTP_HELPER, '"status_code": 200', '"status_code": "=|"'),
      'flows/httpHelper.json',
    )
    expect(labels(items)).toEqual(['input'])
  })

  it('offers a called helper flow’s outputs after `=call.`, replacing the whole segment', () => {
    const marked = edit(LIST_USERS, '"=call.body.data"', '"=call.bo|dy.data"')
    const items = complete(marked)
    expect(labels(items)).toEqual(['status_code', 'headers', 'body'])
    const body = items.find((i) => i.label === 'body')
    expect(body?.detail).toBe('object')
    expect(body?.documentation).toContain('decoded response body')
    expect(accept(marked, 'headers')).toContain('"=call.headers.data"')
  })

  it('prefers a Call Flow step’s declared outputs', () => {
    const marked = edit(
      edit(
        LIST_USERS,
        '"flow": "httpHelper",',
        '"flow": "httpHelper", "outputs": [{ "key": "body", "type": "object" }],',
      ),
      '"=call.body.data"',
      '"=call.|"',
    )
    expect(labels(complete(marked))).toEqual(['body'])
  })

  it('offers a card’s outputs, and Construct’s input names below `output`', () => {
    const marked = edit(LIST_USERS, '"=query.output"', '"=query.|"')
    expect(labels(complete(marked))).toEqual(['output'])
    const deeper = edit(LIST_USERS, '"=query.output"', '"=query.output.|"')
    expect(labels(complete(deeper))).toEqual(['department', 'limit'])
  })

  it('offers Assign’s input names as its outputs', () => {
    const text = edit(
      LIST_USERS,
      '"id": "call",',
      '"id": "names", "card": "flow.assign", "inputs": { "first": "a", "second": "b" } },\n    { "id": "call",',
    )
    expect(labels(complete(edit(text, '"=query.output"', '"=names.|"')))).toEqual([
      'first',
      'second',
    ])
  })

  it('offers declared inputs, options and the connection’s fields', () => {
    expect(labels(complete(edit(LIST_USERS, '"=query.output"', '"=input.|"')))).toEqual([
      'department',
      'limit',
    ])
    expect(labels(complete(edit(LIST_USERS, '"=query.output"', '"=connection.|"')))).toEqual([
      'username',
      'password',
    ])
    const withOptions = edit(
      LIST_USERS,
      '"inputs": [',
      '"options": [{ "key": "region", "label": "Region", "type": "text" }],\n  "inputs": [',
    )
    expect(labels(complete(edit(withOptions, '"=query.output"', '"=options.|"')))).toEqual([
      'region',
    ])
  })

  it('knows OAuth and custom authentication fields', () => {
    const oauth = edit(
      CONNECTOR,
      '{ "type": "basic", "label": "Acme HR account" }',
      '{ "type": "oauth2ClientCredentials", "clientAuthentication": "client_secret_basic", "tokenUrl": "https://hr.example/token", "configValues": [{ "key": "tenant", "label": "Tenant", "type": "text" }] }',
    )
    const marked = edit(LIST_USERS, '"=query.output"', '"=connection.|"')
    expect(labels(complete(marked, LIST, { 'connector.json': oauth }))).toEqual([
      'access_token',
      'tenant',
    ])
    const custom = edit(
      CONNECTOR,
      '{ "type": "basic", "label": "Acme HR account" }',
      '{ "type": "custom", "parameters": [{ "key": "api_key", "label": "API key", "type": "password" }] }',
    )
    expect(labels(complete(marked, LIST, { 'connector.json': custom }))).toEqual(['api_key'])
  })

  it('offers error only inside an If Error catch', () => {
    const flow = `{
  "name": "Guarded",
  "kind": "helper",
  "steps": [
    { "id": "first", "card": "object.construct", "inputs": { "a": "x" } },
    {
      "id": "guard",
      "card": "flow.ifError",
      "try": [{ "id": "risky", "card": "object.construct", "inputs": { "v": "=|" } }],
      "catch": [{ "id": "handle", "card": "object.construct", "inputs": { "v": "=" } }]
    }
  ]
}`
    const inTry = labels(complete(flow, 'flows/Guarded.json'))
    expect(inTry).toEqual(expect.arrayContaining(['input', 'first']))
    expect(inTry).not.toContain('error')
    expect(inTry).not.toContain('guard')
    const inCatch = labels(
      complete(
        flow.replace('"=|"', '"="').replace('"v": "=" } }]\n', '"v": "=|" } }]\n'),
        'flows/Guarded.json',
      ),
    )
    expect(inCatch).toEqual(expect.arrayContaining(['input', 'first', 'error']))
    expect(inCatch).not.toContain('risky')
  })

  it('works in branch conditions, error handling values, option flowInputs and webhook inputs', () => {
    const flow = (place: string) => `{
  "name": "Event",
  "kind": "webhookEvent",
  "options": [{ "key": "team", "label": "Team", "type": "dropdown", "flow": "httpHelper", "flowInputs": { "t": ${place === 'option' ? '"=|"' : '"x"'} } }],
  "webhook": { "registrationFlow": "httpHelper", "inputs": { "team": ${place === 'webhook' ? '"=opt|"' : '"=options.team"'} } },
  "steps": [
    { "id": "first", "card": "object.construct", "inputs": {} },
    {
      "id": "route",
      "card": "flow.ifElseIf",
      "branches": [{ "when": { "left": ${place === 'branch' ? '"=|"' : '"x"'}, "operator": "==", "right": "y" }, "steps": [] }],
      "errorHandling": { "then": "returnValues", "values": { "v": ${place === 'values' ? '"=|"' : '"x"'} } }
    }
  ]
}`
    const file = 'flows/Event.json'
    for (const place of ['branch', 'values']) {
      const names = labels(complete(flow(place), file))
      expect(names, place).toEqual(
        expect.arrayContaining(['options', 'connection', 'request', 'first']),
      )
      expect(names, place).not.toContain('route')
    }
    // Design-time values see the card's options and the connection; webhook inputs the options.
    expect(labels(complete(flow('option'), file))).toEqual(['options', 'connection'])
    expect(labels(complete(flow('webhook'), file))).toEqual(['options'])
    const webhook = complete(flow('webhook'), file)
    expect(webhook[0]?.range).toMatchObject({ startColumn: expect.any(Number) })
  })

  it('offers trigger names in workflows (request fields of an API endpoint)', () => {
    const workflow = `{
  "name": "Hook",
  "trigger": { "type": "apiEndpoint", "method": "POST", "security": "public", "body": [{ "key": "email", "type": "text" }] },
  "steps": [{ "id": "a", "card": "object.construct", "inputs": { "v": "=|" } }]
}`
    const file = 'workflows/Hook.json'
    expect(labels(complete(workflow, file))).toEqual(['request'])
    expect(labels(complete(workflow.replace('"=|"', '"=request.|"'), file))).toEqual([
      'headers',
      'query',
      'body',
    ])
    expect(labels(complete(workflow.replace('"=|"', '"=request.body.|"'), file))).toEqual(['email'])
  })

  it('tolerates broken JSON: an unterminated string and a missing comma', () => {
    const broken = edit(LIST_USERS, '"=call.body.data" }', '"=ca|\n }').replace(
      '"card": "object.construct",',
      '"card": "object.construct"',
    )
    expect(labels(complete(broken))).toContain('call')
  })

  it('offers nothing outside reference places or for literals', () => {
    expect(complete(edit(LIST_USERS, '"/users"', '"/us|ers"'))).toEqual([])
    expect(complete(edit(LIST_USERS, '"Lists users."', '"=Lists| users."'))).toEqual([])
    expect(
      complete(edit(LIST_USERS, '"request_method": "GET"', '"request_method": "==|"')),
    ).toEqual([])
  })
})

describe('card completion', () => {
  it('offers every card with its name, category and help', () => {
    const items = complete(edit(LIST_USERS, '"card": "object.construct"', '"card": "obj|"'))
    expect(labels(items)).toEqual(cardCatalogue.list().map((c) => c.id))
    const get = items.find((i) => i.label === 'object.get')
    expect(get?.detail).toBe('Get · Object')
    expect(get?.documentation).toContain('object:get')
    expect(get?.documentation).toContain('Reads the value')
    // The step already has inputs: nothing else is added.
    expect(get?.additionalEdits).toBeUndefined()
  })

  it('lists the cards the project uses first, then the essentials, then the rest', () => {
    const items = complete(edit(LIST_USERS, '"card": "object.construct"', '"card": "|"'))
    const sorted = [...items]
      .sort((a, b) => a.sortText.localeCompare(b.sortText))
      .map((i) => i.label)
    // flow.call, flow.return (twice each: List Users, httpHelper, _authping) and flow.returnOutputs
    // are in use; the card being typed over does not count.
    expect(sorted.slice(0, 3)).toEqual(['flow.call', 'flow.return', 'flow.returnOutputs'])
    expect(sorted.indexOf('object.construct')).toBeLessThan(6)
    expect(sorted.indexOf('http.rawRequest')).toBeLessThan(8)
  })

  it('adds the required inputs when the step has none', () => {
    const marked = LIST_USERS.replace(
      '"id": "done",\n      "card": "flow.returnOutputs",\n      "inputs": { "users": "=call.body.data" }',
      '"id": "done",\n      "card": "|"',
    )
    const result = accept(marked, 'http.rawRequest')
    const step = (parseTolerant(result).value as { steps: Record<string, unknown>[] }).steps[2]
    expect(step).toEqual({
      id: 'done',
      card: 'http.rawRequest',
      inputs: { url: '', method: '' },
    })
    expect(JSON.parse(result)).toBeTruthy()
  })

  it('offers connector cards in workflows', () => {
    const workflow = `{ "name": "W", "trigger": { "type": "manual" }, "steps": [{ "id": "a", "card": "|" }] }`
    const items = complete(workflow, 'workflows/W.json')
    expect(labels(items)).toContain('connector:List Users')
    expect(labels(items)).toContain('object.construct')
    expect(labels(complete(edit(LIST_USERS, '"object.construct"', '"|"')))).not.toContain(
      'connector:List Users',
    )
  })
})

describe('flow name completion', () => {
  it('offers the project’s flows, helpers first, with their kind', () => {
    const items = complete(edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "h|"'))
    expect(labels(items)).toEqual(['httpHelper']) // not the flow itself
    expect(items[0]?.detail).toBe('helper flow')
    const option = edit(
      LIST_USERS,
      '"inputs": [',
      '"options": [{ "key": "o", "label": "O", "type": "dropdown", "flow": "|" }],\n  "inputs": [',
    )
    const sorted = complete(option)
      .sort((a, b) => a.sortText.localeCompare(b.sortText))
      .map((i) => i.label)
    expect(sorted).toEqual(['httpHelper', 'List Users'])
  })

  it('offers event flows for a workflow event trigger', () => {
    const event = `{ "name": "New Hire", "kind": "webhookEvent", "steps": [] }`
    const workflow = `{ "name": "W", "trigger": { "type": "event", "card": "|" }, "steps": [] }`
    expect(
      labels(complete(workflow, 'workflows/W.json', { 'flows/New Hire.json': event })),
    ).toEqual(['connector:New Hire'])
  })

  it('replaces the whole string content', () => {
    const marked = edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "http|Hlper"')
    expect(accept(marked, 'httpHelper')).toContain('"flow": "httpHelper"')
  })
})
