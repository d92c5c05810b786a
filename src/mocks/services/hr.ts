// Acme HR: a mock HR system with Basic auth — users, groups and group membership, offset
// pagination, a read-only account, and the error shapes a careful real SaaS API returns
// (`{ error, message }` with 400, 401, 403, 404, 405 and 409). State lives in memory, seeded from
// fixtures/mock-data/hr-seed.json; timestamps follow the mock network's virtual clock.
import { http, HttpResponse, type RequestHandler } from 'msw'
import { z } from 'zod'
import seedFile from '../../../fixtures/mock-data/hr-seed.json'
import type { CreateMockService, MockContext, MockSeed } from '../types'

export const HR_ORIGIN = 'https://hr.example'
export const HR_API = `${HR_ORIGIN}/api/v1`
export const HR_REALM = 'Basic realm="Acme HR"'

const DEFAULT_LIMIT = 25
const MAX_LIMIT = 100
const MAX_NAME = 100
const MAX_DESCRIPTION = 500
/** The large seed's size: enough pages to make a pagination loop worth writing. */
export const LARGE_SEED_USERS = 1_000

// ---------------------------------------------------------------------------------------------
// The data model. The same schemas check the fixture at load and snapshots on restore.

const USER_STATUSES = ['active', 'suspended', 'deactivated'] as const
type UserStatus = (typeof USER_STATUSES)[number]

const accountSchema = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
  displayName: z.string(),
  tenant: z.string(),
  /** `readonly` accounts may only read: every other method is answered 403. */
  role: z.enum(['admin', 'readonly']),
  label: z.string(),
  note: z.string().optional(),
})

const userSchema = z.object({
  id: z.string().min(1),
  email: z.string().min(1),
  firstName: z.string(),
  lastName: z.string(),
  department: z.string(),
  status: z.enum(USER_STATUSES),
  /** Ids of the groups the user belongs to: the one source of truth for membership. */
  groups: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const groupSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  /** `system` groups (Everyone) hold every user and cannot be changed. */
  type: z.enum(['system', 'custom']),
  createdAt: z.string(),
  updatedAt: z.string(),
})

const stateSchema = z.object({
  version: z.literal(1),
  seed: z.string(),
  accounts: z.array(accountSchema).min(1).max(20),
  users: z.array(userSchema).max(10_000),
  groups: z.array(groupSchema).max(1_000),
  nextUserId: z.number().int().positive(),
  nextGroupId: z.number().int().positive(),
})

const seedFileSchema = z.object({
  accounts: z.array(accountSchema).min(1),
  users: z.array(userSchema.extend({ updatedAt: z.string().optional() })),
  groups: z.array(groupSchema.extend({ updatedAt: z.string().optional() })),
})

type Account = z.infer<typeof accountSchema>
type HrUser = z.infer<typeof userSchema>
type HrGroup = z.infer<typeof groupSchema>
type HrState = z.infer<typeof stateSchema>

// ---------------------------------------------------------------------------------------------
// Seeds

const SEED = seedFileSchema.parse(seedFile)

export const HR_SEEDS: MockSeed[] = [
  { id: 'default', label: `A small company: ${SEED.users.length} users in 3 groups` },
  { id: 'large', label: `${LARGE_SEED_USERS.toLocaleString('en')} users, for pagination` },
  { id: 'empty', label: 'No users yet (accounts and groups only)' },
]

const FIRST_NAMES = (
  'Amara Bjorn Chen Divya Emeka Fatima Gabriel Hana Ivan Jun Kofi Leila Mateo ' +
  'Nadia Oscar Priya Quinn Rosa Samir Tomoko Uma Viktor Wen Ximena Yusuf Zofia'
).split(' ')
const LAST_NAMES = (
  'Abara Berg Castillo Dubois Eriksen Fischer Gupta Haddad Ibrahim Jensen Kowalski Larsen ' +
  'Moreau Nakamura Okafor Petrov Quispe Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zhang Nguyen'
).split(' ')
const DEPARTMENTS = ['Engineering', 'Research', 'Finance', 'Sales', 'Support', 'People']
const GENERATED_FROM = Date.UTC(2024, 0, 1, 9)
const HOUR = 3_600_000

/** The seeded users plus deterministic generated ones, up to LARGE_SEED_USERS. */
function largeUsers(seedUsers: HrUser[]): HrUser[] {
  const users = [...seedUsers]
  const firstNumber = nextNumber(seedUsers, 'u', 1001)
  for (let i = 0; users.length < LARGE_SEED_USERS; i++) {
    const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Sam'
    const last = LAST_NAMES[i % LAST_NAMES.length] ?? 'Doe'
    const department = DEPARTMENTS[Math.floor(i / 3) % DEPARTMENTS.length] ?? 'Engineering'
    const number = firstNumber + i
    const status: UserStatus = i % 29 === 7 ? 'deactivated' : i % 13 === 5 ? 'suspended' : 'active'
    const groups = ['g1']
    if (department === 'Engineering') groups.push('g2')
    if (department === 'Research' || department === 'Finance') groups.push('g3')
    const createdAt = new Date(GENERATED_FROM + i * 7 * HOUR).toISOString()
    users.push({
      id: `u${number}`,
      email: `${first}.${last}.${number}@acme.example`.toLowerCase(),
      firstName: first,
      lastName: last,
      department,
      status,
      groups,
      createdAt,
      updatedAt: createdAt,
    })
  }
  return users
}

/** One more than the highest `<prefix><number>` id, or `start` when there is none. */
function nextNumber(items: { id: string }[], prefix: string, start: number): number {
  let next = start
  for (const { id } of items) {
    const n = id.startsWith(prefix) ? Number(id.slice(prefix.length)) : NaN
    if (Number.isInteger(n) && n >= next) next = n + 1
  }
  return next
}

function seedState(seed: string): HrState {
  const accounts = structuredClone(SEED.accounts)
  const groups = SEED.groups.map((g) => ({ ...g, updatedAt: g.updatedAt ?? g.createdAt }))
  const seeded = SEED.users.map((u) => ({ ...u, updatedAt: u.updatedAt ?? u.createdAt }))
  const users = seed === 'empty' ? [] : seed === 'large' ? largeUsers(seeded) : seeded
  return {
    version: 1,
    seed,
    accounts,
    users,
    groups,
    nextUserId: nextNumber(users, 'u', 1001),
    nextGroupId: nextNumber(groups, 'g', 1),
  }
}

/** A snapshot is only restored when its ids are unique and every membership names a group. */
function consistent(state: HrState): boolean {
  const userIds = new Set(state.users.map((u) => u.id))
  const groupIds = new Set(state.groups.map((g) => g.id))
  const usernames = new Set(state.accounts.map((a) => a.username))
  return (
    userIds.size === state.users.length &&
    groupIds.size === state.groups.length &&
    usernames.size === state.accounts.length &&
    state.users.every((u) => u.groups.every((g) => groupIds.has(g)))
  )
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

function problem(status: number, code: string, message: string, headers?: Record<string, string>) {
  return HttpResponse.json({ error: code, message }, { status, ...(headers ? { headers } : {}) })
}

const invalid = (message: string) => problem(400, 'invalid_request', message)
const notFound = (message: string) => problem(404, 'not_found', message)
const conflict = (message: string) => problem(409, 'conflict', message)
const noContent = () => new HttpResponse(null, { status: 204 })

function unauthorized() {
  return problem(401, 'unauthorized', 'Invalid username or password', {
    'www-authenticate': HR_REALM,
  })
}

/** The Basic credentials of a request, or undefined when there are none (or they are malformed). */
function basicCredentials(request: Request): { username: string; password: string } | undefined {
  const header = request.headers.get('authorization') ?? ''
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim())
  if (!match?.[1]) return undefined
  let decoded: string
  try {
    decoded = atob(match[1])
  } catch {
    return undefined
  }
  const separator = decoded.indexOf(':')
  if (separator < 0) return undefined
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) }
}

type Page = { offset: number; limit: number } | { error: Response }

function pageParams(url: URL): Page {
  const read = (name: string): number | 'invalid' | undefined => {
    const raw = url.searchParams.get(name)
    if (raw === null || raw === '') return undefined
    return /^\d+$/.test(raw) ? Number(raw) : 'invalid'
  }
  const offset = read('offset')
  const limit = read('limit')
  if (offset === 'invalid' || limit === 'invalid') {
    return { error: invalid('offset and limit must be whole numbers') }
  }
  if (limit === 0) return { error: invalid(`limit must be between 1 and ${MAX_LIMIT}`) }
  return {
    offset: Math.min(offset ?? 0, Number.MAX_SAFE_INTEGER),
    limit: Math.min(limit ?? DEFAULT_LIMIT, MAX_LIMIT),
  }
}

function paged<T>(items: T[], { offset, limit }: { offset: number; limit: number }) {
  return HttpResponse.json({
    data: items.slice(offset, offset + limit),
    offset,
    limit,
    total: items.length,
  })
}

type JsonObject = Record<string, unknown>

/** The request body as a JSON object, or the 400 to answer. */
async function readObject(request: Request): Promise<{ body: JsonObject } | { error: Response }> {
  const text = await request.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return { error: invalid('The body must be a JSON object') }
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { error: invalid('The body must be a JSON object') }
  }
  return { body: body as JsonObject }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Checks the fields of a body against what a resource accepts; returns a 400 message or undefined. */
function unknownFields(body: JsonObject, allowed: readonly string[], readOnly: string[]) {
  for (const key of Object.keys(body)) {
    if (readOnly.includes(key)) return `${key} is read-only`
    if (!allowed.includes(key)) {
      return `Unknown field "${key}"; the fields are ${allowed.join(', ')}`
    }
  }
  return undefined
}

/**
 * Reads one optional text field: undefined when absent, the trimmed text, or an error message.
 * `nullIsAbsent` is for creation, where null means "not given"; a PATCH must not send null.
 */
function textField(
  body: JsonObject,
  key: string,
  rules: { max: number; nonEmpty?: boolean; nullIsAbsent?: boolean },
): { value?: string; error?: string } {
  const raw = body[key]
  if (raw === undefined || (raw === null && rules.nullIsAbsent)) return {}
  if (typeof raw !== 'string') return { error: `${key} must be text` }
  const value = raw.trim()
  if (rules.nonEmpty && value === '') return { error: `${key} cannot be empty` }
  if (value.length > rules.max) return { error: `${key} is longer than ${rules.max} characters` }
  return { value }
}

const USER_FIELDS = ['email', 'firstName', 'lastName', 'department', 'status'] as const
const USER_READ_ONLY = ['id', 'createdAt', 'updatedAt']
const GROUP_FIELDS = ['name', 'description'] as const
const GROUP_READ_ONLY = ['id', 'type', 'memberCount', 'createdAt', 'updatedAt']

type UserChanges = Partial<Pick<HrUser, 'email' | 'firstName' | 'lastName' | 'department'>> & {
  status?: UserStatus
}

/** Validates the user fields of a POST or PATCH body. */
function userChanges(
  body: JsonObject,
  creating: boolean,
): { changes: UserChanges } | { error: string } {
  if ('groups' in body) {
    return { error: 'groups is read-only; use PUT /groups/{groupId}/members/{userId}' }
  }
  const unknown = unknownFields(body, USER_FIELDS, USER_READ_ONLY)
  if (unknown) return { error: unknown }
  const nullIsAbsent = creating
  const changes: UserChanges = {}
  const email = textField(body, 'email', { max: 254, nonEmpty: true, nullIsAbsent })
  if (email.error) return { error: email.error }
  if (email.value !== undefined) {
    if (!EMAIL.test(email.value)) return { error: `"${email.value}" is not an email address` }
    changes.email = email.value
  } else if (creating) {
    return { error: 'email is required' }
  }
  for (const key of ['firstName', 'lastName'] as const) {
    const field = textField(body, key, { max: MAX_NAME, nullIsAbsent })
    if (field.error) return { error: field.error }
    if (field.value !== undefined) changes[key] = field.value
  }
  const department = textField(body, 'department', { max: MAX_NAME, nonEmpty: true, nullIsAbsent })
  if (department.error) return { error: department.error }
  if (department.value !== undefined) changes.department = department.value
  const status = body.status
  if (status !== undefined && !(status === null && nullIsAbsent)) {
    if (!USER_STATUSES.includes(status as UserStatus)) {
      return { error: `status must be one of ${USER_STATUSES.join(', ')}` }
    }
    changes.status = status as UserStatus
  }
  return { changes }
}

/** Validates the group fields of a POST or PATCH body. */
function groupChanges(
  body: JsonObject,
  creating: boolean,
): { changes: Partial<Pick<HrGroup, 'name' | 'description'>> } | { error: string } {
  const unknown = unknownFields(body, GROUP_FIELDS, GROUP_READ_ONLY)
  if (unknown) return { error: unknown }
  const name = textField(body, 'name', { max: MAX_NAME, nonEmpty: true, nullIsAbsent: creating })
  if (name.error) return { error: name.error }
  if (creating && name.value === undefined) return { error: 'name is required' }
  const description = textField(body, 'description', {
    max: MAX_DESCRIPTION,
    nullIsAbsent: creating,
  })
  if (description.error) return { error: description.error }
  return {
    changes: {
      ...(name.value !== undefined ? { name: name.value } : {}),
      ...(description.value !== undefined ? { description: description.value } : {}),
    },
  }
}

/** Routes that exist, with their methods: what answers 405 (rather than 404) for other methods. */
const ROUTES: [RegExp, string][] = [
  [/^\/me$/, 'GET'],
  [/^\/users$/, 'GET, POST'],
  [/^\/users\/[^/]+$/, 'GET, PATCH, DELETE'],
  [/^\/groups$/, 'GET, POST'],
  [/^\/groups\/[^/]+$/, 'GET, PATCH, DELETE'],
  [/^\/groups\/[^/]+\/members$/, 'GET'],
  [/^\/groups\/[^/]+\/members\/[^/]+$/, 'PUT, DELETE'],
]

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// ---------------------------------------------------------------------------------------------
// The service

export const createHrService: CreateMockService = (context: MockContext) => {
  let state = seedState('default')
  const timestamp = () => new Date(context.now()).toISOString()

  const accountOf = (request: Request): Account | undefined => {
    const credentials = basicCredentials(request)
    if (!credentials) return undefined
    return state.accounts.find(
      (a) => a.username === credentials.username && a.password === credentials.password,
    )
  }
  const findUser = (id: unknown) => state.users.find((u) => u.id === id)
  const findGroup = (id: unknown) => state.groups.find((g) => g.id === id)
  const systemGroups = () => state.groups.filter((g) => g.type === 'system').map((g) => g.id)
  const membersOf = (group: HrGroup) => state.users.filter((u) => u.groups.includes(group.id))
  const groupView = (group: HrGroup) => ({ ...group, memberCount: membersOf(group).length })
  const noUser = (id: unknown) => notFound(`No user has id ${String(id)}`)
  const noGroup = (id: unknown) => notFound(`No group has id ${String(id)}`)
  const emailTaken = (email: string, except?: string) =>
    state.users.some((u) => u.id !== except && u.email.toLowerCase() === email.toLowerCase())
  const nameTaken = (name: string, except?: string) =>
    state.groups.some((g) => g.id !== except && g.name.toLowerCase() === name.toLowerCase())

  const handlers: RequestHandler[] = [
    // Every request authenticates; read-only accounts may only read.
    http.all(`${HR_API}/*`, ({ request }) => {
      const account = accountOf(request)
      if (!account) return unauthorized()
      if (account.role === 'readonly' && !SAFE_METHODS.has(request.method)) {
        return problem(
          403,
          'forbidden',
          `The account "${account.username}" is read-only: it cannot ${request.method} ${new URL(request.url).pathname}`,
        )
      }
      return undefined // authenticated: fall through to the route handlers
    }),

    http.get(`${HR_API}/me`, ({ request }) => {
      const account = accountOf(request)
      return HttpResponse.json({
        username: account?.username,
        displayName: account?.displayName,
        tenant: account?.tenant,
        role: account?.role,
      })
    }),

    // Users
    http.get(`${HR_API}/users`, ({ request }) => {
      const url = new URL(request.url)
      const page = pageParams(url)
      if ('error' in page) return page.error
      const department = url.searchParams.get('department')?.toLowerCase()
      const status = url.searchParams.get('status')
      const q = url.searchParams.get('q')?.trim().toLowerCase()
      if (status && !USER_STATUSES.includes(status as UserStatus)) {
        return invalid(`status must be one of ${USER_STATUSES.join(', ')}`)
      }
      const matching = state.users.filter(
        (u) =>
          (!department || u.department.toLowerCase() === department) &&
          (!status || u.status === status) &&
          (!q ||
            `${u.firstName} ${u.lastName}`.toLowerCase().includes(q) ||
            u.email.toLowerCase().includes(q)),
      )
      return paged(matching, page)
    }),
    http.get(`${HR_API}/users/:id`, ({ params }) => {
      const user = findUser(params.id)
      return user ? HttpResponse.json(user) : noUser(params.id)
    }),
    http.post(`${HR_API}/users`, async ({ request }) => {
      const read = await readObject(request)
      if ('error' in read) return read.error
      const checked = userChanges(read.body, true)
      if ('error' in checked) return invalid(checked.error)
      const { changes } = checked
      const email = changes.email ?? ''
      if (emailTaken(email)) return conflict(`A user with email ${email} already exists`)
      const now = timestamp()
      const user: HrUser = {
        id: `u${state.nextUserId++}`,
        email,
        firstName: changes.firstName ?? '',
        lastName: changes.lastName ?? '',
        department: changes.department ?? 'Unassigned',
        status: changes.status ?? 'active',
        groups: systemGroups(),
        createdAt: now,
        updatedAt: now,
      }
      state.users.push(user)
      return HttpResponse.json(user, {
        status: 201,
        headers: { location: `${HR_API}/users/${user.id}` },
      })
    }),
    http.patch(`${HR_API}/users/:id`, async ({ request, params }) => {
      const user = findUser(params.id)
      if (!user) return noUser(params.id)
      const read = await readObject(request)
      if ('error' in read) return read.error
      const checked = userChanges(read.body, false)
      if ('error' in checked) return invalid(checked.error)
      const { changes } = checked
      if (changes.email !== undefined && emailTaken(changes.email, user.id)) {
        return conflict(`A user with email ${changes.email} already exists`)
      }
      if (Object.keys(changes).length > 0) {
        Object.assign(user, changes, { updatedAt: timestamp() })
      }
      return HttpResponse.json(user)
    }),
    http.delete(`${HR_API}/users/:id`, ({ params }) => {
      if (!findUser(params.id)) return noUser(params.id)
      state.users = state.users.filter((u) => u.id !== params.id)
      return noContent()
    }),

    // Groups
    http.get(`${HR_API}/groups`, ({ request }) => {
      const url = new URL(request.url)
      const page = pageParams(url)
      if ('error' in page) return page.error
      const q = url.searchParams.get('q')?.trim().toLowerCase()
      const matching = q
        ? state.groups.filter((g) => g.name.toLowerCase().includes(q))
        : state.groups
      return paged(matching.map(groupView), page)
    }),
    http.get(`${HR_API}/groups/:id`, ({ params }) => {
      const group = findGroup(params.id)
      return group ? HttpResponse.json(groupView(group)) : noGroup(params.id)
    }),
    http.post(`${HR_API}/groups`, async ({ request }) => {
      const read = await readObject(request)
      if ('error' in read) return read.error
      const checked = groupChanges(read.body, true)
      if ('error' in checked) return invalid(checked.error)
      const name = checked.changes.name ?? ''
      if (nameTaken(name)) return conflict(`A group named "${name}" already exists`)
      const now = timestamp()
      const group: HrGroup = {
        id: `g${state.nextGroupId++}`,
        name,
        description: checked.changes.description ?? '',
        type: 'custom',
        createdAt: now,
        updatedAt: now,
      }
      state.groups.push(group)
      return HttpResponse.json(groupView(group), {
        status: 201,
        headers: { location: `${HR_API}/groups/${group.id}` },
      })
    }),
    http.patch(`${HR_API}/groups/:id`, async ({ request, params }) => {
      const group = findGroup(params.id)
      if (!group) return noGroup(params.id)
      const read = await readObject(request)
      if ('error' in read) return read.error
      if (group.type === 'system')
        return invalid(`${group.name} is a system group: it cannot be changed`)
      const checked = groupChanges(read.body, false)
      if ('error' in checked) return invalid(checked.error)
      const { changes } = checked
      if (changes.name !== undefined && nameTaken(changes.name, group.id)) {
        return conflict(`A group named "${changes.name}" already exists`)
      }
      if (Object.keys(changes).length > 0) {
        Object.assign(group, changes, { updatedAt: timestamp() })
      }
      return HttpResponse.json(groupView(group))
    }),
    http.delete(`${HR_API}/groups/:id`, ({ params }) => {
      const group = findGroup(params.id)
      if (!group) return noGroup(params.id)
      if (group.type === 'system')
        return invalid(`${group.name} is a system group: it cannot be deleted`)
      state.groups = state.groups.filter((g) => g.id !== group.id)
      for (const user of state.users) user.groups = user.groups.filter((id) => id !== group.id)
      return noContent()
    }),

    // Membership
    http.get(`${HR_API}/groups/:id/members`, ({ request, params }) => {
      const group = findGroup(params.id)
      if (!group) return noGroup(params.id)
      const page = pageParams(new URL(request.url))
      if ('error' in page) return page.error
      return paged(membersOf(group), page)
    }),
    http.put(`${HR_API}/groups/:id/members/:userId`, ({ params }) => {
      const group = findGroup(params.id)
      if (!group) return noGroup(params.id)
      const user = findUser(params.userId)
      if (!user) return noUser(params.userId)
      if (group.type === 'system') {
        return invalid(`${group.name} is a system group: every user is a member automatically`)
      }
      if (!user.groups.includes(group.id)) {
        user.groups = [...user.groups, group.id]
        user.updatedAt = timestamp()
      }
      return noContent()
    }),
    http.delete(`${HR_API}/groups/:id/members/:userId`, ({ params }) => {
      const group = findGroup(params.id)
      if (!group) return noGroup(params.id)
      const user = findUser(params.userId)
      if (!user) return noUser(params.userId)
      if (group.type === 'system') {
        return invalid(`${group.name} is a system group: its members cannot be removed`)
      }
      if (!user.groups.includes(group.id)) {
        return notFound(`User ${user.id} is not a member of group ${group.id}`)
      }
      user.groups = user.groups.filter((id) => id !== group.id)
      user.updatedAt = timestamp()
      return noContent()
    }),

    // Anything else under the API: 405 for a known path with another method, else 404.
    http.all(`${HR_API}/*`, ({ request }) => {
      const path = new URL(request.url).pathname
      const relative = path.slice(new URL(HR_API).pathname.length)
      const allow = ROUTES.find(([pattern]) => pattern.test(relative))?.[1]
      if (allow) {
        return problem(405, 'method_not_allowed', `${request.method} is not allowed on ${path}`, {
          allow,
        })
      }
      return notFound(`${request.method} ${path} is not an Acme HR endpoint`)
    }),
  ]

  return {
    id: 'hr',
    name: 'Acme HR',
    origin: HR_ORIGIN,
    description:
      'An HR system with Basic authentication: users, groups and group membership, offset pagination (offset, limit, total) and JSON errors { error, message }. The auditor account is read-only.',
    authStyle: 'basic',
    matches: (url) => url.hostname === 'hr.example',
    handlers,
    demoCredentials: () =>
      state.accounts.map((a) => ({
        label: a.label,
        values: { username: a.username, password: a.password },
        ...(a.note ? { note: a.note } : {}),
      })),
    seeds: HR_SEEDS,
    reset(seed) {
      state = seedState(HR_SEEDS.some((s) => s.id === seed) ? (seed as string) : 'default')
    },
    snapshot: () => structuredClone(state),
    restore(snapshot) {
      const parsed = stateSchema.safeParse(snapshot)
      if (!parsed.success || !consistent(parsed.data)) {
        state = seedState('default')
        return false
      }
      state = structuredClone(parsed.data)
      return true
    },
    summary: () => [
      { name: 'Users', count: state.users.length },
      { name: 'Groups', count: state.groups.length },
      { name: 'Accounts', count: state.accounts.length },
    ],
    // Basic authentication issues no tokens.
    expireTokens: () => 0,
    revokeCredentials() {
      for (const account of state.accounts) account.password = `Acme-${context.randomToken(12)}`
      return state.accounts.length
    },
  }
}
