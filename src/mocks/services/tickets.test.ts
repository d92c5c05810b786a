// Tickety through the mock network: API-key auth per subdomain, custom field validation,
// page-number pagination with Link headers, status transitions, comments, signed webhook
// deliveries, credential rotation and persistence.
import '../worker-environment'
import { beforeEach, describe, expect, test } from 'vitest'
import { createMockNetwork, type MockNetwork } from '../mock-network'
import type { MockRequest, MockResponse, MockService } from '../types'
import { createTicketsService, verifyTicketySignature } from './tickets'

const ACME_KEY = 'tk_acme_4f9c2e7b1d3a8e60'
const GLOBEX_KEY = 'tk_globex_77b0c1d2e3f4a5b6'
const HOOK_URL = 'https://hooks.playground.local/tickety'
const START = Date.parse('2026-04-01T12:00:00.000Z')

let clock: number
let received: MockRequest[]
let receiver: (request: MockRequest) => Promise<MockResponse>
let network: MockNetwork
let service: MockService

// Bodies are read loosely; the assertions check their shape and values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>

const ok: MockResponse = { status: 200, statusText: 'OK', headers: {}, body: '' }

beforeEach(() => {
  clock = START
  received = []
  receiver = async () => ok
  network = createMockNetwork({
    services: [createTicketsService],
    now: () => clock,
    sleep: async () => {},
    deliver: async (request) => {
      received.push(request)
      return receiver(request)
    },
  })
  service = network.service('tickets') as MockService
})

interface CallOptions {
  subdomain?: string
  key?: string | null
  body?: unknown
}

async function call(method: string, path: string, options: CallOptions = {}) {
  const { subdomain = 'acme', key = ACME_KEY, body } = options
  const headers: Record<string, string> = { accept: 'application/json' }
  if (key !== null) headers['x-api-key'] = key
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await network.respond({
    method,
    url: path.startsWith('https://') ? path : `https://${subdomain}.tickets.example/api/v1${path}`,
    headers,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const json = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : undefined
  return { ...response, json: json as Json }
}

const validAcmeTicket = {
  subject: 'Printer on fire',
  description: 'Third floor.',
  priority: 'urgent',
  requester_email: 'Ops@Initech.example',
  tags: ['Hardware', 'hardware', 'fire'],
  custom_fields: { severity: 'sev1', customer_tier: 'gold', affected_users: 30 },
}

describe('matching and authentication', () => {
  test('matches any single-label subdomain of tickets.example over https', () => {
    expect(service.matches(new URL('https://acme.tickets.example/api/v1/account'))).toBe(true)
    expect(service.matches(new URL('https://new-co.tickets.example/'))).toBe(true)
    expect(service.matches(new URL('https://a.b.tickets.example/'))).toBe(false)
    expect(service.matches(new URL('https://tickets.example/'))).toBe(false)
    expect(service.matches(new URL('http://acme.tickets.example/'))).toBe(false)
    expect(service.matches(new URL('https://acme.tickets.example.evil.example/'))).toBe(false)
  })

  test('an unknown subdomain is 404 account_not_found', async () => {
    const response = await call('GET', '/account', { subdomain: 'initech' })
    expect(response.status).toBe(404)
    expect(response.json.error).toBe('account_not_found')
    expect(response.json.message).toContain('initech')
  })

  test('a missing key is 401 missing_api_key, a wrong or foreign key 401 invalid_api_key', async () => {
    const missing = await call('GET', '/account', { key: null })
    expect([missing.status, missing.json.error]).toEqual([401, 'missing_api_key'])
    const wrong = await call('GET', '/account', { key: 'tk_acme_0000000000000000' })
    expect([wrong.status, wrong.json.error]).toEqual([401, 'invalid_api_key'])
    const foreign = await call('GET', '/account', { key: GLOBEX_KEY })
    expect([foreign.status, foreign.json.error]).toEqual([401, 'invalid_api_key'])
    const globexWithAcme = await call('GET', '/tickets', { subdomain: 'globex', key: ACME_KEY })
    expect(globexWithAcme.status).toBe(401)
  })

  test('GET /account describes the account the key belongs to', async () => {
    const acme = await call('GET', '/account')
    expect(acme.status).toBe(200)
    expect(acme.json).toEqual({ subdomain: 'acme', name: 'Acme Corp', plan: 'business', agents: 8 })
    const globex = await call('GET', '/account', { subdomain: 'globex', key: GLOBEX_KEY })
    expect(globex.json.name).toBe('Globex')
  })

  test('every response carries rate-limit headers, counted per account and minute', async () => {
    const first = await call('GET', '/account')
    const denied = await call('GET', '/account', { key: 'nope' })
    const other = await call('GET', '/account', { subdomain: 'globex', key: GLOBEX_KEY })
    expect(first.headers['x-ratelimit-limit']).toBe('600')
    expect(first.headers['x-ratelimit-remaining']).toBe('599')
    expect(denied.headers['x-ratelimit-remaining']).toBe('598')
    expect(other.headers['x-ratelimit-remaining']).toBe('599')
    clock += 60_000
    expect((await call('GET', '/account')).headers['x-ratelimit-remaining']).toBe('599')
  })

  test('the 601st request in a minute is 429 with Retry-After; the next minute is fine', async () => {
    clock = START + 15_000
    for (let i = 0; i < 600; i++) await call('GET', '/account')
    const limited = await call('GET', '/account')
    expect(limited.status).toBe(429)
    expect(limited.json.error).toBe('rate_limited')
    expect(limited.headers['retry-after']).toBe('45')
    expect(limited.headers['x-ratelimit-remaining']).toBe('0')
    clock += 45_000
    expect((await call('GET', '/account')).status).toBe(200)
  })

  test('unknown paths are 404 and known paths with another method 405', async () => {
    const unknown = await call('GET', '/users')
    expect([unknown.status, unknown.json.error]).toEqual([404, 'not_found'])
    const wrongMethod = await call('PUT', '/tickets/1', { body: {} })
    expect(wrongMethod.status).toBe(405)
    expect(wrongMethod.headers.allow).toBe('GET, PATCH, DELETE')
  })
})

describe('custom fields', () => {
  test('each account has its own fields', async () => {
    const acme = await call('GET', '/fields')
    expect(acme.json.map((f: { key: string }) => f.key)).toEqual([
      'severity',
      'customer_tier',
      'affected_users',
    ])
    expect(acme.json[0]).toMatchObject({ type: 'dropdown', required: true })
    expect(acme.json[0].options.map((o: { value: string }) => o.value)).toEqual([
      'sev1',
      'sev2',
      'sev3',
      'sev4',
    ])
    const globex = await call('GET', '/fields', { subdomain: 'globex', key: GLOBEX_KEY })
    expect(globex.json.map((f: { key: string; type: string }) => `${f.key}:${f.type}`)).toEqual([
      'region:dropdown',
      'sla_hours:number',
      'escalated:boolean',
    ])
  })
})

describe('tickets', () => {
  test('POST /tickets creates a ticket with the next id and the virtual time', async () => {
    clock = Date.parse('2026-05-05T10:00:00.000Z')
    const created = await call('POST', '/tickets', { body: validAcmeTicket })
    expect(created.status).toBe(201)
    expect(created.json).toEqual({
      id: 41,
      subject: 'Printer on fire',
      description: 'Third floor.',
      status: 'open',
      priority: 'urgent',
      requester_email: 'ops@initech.example',
      assignee: null,
      tags: ['hardware', 'fire'],
      custom_fields: { severity: 'sev1', customer_tier: 'gold', affected_users: 30 },
      created_at: '2026-05-05T10:00:00.000Z',
      updated_at: '2026-05-05T10:00:00.000Z',
    })
    expect(created.headers.location).toBe('https://acme.tickets.example/api/v1/tickets/41')
    const read = await call('GET', '/tickets/41')
    expect(read.json.subject).toBe('Printer on fire')
    expect((await call('GET', '/tickets/999')).status).toBe(404)
    expect(
      (await call('GET', '/tickets/41', { subdomain: 'globex', key: GLOBEX_KEY })).status,
    ).toBe(404)
  })

  test('ticket fields are validated with a detail per problem', async () => {
    const response = await call('POST', '/tickets', {
      body: { subject: '  ', priority: 'critical', requester_email: 'not-an-email', tags: 'x' },
    })
    expect(response.status).toBe(422)
    expect(response.json.error).toBe('validation_failed')
    const fields = response.json.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual([
      'subject',
      'priority',
      'requester_email',
      'tags',
      'custom_fields.severity',
    ])
  })

  test.each([
    ['an unknown key', { severity: 'sev2', colour: 'red' }, 'custom_fields.colour', /Unknown/],
    ['a missing required field', { customer_tier: 'gold' }, 'custom_fields.severity', /required/],
    [
      'a wrong type',
      { severity: 'sev2', affected_users: '12' },
      'custom_fields.affected_users',
      /number/,
    ],
    [
      'a value outside the dropdown',
      { severity: 'sev9' },
      'custom_fields.severity',
      /sev1, sev2, sev3, sev4/,
    ],
    ['a text for a dropdown that wants text', { severity: 2 }, 'custom_fields.severity', /one of/],
  ])('custom fields: %s is 422', async (_kind, customFields, field, message) => {
    const response = await call('POST', '/tickets', {
      body: { ...validAcmeTicket, custom_fields: customFields },
    })
    expect(response.status).toBe(422)
    expect(response.json.details).toHaveLength(1)
    expect(response.json.details[0].field).toBe(field)
    expect(response.json.details[0].message).toMatch(message)
    expect((await call('GET', '/tickets/41')).status).toBe(404)
  })

  test('custom fields are checked against the account the ticket is created in', async () => {
    const globex = { subdomain: 'globex', key: GLOBEX_KEY }
    const acmeFields = await call('POST', '/tickets', { ...globex, body: validAcmeTicket })
    expect(acmeFields.status).toBe(422)
    expect(acmeFields.json.details.map((d: { field: string }) => d.field)).toContain(
      'custom_fields.region',
    )
    const notBoolean = await call('POST', '/tickets', {
      ...globex,
      body: { ...validAcmeTicket, custom_fields: { region: 'apac', escalated: 'yes' } },
    })
    expect(notBoolean.json.details).toEqual([
      { field: 'custom_fields.escalated', message: 'Escalated must be true or false' },
    ])
    const created = await call('POST', '/tickets', {
      ...globex,
      body: {
        ...validAcmeTicket,
        custom_fields: { region: 'apac', escalated: true, sla_hours: 4 },
      },
    })
    expect(created.status).toBe(201)
    expect(created.json.id).toBe(13)
  })

  test('a body that is not a JSON object is 400', async () => {
    const broken = await call('POST', '/tickets', { body: '{"subject": ' })
    expect([broken.status, broken.json.error]).toEqual([400, 'invalid_json'])
    const list = await call('POST', '/tickets', { body: [] })
    expect(list.status).toBe(400)
  })

  test('PATCH follows the status transitions; closed tickets cannot change', async () => {
    const { json: ticket } = await call('POST', '/tickets', { body: validAcmeTicket })
    const path = `/tickets/${ticket.id}`
    const move = (status: string) => call('PATCH', path, { body: { status } })
    clock += 1_000
    const pending = await move('pending')
    expect(pending.status).toBe(200)
    expect(pending.json.status).toBe('pending')
    expect(pending.json.updated_at).toBe(new Date(clock).toISOString())
    expect((await move('solved')).json.status).toBe('solved')
    expect((await move('open')).json.status).toBe('open') // reopening a solved ticket
    const skip = await move('closed')
    expect([skip.status, skip.json.error]).toEqual([409, 'invalid_status_transition'])
    await move('solved')
    expect((await move('closed')).json.status).toBe('closed')
    const reopen = await move('open')
    expect([reopen.status, reopen.json.error]).toEqual([409, 'ticket_closed'])
    const edit = await call('PATCH', path, { body: { subject: 'Changed' } })
    expect(edit.status).toBe(409)
    expect((await call('GET', path)).json).toMatchObject({
      status: 'closed',
      subject: 'Printer on fire',
    })
  })

  test('PATCH validates what it is given and merges custom fields', async () => {
    const bad = await call('PATCH', '/tickets/1', { body: { status: 'archived' } })
    expect(bad.status).toBe(422)
    expect(bad.json.details[0].field).toBe('status')
    const clearRequired = await call('PATCH', '/tickets/1', {
      body: { custom_fields: { severity: null } },
    })
    expect(clearRequired.json.details[0]).toEqual({
      field: 'custom_fields.severity',
      message: 'Severity is required',
    })
    const before = (await call('GET', '/tickets/1')).json
    const updated = await call('PATCH', '/tickets/1', {
      body: {
        priority: 'high',
        assignee: 'li.wei@acme.example',
        custom_fields: { affected_users: 7 },
      },
    })
    expect(updated.status).toBe(200)
    expect(updated.json.priority).toBe('high')
    expect(updated.json.assignee).toBe('li.wei@acme.example')
    expect(updated.json.custom_fields).toEqual({ ...before.custom_fields, affected_users: 7 })
    expect((await call('PATCH', '/tickets/404', { body: { priority: 'low' } })).status).toBe(404)
  })

  test('DELETE removes the ticket and its comments', async () => {
    expect((await call('GET', '/tickets/1/comments')).json.comments).toHaveLength(2)
    const deleted = await call('DELETE', '/tickets/1')
    expect(deleted.status).toBe(204)
    expect(deleted.body).toBe('')
    expect((await call('GET', '/tickets/1')).status).toBe(404)
    expect((await call('DELETE', '/tickets/1')).status).toBe(404)
    expect(service.summary()).toContainEqual({ name: 'Comments', count: 8 })
  })
})

describe('pagination', () => {
  test('walking the Link rel="next" URLs visits every ticket once', async () => {
    let url: string | undefined = 'https://acme.tickets.example/api/v1/tickets?per_page=7'
    const ids: number[] = []
    const pages: number[] = []
    while (url) {
      const response = await call('GET', url)
      expect(response.status).toBe(200)
      expect(response.headers['x-total-count']).toBe('40')
      expect(response.json.total).toBe(40)
      expect(response.json.per_page).toBe(7)
      pages.push(response.json.page)
      ids.push(...response.json.tickets.map((t: { id: number }) => t.id))
      url = /<([^>]+)>; rel="next"/.exec(response.headers.link ?? '')?.[1]
    }
    expect(pages).toEqual([1, 2, 3, 4, 5, 6])
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
  })

  test('Link has first, last, prev and next as absolute URLs keeping the filters', async () => {
    const response = await call('GET', '/tickets?status=open&per_page=5&page=2')
    expect(response.json.total).toBe(15)
    expect(response.json.tickets.every((t: { status: string }) => t.status === 'open')).toBe(true)
    const links = Object.fromEntries(
      [...(response.headers.link ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [
        m[2],
        m[1],
      ]),
    )
    const base = 'https://acme.tickets.example/api/v1/tickets?status=open&per_page=5'
    expect(links).toEqual({
      next: `${base}&page=3`,
      prev: `${base}&page=1`,
      first: `${base}&page=1`,
      last: `${base}&page=3`,
    })
    const lastPage = await call('GET', links.last as string)
    expect(lastPage.headers.link).not.toContain('rel="next"')
  })

  test('defaults to 25 per page; a page beyond the end is empty', async () => {
    const first = await call('GET', '/tickets')
    expect(first.json).toMatchObject({ page: 1, per_page: 25, total: 40 })
    expect(first.json.tickets).toHaveLength(25)
    expect(first.headers.link).not.toContain('rel="prev"')
    const beyond = await call('GET', '/tickets?page=9')
    expect(beyond.status).toBe(200)
    expect(beyond.json.tickets).toEqual([])
    expect(beyond.json.total).toBe(40)
  })

  test('q searches subject and description', async () => {
    const response = await call('GET', '/tickets?q=EXPORT')
    expect(response.json.tickets.map((t: { id: number }) => t.id)).toEqual([3, 15, 35])
  })

  test.each([
    'page=0',
    'page=abc',
    'page=1.5',
    'per_page=0',
    'per_page=101',
    'page=-1',
    'status=new',
  ])('a bad parameter (%s) is 400', async (query) => {
    const response = await call('GET', `/tickets?${query}`)
    expect(response.status).toBe(400)
    expect(response.json.error).toBe('invalid_parameters')
    expect(response.json.details[0].field).toBe(query.split('=')[0])
  })
})

describe('comments', () => {
  test('comments are added and listed; the ticket is touched', async () => {
    clock += 5_000
    const added = await call('POST', '/tickets/3/comments', {
      body: { body: 'Looking into it.', public: false },
    })
    expect(added.status).toBe(201)
    expect(added.json).toMatchObject({
      ticket_id: 3,
      body: 'Looking into it.',
      public: false,
      created_at: new Date(clock).toISOString(),
    })
    expect(added.json.id).toBe(8)
    const listed = await call('GET', '/tickets/3/comments')
    expect(listed.json.comments.map((c: { body: string }) => c.body)).toEqual(['Looking into it.'])
    expect((await call('GET', '/tickets/3')).json.updated_at).toBe(new Date(clock).toISOString())
    const publicByDefault = await call('POST', '/tickets/3/comments', { body: { body: 'Hi' } })
    expect(publicByDefault.json.public).toBe(true)
  })

  test('comment errors: empty body 422, missing ticket 404, closed ticket 409', async () => {
    const empty = await call('POST', '/tickets/3/comments', { body: { body: '' } })
    expect([empty.status, empty.json.details[0].field]).toEqual([422, 'body'])
    expect((await call('POST', '/tickets/999/comments', { body: { body: 'x' } })).status).toBe(404)
    expect((await call('GET', '/tickets/999/comments')).status).toBe(404)
    const closed = (await call('GET', '/tickets?status=closed')).json.tickets[0]
    const onClosed = await call('POST', `/tickets/${closed.id}/comments`, { body: { body: 'x' } })
    expect([onClosed.status, onClosed.json.error]).toEqual([409, 'ticket_closed'])
  })
})

describe('webhooks', () => {
  const subscribe = (events: string[], url = HOOK_URL) =>
    call('POST', '/webhooks', { body: { url, events } })

  test('create returns the secret once; list and delete', async () => {
    clock = Date.parse('2026-06-01T00:00:00.000Z')
    const created = await subscribe(['ticket.created', 'ticket.created', 'comment.created'])
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      url: HOOK_URL,
      events: ['ticket.created', 'comment.created'],
      created_at: '2026-06-01T00:00:00.000Z',
      active: true,
    })
    expect(created.json.id).toMatch(/^wh_/)
    expect(created.json.secret).toMatch(/^whsec_.{20,}/)
    const listed = await call('GET', '/webhooks')
    expect(listed.json.webhooks).toHaveLength(1)
    expect(listed.json.webhooks[0].id).toBe(created.json.id)
    expect(listed.json.webhooks[0]).not.toHaveProperty('secret')
    const globexList = await call('GET', '/webhooks', { subdomain: 'globex', key: GLOBEX_KEY })
    expect(globexList.json.webhooks).toEqual([])
    expect((await call('DELETE', `/webhooks/${created.json.id}`)).status).toBe(204)
    expect((await call('GET', '/webhooks')).json.webhooks).toEqual([])
    expect((await call('DELETE', `/webhooks/${created.json.id}`)).status).toBe(404)
  })

  test('an http URL or an unknown event is 422', async () => {
    const http = await subscribe(['ticket.created'], 'http://hooks.playground.local/x')
    expect(http.status).toBe(422)
    expect(http.json.details).toEqual([
      { field: 'url', message: 'url must be an absolute https URL' },
    ])
    const relative = await subscribe(['ticket.created'], '/hooks')
    expect(relative.status).toBe(422)
    const unknown = await subscribe(['ticket.created', 'ticket.exploded'])
    expect(unknown.status).toBe(422)
    expect(unknown.json.details[0]).toEqual({
      field: 'events',
      message: 'Unknown event "ticket.exploded"',
    })
    expect((await subscribe([])).status).toBe(422)
    expect((await call('GET', '/webhooks')).json.webhooks).toEqual([])
  })

  test('a matching event is delivered, signed, after the API answered', async () => {
    const hook = (await subscribe(['ticket.created'])).json
    clock = Date.parse('2026-06-02T08:00:00.500Z')
    const created = await call('POST', '/tickets', { body: validAcmeTicket })
    expect(created.status).toBe(201)
    await service.idle?.()
    expect(received).toHaveLength(1)
    const delivery = received[0] as MockRequest
    expect(delivery.method).toBe('POST')
    expect(delivery.url).toBe(HOOK_URL)
    expect(delivery.headers['Content-Type']).toBe('application/json')
    expect(delivery.headers['User-Agent']).toBe('Tickety-Webhooks/1.0')
    expect(delivery.headers['X-Tickety-Event']).toBe('ticket.created')
    expect(delivery.headers['X-Tickety-Timestamp']).toBe(String(Math.floor(clock / 1000)))
    const body = JSON.parse(delivery.body ?? '') as Json
    expect(body.id).toMatch(/^evt_/)
    expect(body).toMatchObject({
      type: 'ticket.created',
      created_at: '2026-06-02T08:00:00.500Z',
      account: 'acme',
      data: { ticket: created.json },
    })
    const timestamp = delivery.headers['X-Tickety-Timestamp'] as string
    const signature = delivery.headers['X-Tickety-Signature'] as string
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(
      await verifyTicketySignature(hook.secret, timestamp, delivery.body ?? '', signature),
    ).toBe(true)
    const altered = (delivery.body ?? '').replace('Printer on fire', 'Printer is fine')
    expect(await verifyTicketySignature(hook.secret, timestamp, altered, signature)).toBe(false)
    expect(
      await verifyTicketySignature(
        hook.secret,
        String(Number(timestamp) + 1),
        delivery.body ?? '',
        signature,
      ),
    ).toBe(false)
    expect(
      await verifyTicketySignature('whsec_other', timestamp, delivery.body ?? '', signature),
    ).toBe(false)
    expect(
      await verifyTicketySignature(hook.secret, timestamp, delivery.body ?? '', 'sha256=zz'),
    ).toBe(false)

    const log = await call('GET', `/webhooks/${hook.id}/deliveries`)
    expect(log.json.deliveries).toEqual([
      {
        id: delivery.headers['X-Tickety-Delivery'],
        event: 'ticket.created',
        status: 'delivered',
        attempted_at: '2026-06-02T08:00:00.500Z',
        response_status: 200,
      },
    ])
  })

  test('only subscribed events are delivered, each to its own webhooks', async () => {
    await subscribe(['comment.created'])
    await subscribe(['ticket.updated', 'ticket.deleted'], `${HOOK_URL}/changes`)
    await call('PATCH', '/tickets/1', { body: { priority: 'low' } })
    await call('POST', '/tickets/1/comments', { body: { body: 'Noted.' } })
    await call('DELETE', '/tickets/1')
    await call('POST', '/tickets', { body: validAcmeTicket })
    await service.idle?.()
    const seen = received.map((r) => `${r.headers['X-Tickety-Event']} → ${r.url}`)
    expect(seen.sort()).toEqual([
      `comment.created → ${HOOK_URL}`,
      `ticket.deleted → ${HOOK_URL}/changes`,
      `ticket.updated → ${HOOK_URL}/changes`,
    ])
    const comment = received.find((r) => r.headers['X-Tickety-Event'] === 'comment.created')
    expect(JSON.parse(comment?.body ?? '').data.comment).toMatchObject({
      ticket_id: 1,
      body: 'Noted.',
    })
    expect(service.summary()).toContainEqual({ name: 'Deliveries', count: 3 })
  })

  test('failed deliveries are recorded with the status or the error', async () => {
    const hook = (await subscribe(['ticket.updated'])).json
    receiver = async () => ({
      status: 500,
      statusText: 'Internal Server Error',
      headers: {},
      body: '',
    })
    await call('PATCH', '/tickets/1', { body: { priority: 'low' } })
    await service.idle?.()
    receiver = async () => {
      throw new Error('connection reset')
    }
    await call('PATCH', '/tickets/1', { body: { priority: 'high' } })
    await service.idle?.()
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries`)).json.deliveries
    expect(log).toHaveLength(2)
    expect(log[0]).toMatchObject({
      status: 'failed',
      response_status: null,
      error: 'connection reset',
    })
    expect(log[1]).toMatchObject({ status: 'failed', response_status: 500 })
    expect(log[1].error).toContain('500')
  })

  test('the API answers without waiting for the delivery; idle() waits for it', async () => {
    const hook = (await subscribe(['ticket.created'])).json
    let release: (response: MockResponse) => void = () => {}
    receiver = () => new Promise((resolve) => (release = resolve))
    const created = await call('POST', '/tickets', { body: validAcmeTicket })
    expect(created.status).toBe(201)
    let idle = false
    const waiting = service.idle?.().then(() => (idle = true))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(received).toHaveLength(1)
    expect(idle).toBe(false)
    expect((await call('GET', `/webhooks/${hook.id}/deliveries`)).json.deliveries).toEqual([])
    release({ status: 202, statusText: 'Accepted', headers: {}, body: '' })
    await waiting
    expect(idle).toBe(true)
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries`)).json.deliveries
    expect(log[0]).toMatchObject({ status: 'delivered', response_status: 202 })
  })

  test('a delivery to a mock host goes back into the mock network', async () => {
    const url = 'https://globex.tickets.example/api/v1/account'
    const hook = (await subscribe(['ticket.created'], url)).json
    await call('POST', '/tickets', { body: validAcmeTicket })
    await service.idle?.()
    expect(received).toEqual([]) // not handed to `deliver`
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries`)).json.deliveries
    // Tickety's own API refuses it: the delivery carries no API key.
    expect(log[0]).toMatchObject({ status: 'failed', response_status: 401 })
    expect(network.log().some((entry) => entry.path === '/api/v1/account')).toBe(true)
  })

  test('the delivery log keeps the last 20', async () => {
    const hook = (await subscribe(['ticket.updated'])).json
    for (let i = 0; i < 23; i++) {
      await call('PATCH', '/tickets/1', { body: { tags: [`round-${i}`] } })
    }
    await service.idle?.()
    expect(received).toHaveLength(23)
    const log = (await call('GET', `/webhooks/${hook.id}/deliveries`)).json.deliveries
    expect(log).toHaveLength(20)
    expect(log[0].id).toBe(received[22]?.headers['X-Tickety-Delivery'])
  })
})

describe('credentials and state', () => {
  test('demo credentials list each account with its current key', () => {
    expect(service.demoCredentials().map((c) => [c.label, c.values])).toEqual([
      ['Acme Corp (acme)', { subdomain: 'acme', api_key: ACME_KEY }],
      ['Globex (globex)', { subdomain: 'globex', api_key: GLOBEX_KEY }],
    ])
    expect(service.expireTokens()).toBe(0)
  })

  test('revokeCredentials rotates every key: old keys fail, the new demo keys work', async () => {
    expect(service.revokeCredentials()).toBe(2)
    const old = await call('GET', '/account')
    expect([old.status, old.json.error]).toEqual([401, 'invalid_api_key'])
    const [acme, globex] = service.demoCredentials()
    expect(acme?.values.api_key).not.toBe(ACME_KEY)
    expect(acme?.values.api_key).toMatch(/^tk_acme_/)
    expect((await call('GET', '/account', { key: acme?.values.api_key ?? '' })).status).toBe(200)
    const globexAccount = await call('GET', '/account', {
      subdomain: 'globex',
      key: globex?.values.api_key ?? '',
    })
    expect(globexAccount.status).toBe(200)
    service.reset()
    expect((await call('GET', '/account')).status).toBe(200)
  })

  test('summary counts the default seed', () => {
    expect(service.summary()).toEqual([
      { name: 'Tickets', count: 52 },
      { name: 'Comments', count: 10 },
      { name: 'Webhooks', count: 0 },
      { name: 'Deliveries', count: 0 },
    ])
  })

  test('snapshot → JSON → restore round-trips the whole state', async () => {
    const created = (await call('POST', '/tickets', { body: validAcmeTicket })).json
    const hook = (
      await call('POST', '/webhooks', { body: { url: HOOK_URL, events: ['ticket.updated'] } })
    ).json
    service.revokeCredentials()
    const key = service.demoCredentials()[0]?.values.api_key ?? ''
    const saved = JSON.parse(JSON.stringify(service.snapshot())) as unknown
    service.reset('empty')
    expect(service.restore(saved)).toBe(true)
    expect(service.snapshot()).toEqual(saved)
    expect((await call('GET', `/tickets/${created.id}`, { key })).json.subject).toBe(
      'Printer on fire',
    )
    expect((await call('GET', '/webhooks', { key })).json.webhooks[0].id).toBe(hook.id)
    const next = await call('POST', '/tickets', { key, body: validAcmeTicket })
    expect(next.json.id).toBe(created.id + 1)
    await call('PATCH', `/tickets/${next.json.id}`, { key, body: { priority: 'low' } })
    await service.idle?.()
    expect(received).toHaveLength(1) // the restored webhook still delivers
  })

  test('the mock network persists Tickety with the rest', async () => {
    await call('POST', '/tickets', { body: validAcmeTicket })
    const saved = JSON.parse(JSON.stringify(network.snapshot())) as unknown
    network.reset()
    expect(service.summary()[0]).toEqual({ name: 'Tickets', count: 52 })
    network.restore(saved)
    expect(service.summary()[0]).toEqual({ name: 'Tickets', count: 53 })
  })

  test.each([
    ['null', null],
    ['a string', 'tickets'],
    ['an empty object', {}],
    ['a wrong version', { version: 2, accounts: [] }],
    ['an incomplete account', { version: 1, accounts: [{ subdomain: 'acme' }] }],
  ])('restore(%s) is false and leaves the default state', async (_what, garbage) => {
    await call('POST', '/tickets', { body: validAcmeTicket })
    expect(service.restore(garbage)).toBe(false)
    expect(service.summary()[0]).toEqual({ name: 'Tickets', count: 52 })
  })

  test('restore refuses duplicate subdomains and a ticket with a bad status', () => {
    const saved = service.snapshot() as { accounts: { tickets: { status: string }[] }[] }
    const duplicated = { ...saved, accounts: [saved.accounts[0], saved.accounts[0]] }
    expect(service.restore(duplicated)).toBe(false)
    const badStatus = structuredClone(saved)
    ;(badStatus.accounts[0]?.tickets[0] as { status: string }).status = 'archived'
    expect(service.restore(badStatus)).toBe(false)
  })

  test('reset("empty") keeps accounts and fields but no tickets; reset() brings the seed back', async () => {
    await call('POST', '/webhooks', { body: { url: HOOK_URL, events: ['ticket.created'] } })
    service.reset('empty')
    expect(service.summary().map((c) => c.count)).toEqual([0, 0, 0, 0])
    const list = await call('GET', '/tickets')
    expect(list.json).toMatchObject({ tickets: [], total: 0, page: 1 })
    expect(list.headers.link).toContain('rel="last"')
    expect((await call('GET', '/fields')).json).toHaveLength(3)
    const first = await call('POST', '/tickets', { body: validAcmeTicket })
    expect(first.json.id).toBe(1)
    service.reset()
    expect(service.summary().map((c) => c.count)).toEqual([52, 10, 0, 0])
    expect(service.seeds.map((s) => s.id)).toEqual(['default', 'empty'])
  })

  test('the seed is deterministic', () => {
    const a = JSON.stringify(service.snapshot())
    const other = createMockNetwork({ services: [createTicketsService], now: () => 0 })
    expect(JSON.stringify(other.service('tickets')?.snapshot())).toBe(a)
  })
})
