// Tickety: a mock ticket system at https://{subdomain}.tickets.example/api/v1 with API-key auth
// (`X-Api-Key`) per account. This module owns the accounts and their custom fields, tickets
// (page-number pagination with Link headers, status transitions, validation against the
// account's fields), comments, rate-limit headers, and webhooks whose deliveries are signed with
// HMAC-SHA256 and recorded. State is plain JSON seeded from fixtures/mock-data/tickets-seed.json;
// time, ids, secrets and outbound deliveries all come from the MockContext.
import { http, HttpResponse } from 'msw'
import { z } from 'zod'
import seedData from '../../../fixtures/mock-data/tickets-seed.json'
import type { CreateMockService, MockContext, MockResponse } from '../types'

export const TICKETS_DOMAIN = 'tickets.example'
const HOST_PATTERN = `https://:subdomain.${TICKETS_DOMAIN}`
const API_PATH = '/api/v1'
const RATE_LIMIT = 600
const RATE_WINDOW_MS = 60_000
const DELIVERY_HISTORY = 20
const MAX_WEBHOOKS = 20
const MAX_PER_PAGE = 100

// ---------------------------------------------------------------------------------------------
// The state, as zod schemas: they type the state and validate seeds and restored snapshots.

const STATUSES = ['open', 'pending', 'solved', 'closed'] as const
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
const FIELD_TYPES = ['text', 'number', 'boolean', 'date', 'dropdown'] as const
export const TICKETY_EVENTS = [
  'ticket.created',
  'ticket.updated',
  'ticket.deleted',
  'comment.created',
] as const

type Status = (typeof STATUSES)[number]
type EventType = (typeof TICKETY_EVENTS)[number]

const id = z.number().int().positive()
const fieldValueSchema = z.union([z.string(), z.number(), z.boolean()])

const customFieldSchema = z.object({
  key: z.string().min(1),
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.object({ label: z.string(), value: z.string() })).optional(),
})

const ticketSchema = z.object({
  id,
  subject: z.string(),
  description: z.string(),
  status: z.enum(STATUSES),
  priority: z.enum(PRIORITIES),
  requester_email: z.string(),
  assignee: z.string().nullable(),
  tags: z.array(z.string()),
  custom_fields: z.record(z.string(), fieldValueSchema),
  created_at: z.string(),
  updated_at: z.string(),
})

const commentSchema = z.object({
  id,
  ticket_id: id,
  body: z.string(),
  public: z.boolean(),
  author: z.string(),
  created_at: z.string(),
})

const deliverySchema = z.object({
  id: z.string(),
  event: z.enum(TICKETY_EVENTS),
  status: z.enum(['delivered', 'failed']),
  attempted_at: z.string(),
  response_status: z.number().int().nullable(),
  error: z.string().optional(),
})

const webhookSchema = z.object({
  id: z.string().min(1),
  url: z.string(),
  events: z.array(z.enum(TICKETY_EVENTS)),
  secret: z.string().min(1),
  created_at: z.string(),
  active: z.boolean(),
  deliveries: z.array(deliverySchema),
})

const seedAccountSchema = z.object({
  subdomain: z.string().regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/),
  name: z.string(),
  plan: z.string(),
  agents: z.number().int().nonnegative(),
  api_key: z.string().min(1),
  fields: z.array(customFieldSchema),
  tickets: z.array(ticketSchema),
  comments: z.array(commentSchema),
})

const accountSchema = seedAccountSchema.extend({
  webhooks: z.array(webhookSchema),
  next_ticket_id: id,
  next_comment_id: id,
})

const stateSchema = z.object({
  version: z.literal(1),
  accounts: z
    .array(accountSchema)
    .refine((list) => new Set(list.map((a) => a.subdomain)).size === list.length, {
      message: 'subdomains must be unique',
    }),
})

type CustomField = z.infer<typeof customFieldSchema>
type FieldValue = z.infer<typeof fieldValueSchema>
type Ticket = z.infer<typeof ticketSchema>
type Comment = z.infer<typeof commentSchema>
type Delivery = z.infer<typeof deliverySchema>
type Webhook = z.infer<typeof webhookSchema>
type Account = z.infer<typeof accountSchema>
type TicketsState = z.infer<typeof stateSchema>

const SEED = z.object({ accounts: z.array(seedAccountSchema) }).parse(seedData)
const SEEDS = [
  { id: 'default', label: 'Sample tickets (Acme Corp and Globex)' },
  { id: 'empty', label: 'Accounts and custom fields only' },
]

const clone = <T>(value: T): T => structuredClone(value)
const nextId = (items: { id: number }[]) => Math.max(0, ...items.map((i) => i.id)) + 1

function freshState(seed = 'default'): TicketsState {
  const withData = seed !== 'empty'
  return {
    version: 1,
    accounts: SEED.accounts.map((account) => {
      const tickets = withData ? clone(account.tickets) : []
      const comments = withData ? clone(account.comments) : []
      return {
        ...clone(account),
        tickets,
        comments,
        webhooks: [],
        next_ticket_id: nextId(tickets),
        next_comment_id: nextId(comments),
      }
    }),
  }
}

/** Parses a snapshot; ids counters are moved past the ids in use so new ids never collide. */
function parseSnapshot(snapshot: unknown): TicketsState | undefined {
  const parsed = stateSchema.safeParse(snapshot)
  if (!parsed.success) return undefined
  for (const account of parsed.data.accounts) {
    account.next_ticket_id = Math.max(account.next_ticket_id, nextId(account.tickets))
    account.next_comment_id = Math.max(account.next_comment_id, nextId(account.comments))
  }
  return parsed.data
}

// ---------------------------------------------------------------------------------------------
// Responses and request parsing.

interface Detail {
  field: string
  message: string
}

function apiError(status: number, error: string, message: string, details?: Detail[]): Response {
  return HttpResponse.json({ error, message, ...(details ? { details } : {}) }, { status })
}

/** 422 whose message sums the details up, for clients that show only the message. */
const validationFailed = (details: Detail[]) =>
  apiError(
    422,
    'validation_failed',
    `Validation failed: ${details.map((d) => d.message).join('; ')}`,
    details,
  )

const notFound = (what: string, value: string) =>
  apiError(404, 'not_found', `No ${what} has id ${value}`)

/** The JSON object body of a POST or PATCH, or the 400 to answer. */
async function readObject(request: Request): Promise<Record<string, unknown> | Response> {
  let body: unknown
  try {
    body = JSON.parse(await request.text())
  } catch {
    body = undefined
  }
  return isObject(body)
    ? body
    : apiError(400, 'invalid_json', 'The request body must be a JSON object')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/

// ---------------------------------------------------------------------------------------------
// Validation of ticket fields and custom fields.

/** Why a custom field value is not acceptable, or undefined when it is. */
function customValueProblem(field: CustomField, value: unknown): string | undefined {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? undefined : `${field.name} must be text`
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `${field.name} must be a number`
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field.name} must be true or false`
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : `${field.name} must be an ISO 8601 date such as 2026-03-01`
    case 'dropdown': {
      const allowed = (field.options ?? []).map((o) => o.value)
      return typeof value === 'string' && allowed.includes(value)
        ? undefined
        : `${field.name} must be one of: ${allowed.join(', ')}`
    }
  }
}

/** Merges given custom field values into the current ones, checking them against the account's fields. */
function validateCustomFields(
  given: unknown,
  fields: CustomField[],
  current: Record<string, FieldValue>,
): { values: Record<string, FieldValue>; details: Detail[] } {
  const details: Detail[] = []
  const values = new Map(Object.entries(current))
  if (given !== undefined && given !== null && !isObject(given)) {
    return {
      values: current,
      details: [{ field: 'custom_fields', message: 'custom_fields must be an object' }],
    }
  }
  for (const [key, value] of Object.entries(given ?? {})) {
    const field = fields.find((f) => f.key === key)
    const path = `custom_fields.${key}`
    if (!field) {
      const known = fields.map((f) => f.key).join(', ')
      details.push({
        field: path,
        message: `Unknown custom field "${key}"; this account has: ${known}`,
      })
    } else if (value === null) {
      values.delete(key)
    } else {
      const problem = customValueProblem(field, value)
      if (problem) details.push({ field: path, message: problem })
      else values.set(key, value as FieldValue)
    }
  }
  const reported = new Set(details.map((d) => d.field))
  for (const field of fields) {
    const path = `custom_fields.${field.key}`
    if (field.required && !values.has(field.key) && !reported.has(path)) {
      details.push({ field: path, message: `${field.name} is required` })
    }
  }
  return { values: Object.fromEntries(values), details }
}

type TicketChanges = Partial<Omit<Ticket, 'id' | 'created_at' | 'updated_at'>>

/**
 * Checks the ticket fields of a create (every required field) or an update (only the given
 * ones). Status transitions are checked separately: they are conflicts, not invalid input.
 */
function validateTicketBody(
  body: Record<string, unknown>,
  account: Account,
  existing?: Ticket,
): { changes: TicketChanges; details: Detail[] } {
  const creating = existing === undefined
  const changes: TicketChanges = {}
  const details: Detail[] = []
  const has = (key: string) => body[key] !== undefined
  const problem = (field: string, message: string) => details.push({ field, message })

  if (creating || has('subject')) {
    const subject = body.subject
    if (typeof subject !== 'string' || subject.trim() === '') {
      problem('subject', 'subject is required')
    } else if (subject.length > 250) {
      problem('subject', 'subject is at most 250 characters')
    } else changes.subject = subject.trim()
  }
  if (has('description')) {
    if (typeof body.description !== 'string') problem('description', 'description must be text')
    else changes.description = body.description
  }
  if (has('priority')) {
    const priority = body.priority
    if (!PRIORITIES.includes(priority as never)) {
      problem('priority', `priority must be one of: ${PRIORITIES.join(', ')}`)
    } else changes.priority = priority as Ticket['priority']
  }
  if (has('status')) {
    const status = body.status
    if (!STATUSES.includes(status as never)) {
      problem('status', `status must be one of: ${STATUSES.join(', ')}`)
    } else if (creating && status !== 'open' && status !== 'pending') {
      problem('status', 'a new ticket is open or pending')
    } else changes.status = status as Status
  }
  if (creating || has('requester_email')) {
    const email = body.requester_email
    if (typeof email !== 'string' || !EMAIL.test(email)) {
      problem('requester_email', 'requester_email must be an email address')
    } else changes.requester_email = email.toLowerCase()
  }
  if (has('assignee')) {
    const assignee = body.assignee
    if (assignee === null) changes.assignee = null
    else if (typeof assignee === 'string' && EMAIL.test(assignee)) changes.assignee = assignee
    else problem('assignee', 'assignee must be an agent email address or null')
  }
  if (has('tags')) {
    const tags = body.tags
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string' && t.trim() !== '')) {
      problem('tags', 'tags must be a list of non-empty texts')
    } else changes.tags = [...new Set(tags.map((t: string) => t.trim().toLowerCase()))]
  }
  const custom = validateCustomFields(
    body.custom_fields,
    account.fields,
    existing?.custom_fields ?? {},
  )
  details.push(...custom.details)
  if (creating || has('custom_fields')) changes.custom_fields = custom.values
  return { changes, details }
}

/** Where a ticket may go from each status (same status is always allowed). */
const TRANSITIONS: Record<Status, readonly Status[]> = {
  open: ['pending', 'solved'],
  pending: ['open', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
}

// ---------------------------------------------------------------------------------------------
// Pagination.

/** A whole-number query parameter in [min, max], the fallback when absent, or undefined when bad. */
function wholeParam(url: URL, name: string, fallback: number, max: number): number | undefined {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d+$/.test(raw)) return undefined
  const value = Number(raw)
  return value >= 1 && value <= max ? value : undefined
}

function linkHeader(url: URL, page: number, perPage: number, lastPage: number): string {
  const at = (n: number) => {
    const link = new URL(url)
    link.searchParams.set('page', String(n))
    link.searchParams.set('per_page', String(perPage))
    return link.href
  }
  const links: [number, string][] = []
  if (page < lastPage) links.push([page + 1, 'next'])
  if (page > 1) links.push([Math.min(page - 1, lastPage), 'prev'])
  links.push([1, 'first'], [lastPage, 'last'])
  return links.map(([n, rel]) => `<${at(n)}>; rel="${rel}"`).join(', ')
}

// ---------------------------------------------------------------------------------------------
// Webhook signatures.

const encoder = new TextEncoder()

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
  return [...signature].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** The `X-Tickety-Signature` header value for a delivery: `sha256=<hex HMAC(secret, ts.body)>`. */
export async function signTicketyPayload(
  secret: string,
  timestamp: string,
  body: string,
): Promise<string> {
  return `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`
}

/**
 * Checks a delivery's `X-Tickety-Signature` against the webhook secret, the
 * `X-Tickety-Timestamp` header and the raw body. (Rejecting old timestamps is the receiver's call.)
 */
export async function verifyTicketySignature(
  secret: string,
  timestamp: string,
  body: string,
  signatureHeader: string | null | undefined,
): Promise<boolean> {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader?.trim() ?? '')?.[1]?.toLowerCase()
  if (!given) return false
  const expected = (await signTicketyPayload(secret, timestamp, body)).slice('sha256='.length)
  let difference = 0
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ given.charCodeAt(i)
  }
  return difference === 0
}

// ---------------------------------------------------------------------------------------------
// The service.

interface Call {
  request: Request
  url: URL
  account: Account
  /** The route's path parameters (the subdomain excluded). */
  params: Record<string, string>
}

interface Route {
  method: 'get' | 'post' | 'patch' | 'delete'
  path: string
  handle: (call: Call) => Response | Promise<Response>
}

interface Quota {
  remaining: number
  resetAt: number
  exceeded: boolean
}

const publicWebhook = ({ secret: _secret, deliveries: _deliveries, ...rest }: Webhook) => rest

export const createTicketsService: CreateMockService = (context: MockContext) => {
  let state = freshState()
  let usage = new Map<string, { window: number; used: number }>()
  const inFlight = new Set<Promise<void>>()
  const isoNow = () => new Date(context.now()).toISOString()

  // --- Rate limiting: per account, per minute of the virtual clock. ---
  const currentWindow = () => Math.floor(context.now() / RATE_WINDOW_MS)
  const windowEnd = (window: number) => (window + 1) * RATE_WINDOW_MS

  function takeQuota(subdomain: string): Quota {
    const window = currentWindow()
    const current = usage.get(subdomain)
    const entry = current && current.window === window ? current : { window, used: 0 }
    entry.used += 1
    usage.set(subdomain, entry)
    return {
      remaining: Math.max(0, RATE_LIMIT - entry.used),
      resetAt: windowEnd(window),
      exceeded: entry.used > RATE_LIMIT,
    }
  }

  function withRateHeaders(response: Response, quota: Quota): Response {
    response.headers.set('X-RateLimit-Limit', String(RATE_LIMIT))
    response.headers.set('X-RateLimit-Remaining', String(quota.remaining))
    response.headers.set('X-RateLimit-Reset', String(Math.ceil(quota.resetAt / 1000)))
    return response
  }

  // --- Authentication and dispatch: every endpoint goes through here. ---
  function authenticate(request: Request, account: Account): Response | undefined {
    const key = request.headers.get('x-api-key')?.trim()
    if (!key) return apiError(401, 'missing_api_key', 'Send your API key in the X-Api-Key header')
    if (key !== account.api_key) {
      return apiError(401, 'invalid_api_key', `The API key is not valid for ${account.subdomain}`)
    }
    return undefined
  }

  async function dispatch(
    request: Request,
    params: Record<string, string | readonly string[] | undefined>,
    handle: Route['handle'],
  ): Promise<Response> {
    const subdomain = String(params.subdomain ?? '')
    const account = state.accounts.find((a) => a.subdomain === subdomain)
    if (!account) {
      const response = apiError(
        404,
        'account_not_found',
        `No Tickety account uses the subdomain "${subdomain}"`,
      )
      const untouched = {
        remaining: RATE_LIMIT,
        resetAt: windowEnd(currentWindow()),
        exceeded: false,
      }
      return withRateHeaders(response, untouched)
    }
    const quota = takeQuota(subdomain)
    if (quota.exceeded) {
      const retryAfter = Math.max(1, Math.ceil((quota.resetAt - context.now()) / 1000))
      const response = apiError(
        429,
        'rate_limited',
        `More than ${RATE_LIMIT} requests a minute. Retry after ${retryAfter} seconds.`,
      )
      response.headers.set('Retry-After', String(retryAfter))
      return withRateHeaders(response, quota)
    }
    const url = new URL(request.url)
    const routeParams = Object.fromEntries(
      Object.entries(params)
        .filter(([name]) => name !== 'subdomain')
        .map(([name, value]) => [name, String(value)]),
    )
    let response: Response
    try {
      response =
        authenticate(request, account) ??
        (await handle({ request, url, account, params: routeParams }))
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      response = apiError(500, 'internal_error', `Tickety failed to answer: ${message}`)
    }
    return withRateHeaders(response, quota)
  }

  // --- Webhook deliveries: after the state change, never delaying the API response. ---
  function emit(account: Account, type: EventType, data: Record<string, unknown>): void {
    const hooks = account.webhooks.filter((h) => h.active && h.events.includes(type))
    if (hooks.length === 0) return
    const body = JSON.stringify({
      id: `evt_${context.randomToken(12)}`,
      type,
      created_at: isoNow(),
      account: account.subdomain,
      data,
    })
    for (const hook of hooks) {
      const delivery = deliver(account.subdomain, hook, type, body)
      inFlight.add(delivery)
      void delivery.then(() => inFlight.delete(delivery))
    }
  }

  async function deliver(subdomain: string, hook: Webhook, type: EventType, body: string) {
    const deliveryId = `dlv_${context.randomToken(12)}`
    const attemptedAt = context.now()
    const timestamp = String(Math.floor(attemptedAt / 1000))
    let outcome: Pick<Delivery, 'status' | 'response_status' | 'error'>
    try {
      const response: MockResponse = await context.send({
        method: 'POST',
        url: hook.url,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Tickety-Webhooks/1.0',
          'X-Tickety-Event': type,
          'X-Tickety-Delivery': deliveryId,
          'X-Tickety-Timestamp': timestamp,
          'X-Tickety-Signature': await signTicketyPayload(hook.secret, timestamp, body),
        },
        body,
      })
      const ok = response.status >= 200 && response.status < 300
      outcome = ok
        ? { status: 'delivered', response_status: response.status }
        : {
            status: 'failed',
            response_status: response.status,
            error: `The receiver answered ${response.status} ${response.statusText}`.trim(),
          }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      outcome = { status: 'failed', response_status: null, error: message }
    }
    const delivery: Delivery = {
      id: deliveryId,
      event: type,
      attempted_at: new Date(attemptedAt).toISOString(),
      ...outcome,
    }
    recordDelivery(subdomain, hook.id, delivery)
  }

  /** Keeps the outcome on the webhook, if it still exists (a reset may have removed it). */
  function recordDelivery(subdomain: string, webhookId: string, delivery: Delivery) {
    const account = state.accounts.find((a) => a.subdomain === subdomain)
    const hook = account?.webhooks.find((h) => h.id === webhookId)
    if (hook) hook.deliveries = [delivery, ...hook.deliveries].slice(0, DELIVERY_HISTORY)
  }

  // --- Endpoints. ---
  const findTicket = (account: Account, value: string | undefined) =>
    account.tickets.find((t) => String(t.id) === value)

  function listTickets({ account, url }: Call): Response {
    const page = wholeParam(url, 'page', 1, Number.MAX_SAFE_INTEGER)
    const perPage = wholeParam(url, 'per_page', 25, MAX_PER_PAGE)
    const status = url.searchParams.get('status') || undefined
    const details: Detail[] = []
    if (page === undefined)
      details.push({ field: 'page', message: 'page must be a whole number ≥ 1' })
    if (perPage === undefined) {
      details.push({
        field: 'per_page',
        message: `per_page must be a whole number from 1 to ${MAX_PER_PAGE}`,
      })
    }
    if (status !== undefined && !STATUSES.includes(status as never)) {
      details.push({ field: 'status', message: `status must be one of: ${STATUSES.join(', ')}` })
    }
    if (page === undefined || perPage === undefined || details.length > 0) {
      return apiError(400, 'invalid_parameters', 'The query parameters are not valid', details)
    }
    const q = url.searchParams.get('q')?.trim().toLowerCase()
    const matching = account.tickets.filter(
      (t) =>
        (!status || t.status === status) &&
        (!q || `${t.subject}\n${t.description}`.toLowerCase().includes(q)),
    )
    const total = matching.length
    const lastPage = Math.max(1, Math.ceil(total / perPage))
    const tickets = matching.slice((page - 1) * perPage, page * perPage)
    return HttpResponse.json(
      { tickets, page, per_page: perPage, total },
      {
        headers: {
          Link: linkHeader(url, page, perPage, lastPage),
          'X-Total-Count': String(total),
        },
      },
    )
  }

  async function createTicket({ account, request, url }: Call): Promise<Response> {
    const body = await readObject(request)
    if (body instanceof Response) return body
    const { changes, details } = validateTicketBody(body, account)
    if (details.length > 0) return validationFailed(details)
    const now = isoNow()
    const ticket: Ticket = {
      id: account.next_ticket_id++,
      subject: '',
      description: '',
      status: 'open',
      priority: 'normal',
      requester_email: '',
      assignee: null,
      tags: [],
      custom_fields: {},
      ...changes,
      created_at: now,
      updated_at: now,
    }
    account.tickets.push(ticket)
    emit(account, 'ticket.created', { ticket })
    return HttpResponse.json(ticket, {
      status: 201,
      headers: { Location: `${url.origin}${API_PATH}/tickets/${ticket.id}` },
    })
  }

  async function updateTicket({ account, request, params }: Call): Promise<Response> {
    const ticket = findTicket(account, params.id)
    if (!ticket) return notFound('ticket', String(params.id))
    if (ticket.status === 'closed') {
      return apiError(
        409,
        'ticket_closed',
        `Ticket ${ticket.id} is closed and can no longer change`,
      )
    }
    const body = await readObject(request)
    if (body instanceof Response) return body
    const { changes, details } = validateTicketBody(body, account, ticket)
    if (details.length > 0) return validationFailed(details)
    const to = changes.status
    if (to && to !== ticket.status && !TRANSITIONS[ticket.status].includes(to)) {
      const allowed = TRANSITIONS[ticket.status].join(' or ')
      return apiError(
        409,
        'invalid_status_transition',
        `Ticket ${ticket.id} is ${ticket.status}; it can move to ${allowed}, not ${to}`,
      )
    }
    Object.assign(ticket, changes, { updated_at: isoNow() })
    emit(account, 'ticket.updated', { ticket })
    return HttpResponse.json(ticket)
  }

  function deleteTicket({ account, params }: Call): Response {
    const ticket = findTicket(account, params.id)
    if (!ticket) return notFound('ticket', String(params.id))
    account.tickets = account.tickets.filter((t) => t !== ticket)
    account.comments = account.comments.filter((c) => c.ticket_id !== ticket.id)
    emit(account, 'ticket.deleted', { ticket })
    return new HttpResponse(null, { status: 204 })
  }

  function listComments({ account, params }: Call): Response {
    const ticket = findTicket(account, params.id)
    if (!ticket) return notFound('ticket', String(params.id))
    return HttpResponse.json({
      comments: account.comments.filter((c) => c.ticket_id === ticket.id),
    })
  }

  async function addComment({ account, request, params }: Call): Promise<Response> {
    const ticket = findTicket(account, params.id)
    if (!ticket) return notFound('ticket', String(params.id))
    if (ticket.status === 'closed') {
      return apiError(
        409,
        'ticket_closed',
        `Ticket ${ticket.id} is closed; comments are not accepted`,
      )
    }
    const body = await readObject(request)
    if (body instanceof Response) return body
    const details: Detail[] = []
    if (typeof body.body !== 'string' || body.body.trim() === '') {
      details.push({ field: 'body', message: 'body is required' })
    }
    if (body.public !== undefined && typeof body.public !== 'boolean') {
      details.push({ field: 'public', message: 'public must be true or false' })
    }
    if (details.length > 0) return validationFailed(details)
    const now = isoNow()
    const comment: Comment = {
      id: account.next_comment_id++,
      ticket_id: ticket.id,
      body: String(body.body),
      public: body.public !== false,
      author: 'api',
      created_at: now,
    }
    account.comments.push(comment)
    ticket.updated_at = now
    emit(account, 'comment.created', { comment })
    return HttpResponse.json(comment, { status: 201 })
  }

  function validateWebhook(body: Record<string, unknown>, account: Account): Detail[] {
    const details: Detail[] = []
    let url: URL | undefined
    try {
      url = typeof body.url === 'string' ? new URL(body.url) : undefined
    } catch {
      url = undefined
    }
    if (url?.protocol !== 'https:') {
      details.push({ field: 'url', message: 'url must be an absolute https URL' })
    }
    const events = body.events
    if (!Array.isArray(events) || events.length === 0) {
      details.push({
        field: 'events',
        message: `events must list some of: ${TICKETY_EVENTS.join(', ')}`,
      })
    } else {
      for (const event of events) {
        if (!TICKETY_EVENTS.includes(event as never)) {
          details.push({ field: 'events', message: `Unknown event "${String(event)}"` })
        }
      }
    }
    if (account.webhooks.length >= MAX_WEBHOOKS) {
      details.push({ field: 'url', message: `An account has at most ${MAX_WEBHOOKS} webhooks` })
    }
    return details
  }

  async function createWebhook({ account, request }: Call): Promise<Response> {
    const body = await readObject(request)
    if (body instanceof Response) return body
    const details = validateWebhook(body, account)
    if (details.length > 0) return validationFailed(details)
    const webhook: Webhook = {
      id: `wh_${context.randomToken(9)}`,
      url: String(body.url),
      events: [...new Set(body.events as EventType[])],
      secret: `whsec_${context.randomToken(24)}`,
      created_at: isoNow(),
      active: true,
      deliveries: [],
    }
    account.webhooks.push(webhook)
    // The secret is shown once, now; later reads never include it.
    return HttpResponse.json({ ...publicWebhook(webhook), secret: webhook.secret }, { status: 201 })
  }

  const findWebhook = (account: Account, value: string | undefined) =>
    account.webhooks.find((h) => h.id === value)

  const routes: Route[] = [
    {
      method: 'get',
      path: '/account',
      handle: ({ account }) =>
        HttpResponse.json({
          subdomain: account.subdomain,
          name: account.name,
          plan: account.plan,
          agents: account.agents,
        }),
    },
    { method: 'get', path: '/fields', handle: ({ account }) => HttpResponse.json(account.fields) },
    { method: 'get', path: '/tickets', handle: listTickets },
    { method: 'post', path: '/tickets', handle: createTicket },
    {
      method: 'get',
      path: '/tickets/:id',
      handle: ({ account, params }) => {
        const ticket = findTicket(account, params.id)
        return ticket ? HttpResponse.json(ticket) : notFound('ticket', String(params.id))
      },
    },
    { method: 'patch', path: '/tickets/:id', handle: updateTicket },
    { method: 'delete', path: '/tickets/:id', handle: deleteTicket },
    { method: 'get', path: '/tickets/:id/comments', handle: listComments },
    { method: 'post', path: '/tickets/:id/comments', handle: addComment },
    {
      method: 'get',
      path: '/webhooks',
      handle: ({ account }) => HttpResponse.json({ webhooks: account.webhooks.map(publicWebhook) }),
    },
    { method: 'post', path: '/webhooks', handle: createWebhook },
    {
      method: 'get',
      path: '/webhooks/:id',
      handle: ({ account, params }) => {
        const hook = findWebhook(account, params.id)
        return hook
          ? HttpResponse.json(publicWebhook(hook))
          : notFound('webhook', String(params.id))
      },
    },
    {
      method: 'delete',
      path: '/webhooks/:id',
      handle: ({ account, params }) => {
        const hook = findWebhook(account, params.id)
        if (!hook) return notFound('webhook', String(params.id))
        account.webhooks = account.webhooks.filter((h) => h !== hook)
        return new HttpResponse(null, { status: 204 })
      },
    },
    {
      method: 'get',
      path: '/webhooks/:id/deliveries',
      handle: ({ account, params }) => {
        const hook = findWebhook(account, params.id)
        return hook
          ? HttpResponse.json({ deliveries: hook.deliveries })
          : notFound('webhook', String(params.id))
      },
    },
  ]

  /** Unknown paths answer 404; known paths with another method answer 405 with Allow. */
  function unknownEndpoint({ request, url }: Call): Response {
    const path = url.pathname.replace(/\/+$/, '')
    const allowed = routes
      .filter((r) => new RegExp(`^${API_PATH}${r.path.replace(/:\w+/g, '[^/]+')}$`).test(path))
      .map((r) => r.method.toUpperCase())
    if (allowed.length === 0) {
      return apiError(
        404,
        'not_found',
        `${request.method} ${url.pathname} is not a Tickety endpoint`,
      )
    }
    const response = apiError(
      405,
      'method_not_allowed',
      `${url.pathname} accepts ${allowed.join(', ')}, not ${request.method}`,
    )
    response.headers.set('Allow', allowed.join(', '))
    return response
  }

  const handlers = [
    ...routes.map(({ method, path, handle }) =>
      http[method](`${HOST_PATTERN}${API_PATH}${path}`, ({ request, params }) =>
        dispatch(request, params, handle),
      ),
    ),
    http.all(`${HOST_PATTERN}/*`, ({ request, params }) =>
      dispatch(request, params, unknownEndpoint),
    ),
  ]

  const count = (pick: (a: Account) => number) =>
    state.accounts.reduce((sum, account) => sum + pick(account), 0)

  return {
    id: 'tickets',
    name: 'Tickety',
    origin: `https://{subdomain}.${TICKETS_DOMAIN}`,
    description:
      'A ticket system with an API key per account subdomain: custom fields, page-number pagination with Link headers, comments and signed webhooks.',
    authStyle: 'apiKey',
    matches: (url) =>
      url.protocol === 'https:' &&
      url.hostname.endsWith(`.${TICKETS_DOMAIN}`) &&
      /^[a-z0-9-]+$/.test(url.hostname.slice(0, -TICKETS_DOMAIN.length - 1)),
    handlers,
    demoCredentials: () =>
      state.accounts.map((account) => ({
        label: `${account.name} (${account.subdomain})`,
        values: { subdomain: account.subdomain, api_key: account.api_key },
        note: 'Sent as the X-Api-Key header.',
      })),
    seeds: SEEDS,
    reset: (seed) => {
      state = freshState(seed)
      usage = new Map()
    },
    snapshot: () => clone(state),
    restore: (snapshot) => {
      const parsed = parseSnapshot(snapshot)
      state = parsed ?? freshState()
      usage = new Map()
      return parsed !== undefined
    },
    summary: () => [
      { name: 'Tickets', count: count((a) => a.tickets.length) },
      { name: 'Comments', count: count((a) => a.comments.length) },
      { name: 'Webhooks', count: count((a) => a.webhooks.length) },
      {
        name: 'Deliveries',
        count: count((a) => a.webhooks.reduce((n, h) => n + h.deliveries.length, 0)),
      },
    ],
    // API keys do not expire.
    expireTokens: () => 0,
    revokeCredentials: () => {
      for (const account of state.accounts) {
        account.api_key = `tk_${account.subdomain}_${context.randomToken(12)}`
      }
      return state.accounts.length
    },
    idle: async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
  }
}
