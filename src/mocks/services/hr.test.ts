// Acme HR mock service: auth, users and groups CRUD, membership, pagination, and the MockService
// contract (seeds, snapshot/restore, credentials), exercised through the mock network.
import '../worker-environment'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { loadProject, type ProjectFiles } from '../../definition'
import { cardCatalogue, runFlow, type RunResult } from '../../engine'
import { createMockNetwork, type MockNetwork } from '../mock-network'
import type { MockService } from '../types'
import { createHrService, HR_API, HR_REALM, LARGE_SEED_USERS } from './hr'

interface Credentials {
  username: string
  password: string
}

interface User {
  id: string
  email: string
  firstName: string
  lastName: string
  department: string
  status: string
  groups: string[]
  createdAt: string
  updatedAt: string
}

interface Group {
  id: string
  name: string
  description: string
  type: string
  memberCount: number
  createdAt: string
  updatedAt: string
}

interface Page<T> {
  data: T[]
  offset: number
  limit: number
  total: number
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: unknown
}

const DEMO: Credentials = { username: 'demo', password: 'Acme-Demo-7431' }
const AUDITOR: Credentials = { username: 'auditor', password: 'Acme-Audit-2958' }
const START = Date.UTC(2030, 4, 6, 7, 8, 9)

let clock: number
let tokens: number
let network: MockNetwork
let service: MockService

/** A mock network with only Acme HR, on the test's clock and token source. */
function newNetwork(): MockNetwork {
  return createMockNetwork({
    services: [createHrService],
    now: () => clock,
    randomToken: () => `token${++tokens}`,
    sleep: async () => {},
  })
}

const hrOf = (on: MockNetwork) => on.service('hr') as MockService
const newService = () => hrOf(newNetwork())

beforeEach(() => {
  clock = START
  tokens = 0
  network = newNetwork()
  service = hrOf(network)
})

const basic = ({ username, password }: Credentials) => `Basic ${btoa(`${username}:${password}`)}`

async function call(
  method: string,
  path: string,
  options: { auth?: Credentials | string | null; body?: unknown; on?: MockNetwork } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const auth = options.auth === undefined ? DEMO : options.auth
  if (typeof auth === 'string') headers.authorization = auth
  else if (auth) headers.authorization = basic(auth)
  let body: string | null = null
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const response = await (options.on ?? network).respond({
    method,
    url: `${HR_API}${path}`,
    headers,
    body,
  })
  expect(response.headers['x-playground-error'], `${method} ${path}`).toBeUndefined()
  return {
    status: response.status,
    headers: response.headers,
    body: response.body === '' ? undefined : (JSON.parse(response.body) as unknown),
  }
}

const get = <T>(path: string, auth?: Credentials | null) =>
  call('GET', path, { auth }).then((a) => a.body as T)

async function allUsers(on: MockNetwork = network, auth: Credentials = DEMO): Promise<User[]> {
  const page = (await call('GET', '/users?limit=100', { on, auth })).body as Page<User>
  expect(page.total).toBeLessThanOrEqual(100)
  return page.data
}

function expectError(answer: Answer, status: number, error: string, message?: string | RegExp) {
  expect(answer.status).toBe(status)
  expect(answer.headers['content-type']).toContain('application/json')
  const body = answer.body as { error: string; message: string }
  expect(body.error).toBe(error)
  expect(typeof body.message).toBe('string')
  if (message !== undefined) expect(body.message).toMatch(message)
}

describe('the service description', () => {
  test('answers hr.example only, with Basic auth and three seeds', () => {
    expect(service.id).toBe('hr')
    expect(service.origin).toBe('https://hr.example')
    expect(service.authStyle).toBe('basic')
    expect(service.description).not.toBe('')
    expect(service.matches(new URL('https://hr.example/api/v1/users'))).toBe(true)
    expect(service.matches(new URL('https://hr.example.evil.test/api/v1/users'))).toBe(false)
    expect(service.matches(new URL('https://files.example/'))).toBe(false)
    expect(service.seeds.map((s) => s.id)).toEqual(['default', 'large', 'empty'])
  })

  test('demo credentials are the seeded accounts', () => {
    expect(service.demoCredentials().map((c) => c.values)).toEqual([DEMO, AUDITOR])
    expect(service.demoCredentials().every((c) => c.label !== '')).toBe(true)
  })

  test('summary counts users, groups and accounts; Basic auth has no tokens to expire', () => {
    expect(service.summary()).toEqual([
      { name: 'Users', count: 12 },
      { name: 'Groups', count: 3 },
      { name: 'Accounts', count: 2 },
    ])
    expect(service.expireTokens()).toBe(0)
  })
})

describe('authentication', () => {
  test.each<[string, string | null]>([
    ['no Authorization header', null],
    ['a wrong password', basic({ username: 'demo', password: 'wrong' })],
    ['an unknown user', basic({ username: 'nobody', password: DEMO.password })],
    ['a Bearer token', 'Bearer abc'],
    ['credentials without a colon', `Basic ${btoa('demoAcme-Demo-7431')}`],
    ['a header that is not Base64', 'Basic !!!'],
  ])('%s is 401 with a Basic challenge', async (_what, auth) => {
    const answer = await call('GET', '/users', { auth })
    expectError(answer, 401, 'unauthorized', 'Invalid username or password')
    expect(answer.headers['www-authenticate']).toBe(HR_REALM)
    expect(HR_REALM).toBe('Basic realm="Acme HR"')
  })

  test('unknown endpoints also need authentication', async () => {
    expect((await call('GET', '/nothing', { auth: null })).status).toBe(401)
  })

  test('/me describes the signed-in account', async () => {
    expect(await get('/me')).toEqual({
      username: 'demo',
      displayName: 'Demo Admin',
      tenant: 'acme',
      role: 'admin',
    })
    expect(await get('/me', AUDITOR)).toMatchObject({ username: 'auditor', role: 'readonly' })
  })

  test('the read-only auditor can read but every write is 403 and changes nothing', async () => {
    expect((await get<Page<User>>('/users', AUDITOR)).total).toBe(12)
    expect((await call('GET', '/groups/g2/members', { auth: AUDITOR })).status).toBe(200)
    const writes: [string, string, unknown?][] = [
      ['POST', '/users', { email: 'x@acme.example' }],
      ['PATCH', '/users/u1002', { department: 'Sales' }],
      ['DELETE', '/users/u1002'],
      ['POST', '/groups', { name: 'Auditors' }],
      ['PATCH', '/groups/g2', { name: 'Builders' }],
      ['DELETE', '/groups/g2'],
      ['PUT', '/groups/g3/members/u1002'],
      ['DELETE', '/groups/g2/members/u1002'],
    ]
    const before = service.snapshot()
    for (const [method, path, body] of writes) {
      expectError(await call(method, path, { auth: AUDITOR, body }), 403, 'forbidden', /read-only/)
    }
    expect(service.snapshot()).toEqual(before)
  })
})

describe('users', () => {
  test('the list is offset-paginated with the total', async () => {
    const first = await get<Page<User>>('/users?limit=5')
    expect(first.data.map((u) => u.id)).toEqual(['u1001', 'u1002', 'u1003', 'u1004', 'u1005'])
    expect(first).toMatchObject({ offset: 0, limit: 5, total: 12 })
    const last = await get<Page<User>>('/users?offset=10&limit=5')
    expect(last.data.map((u) => u.id)).toEqual(['u1011', 'u1012'])
    expect(last).toMatchObject({ offset: 10, limit: 5, total: 12 })
    expect((await get<Page<User>>('/users?offset=50')).data).toEqual([])
  })

  test('limit defaults to 25 and is capped at 100', async () => {
    expect((await get<Page<User>>('/users')).limit).toBe(25)
    expect((await get<Page<User>>('/users?limit=500')).limit).toBe(100)
  })

  test.each(['limit=many', 'offset=-1', 'limit=2.5', 'offset=x'])(
    'a bad page parameter (%s) is 400',
    async (query) => {
      expectError(
        await call('GET', `/users?${query}`),
        400,
        'invalid_request',
        'offset and limit must be whole numbers',
      )
    },
  )

  test('limit=0 is 400', async () => {
    expectError(await call('GET', '/users?limit=0'), 400, 'invalid_request', /between 1 and 100/)
  })

  test('filters: department (any case), status, q on name or email, combined', async () => {
    const ids = async (query: string) =>
      (await get<Page<User>>(`/users?${query}`)).data.map((u) => u.id)
    expect(await ids('department=finance')).toEqual(['u1004', 'u1010'])
    expect(await ids('status=suspended')).toEqual(['u1001', 'u1006', 'u1011'])
    expect(await ids('q=LOVE')).toEqual(['u1001'])
    expect(await ids('q=grace%20hop')).toEqual(['u1002'])
    expect(await ids('q=dijkstra@')).toEqual(['u1011'])
    expect(await ids('department=Research&status=active')).toEqual(['u1003', 'u1008'])
    expect(await ids('q=nobody')).toEqual([])
    const filtered = await get<Page<User>>('/users?department=Engineering&limit=2')
    expect(filtered.total).toBe(6)
    expect(filtered.data).toHaveLength(2)
  })

  test('an unknown status filter is 400', async () => {
    expectError(await call('GET', '/users?status=retired'), 400, 'invalid_request', /status/)
  })

  test('GET /users/:id returns the user, or 404', async () => {
    expect(await get<User>('/users/u1003')).toMatchObject({
      id: 'u1003',
      email: 'alan.turing@acme.example',
      groups: ['g1', 'g3'],
    })
    expectError(await call('GET', '/users/u9999'), 404, 'not_found', 'No user has id u9999')
  })

  test('POST creates a user stamped by the virtual clock, in the Everyone group', async () => {
    const answer = await call('POST', '/users', {
      body: { email: 'new.person@acme.example', firstName: 'New', department: 'QA' },
    })
    expect(answer.status).toBe(201)
    const user = answer.body as User
    expect(user).toEqual({
      id: 'u1013',
      email: 'new.person@acme.example',
      firstName: 'New',
      lastName: '',
      department: 'QA',
      status: 'active',
      groups: ['g1'],
      createdAt: '2030-05-06T07:08:09.000Z',
      updatedAt: '2030-05-06T07:08:09.000Z',
    })
    expect(answer.headers['location']).toBe(`${HR_API}/users/u1013`)
    expect(await get('/users/u1013')).toEqual(user)
    clock += 60_000
    const next = (await call('POST', '/users', { body: { email: 'b@acme.example' } })).body as User
    expect(next.id).toBe('u1014')
    expect(next.createdAt).toBe('2030-05-06T07:09:09.000Z')
    expect(next.department).toBe('Unassigned')
  })

  test('POST with an email in use (any case) is 409', async () => {
    expectError(
      await call('POST', '/users', { body: { email: 'ADA.lovelace@acme.example' } }),
      409,
      'conflict',
      /already exists/,
    )
    expect(service.summary()[0]?.count).toBe(12)
  })

  test.each<[string, unknown, RegExp]>([
    ['no email', { firstName: 'A' }, /email is required/],
    ['an invalid email', { email: 'not-an-email' }, /not an email address/],
    ['a number for a name', { email: 'a@acme.example', firstName: 5 }, /firstName must be text/],
    [
      'an unknown field',
      { email: 'a@acme.example', first_name: 'A' },
      /Unknown field "first_name"/,
    ],
    ['groups', { email: 'a@acme.example', groups: ['g2'] }, /groups is read-only/],
    ['a bad status', { email: 'a@acme.example', status: 'on leave' }, /status must be one of/],
    ['a list body', [], /JSON object/],
    ['a body that is not JSON', '{"email":', /JSON object/],
  ])('POST with %s is 400', async (_what, body, message) => {
    expectError(await call('POST', '/users', { body }), 400, 'invalid_request', message)
  })

  test('PATCH changes names, department and status, and stamps updatedAt', async () => {
    clock += 3_600_000
    const answer = await call('PATCH', '/users/u1002', {
      body: { firstName: ' Amazing Grace ', department: 'Navy', status: 'suspended' },
    })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      id: 'u1002',
      firstName: 'Amazing Grace',
      lastName: 'Hopper',
      department: 'Navy',
      status: 'suspended',
      createdAt: '2026-02-11T09:00:00.000Z',
      updatedAt: '2030-05-06T08:08:09.000Z',
    })
    expect(await get('/users/u1002')).toEqual(answer.body)
    const deactivated = await call('PATCH', '/users/u1002', { body: { status: 'deactivated' } })
    expect((deactivated.body as User).status).toBe('deactivated')
  })

  test('PATCH may change the email, but not to one in use (409); its own email is fine', async () => {
    const ok = await call('PATCH', '/users/u1003', { body: { email: 'alan@acme.example' } })
    expect((ok.body as User).email).toBe('alan@acme.example')
    const same = await call('PATCH', '/users/u1003', { body: { email: 'ALAN@acme.example' } })
    expect(same.status).toBe(200)
    expectError(
      await call('PATCH', '/users/u1003', { body: { email: 'grace.hopper@acme.example' } }),
      409,
      'conflict',
    )
    expect((await get<User>('/users/u1003')).email).toBe('ALAN@acme.example')
  })

  test.each<[string, unknown, RegExp]>([
    ['an unknown status', { status: 'retired' }, /status must be one of/],
    ['a null name', { firstName: null }, /firstName must be text/],
    ['an empty department', { department: '  ' }, /department cannot be empty/],
    ['an invalid email', { email: 'nope' }, /not an email address/],
    ['the id', { id: 'u1' }, /id is read-only/],
    ['groups', { groups: [] }, /groups is read-only/],
  ])('PATCH with %s is 400 and changes nothing', async (_what, body, message) => {
    const before = await get<User>('/users/u1004')
    expectError(await call('PATCH', '/users/u1004', { body }), 400, 'invalid_request', message)
    expect(await get('/users/u1004')).toEqual(before)
  })

  test('PATCH of a missing user is 404', async () => {
    expectError(await call('PATCH', '/users/u42', { body: { firstName: 'X' } }), 404, 'not_found')
  })

  test('DELETE removes the user (204), from groups too; again it is 404', async () => {
    const answer = await call('DELETE', '/users/u1005')
    expect(answer.status).toBe(204)
    expect(answer.body).toBeUndefined()
    expectError(await call('GET', '/users/u1005'), 404, 'not_found')
    expectError(await call('DELETE', '/users/u1005'), 404, 'not_found')
    const members = await get<Page<User>>('/groups/g2/members?limit=100')
    expect(members.data.map((u) => u.id)).not.toContain('u1005')
    expect((await get<Group>('/groups/g2')).memberCount).toBe(5)
    expect(service.summary()[0]).toEqual({ name: 'Users', count: 11 })
  })
})

describe('groups', () => {
  test('the list is offset-paginated like users, with member counts', async () => {
    const page = await get<Page<Group>>('/groups')
    expect(page).toMatchObject({ offset: 0, limit: 25, total: 3 })
    expect(page.data.map((g) => [g.id, g.name, g.type, g.memberCount])).toEqual([
      ['g1', 'Everyone', 'system', 12],
      ['g2', 'Engineering', 'custom', 6],
      ['g3', 'Operations', 'custom', 6],
    ])
    const second = await get<Page<Group>>('/groups?offset=1&limit=1')
    expect(second.data.map((g) => g.id)).toEqual(['g2'])
    expect(second.total).toBe(3)
    expect((await get<Page<Group>>('/groups?q=oper')).data.map((g) => g.id)).toEqual(['g3'])
  })

  test('GET /groups/:id returns the group, or 404', async () => {
    expect(await get('/groups/g2')).toMatchObject({
      id: 'g2',
      name: 'Engineering',
      description: 'Builders',
    })
    expectError(await call('GET', '/groups/g99'), 404, 'not_found', 'No group has id g99')
  })

  test('POST creates a group (201); a duplicate name in any case is 409', async () => {
    clock += 1_000
    const answer = await call('POST', '/groups', {
      body: { name: 'Payroll', description: 'Pays people' },
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toEqual({
      id: 'g4',
      name: 'Payroll',
      description: 'Pays people',
      type: 'custom',
      memberCount: 0,
      createdAt: '2030-05-06T07:08:10.000Z',
      updatedAt: '2030-05-06T07:08:10.000Z',
    })
    expect(answer.headers['location']).toBe(`${HR_API}/groups/g4`)
    expectError(await call('POST', '/groups', { body: { name: 'PAYROLL' } }), 409, 'conflict')
    expect((await get<Page<Group>>('/groups')).total).toBe(4)
  })

  test.each<[string, unknown, RegExp]>([
    ['no name', { description: 'x' }, /name is required/],
    ['an empty name', { name: '' }, /name cannot be empty/],
    ['an unknown field', { name: 'X', owner: 'me' }, /Unknown field "owner"/],
    ['a numeric description', { name: 'X', description: 1 }, /description must be text/],
  ])('POST with %s is 400', async (_what, body, message) => {
    expectError(await call('POST', '/groups', { body }), 400, 'invalid_request', message)
  })

  test('PATCH renames a group; a name in use is 409', async () => {
    clock += 5_000
    const renamed = await call('PATCH', '/groups/g3', { body: { name: 'Ops' } })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      name: 'Ops',
      description: 'Research and finance',
      updatedAt: '2030-05-06T07:08:14.000Z',
    })
    expectError(
      await call('PATCH', '/groups/g3', { body: { name: 'engineering' } }),
      409,
      'conflict',
    )
    expectError(await call('PATCH', '/groups/g9', { body: { name: 'X' } }), 404, 'not_found')
  })

  test('the Everyone system group cannot be changed, deleted or have its membership edited', async () => {
    for (const [method, path] of [
      ['PATCH', '/groups/g1'],
      ['DELETE', '/groups/g1'],
      ['PUT', '/groups/g1/members/u1001'],
      ['DELETE', '/groups/g1/members/u1001'],
    ] as const) {
      const body = method === 'PATCH' ? { name: 'All' } : undefined
      expectError(await call(method, path, { body }), 400, 'invalid_request', /system group/)
    }
    expect((await get<Group>('/groups/g1')).memberCount).toBe(12)
  })

  test('DELETE removes the group (204) and it leaves every user', async () => {
    expect((await call('DELETE', '/groups/g2')).status).toBe(204)
    expectError(await call('GET', '/groups/g2'), 404, 'not_found')
    expectError(await call('DELETE', '/groups/g2'), 404, 'not_found')
    const users = await allUsers()
    expect(users.some((u) => u.groups.includes('g2'))).toBe(false)
    expect((await get<User>('/users/u1002')).groups).toEqual(['g1'])
  })
})

describe('group membership', () => {
  test('members are offset-paginated', async () => {
    const first = await get<Page<User>>('/groups/g2/members?limit=4')
    expect(first.data.map((u) => u.id)).toEqual(['u1001', 'u1002', 'u1005', 'u1007'])
    expect(first).toMatchObject({ offset: 0, limit: 4, total: 6 })
    const rest = await get<Page<User>>('/groups/g2/members?offset=4&limit=4')
    expect(rest.data.map((u) => u.id)).toEqual(['u1009', 'u1012'])
    expectError(await call('GET', '/groups/g9/members'), 404, 'not_found')
    expectError(await call('GET', '/groups/g2/members?limit=x'), 400, 'invalid_request')
  })

  test('PUT adds a member (204), idempotently, and the user lists the group', async () => {
    clock += 10_000
    for (let i = 0; i < 2; i++) {
      const answer = await call('PUT', '/groups/g2/members/u1003')
      expect(answer.status).toBe(204)
      expect(answer.body).toBeUndefined()
    }
    const user = await get<User>('/users/u1003')
    expect(user.groups).toEqual(['g1', 'g3', 'g2'])
    expect(user.updatedAt).toBe('2030-05-06T07:08:19.000Z')
    expect((await get<Group>('/groups/g2')).memberCount).toBe(7)
    const members = await get<Page<User>>('/groups/g2/members?limit=100')
    expect(members.data.filter((u) => u.id === 'u1003')).toHaveLength(1)
  })

  test('DELETE removes a member (204); a non-member is 404', async () => {
    expect((await call('DELETE', '/groups/g3/members/u1004')).status).toBe(204)
    expect((await get<User>('/users/u1004')).groups).toEqual(['g1'])
    expectError(
      await call('DELETE', '/groups/g3/members/u1004'),
      404,
      'not_found',
      'User u1004 is not a member of group g3',
    )
    expect((await get<Page<User>>('/groups/g3/members')).total).toBe(5)
  })

  test('a missing group or user is 404', async () => {
    expectError(await call('PUT', '/groups/g9/members/u1001'), 404, 'not_found', /group/)
    expectError(await call('PUT', '/groups/g2/members/u9'), 404, 'not_found', /user/)
    expectError(await call('DELETE', '/groups/g2/members/u9'), 404, 'not_found', /user/)
  })

  test('a new group fills up and empties again; memberships stay consistent both ways', async () => {
    const group = (await call('POST', '/groups', { body: { name: 'Mentors' } })).body as Group
    for (const id of ['u1001', 'u1004', 'u1008']) {
      await call('PUT', `/groups/${group.id}/members/${id}`)
    }
    const members = await get<Page<User>>(`/groups/${group.id}/members`)
    const users = await allUsers()
    expect(members.data.map((u) => u.id)).toEqual(
      users.filter((u) => u.groups.includes(group.id)).map((u) => u.id),
    )
    expect(members.total).toBe(3)
    await call('DELETE', `/users/u1004`)
    expect((await get<Group>(`/groups/${group.id}`)).memberCount).toBe(2)
  })
})

describe('unknown endpoints and methods', () => {
  test('a known path with another method is 405 with Allow', async () => {
    const answer = await call('PUT', '/users/u1001', { body: { firstName: 'A' } })
    expectError(answer, 405, 'method_not_allowed')
    expect(answer.headers['allow']).toBe('GET, PATCH, DELETE')
    expect((await call('POST', '/me')).headers['allow']).toBe('GET')
  })

  test('an unknown path is 404', async () => {
    expectError(
      await call('GET', '/nothing'),
      404,
      'not_found',
      'GET /api/v1/nothing is not an Acme HR endpoint',
    )
  })
})

describe('seeds and pagination', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test('the large seed has 1,000 users; walking every page sees each exactly once', async () => {
    service.reset('large')
    expect(LARGE_SEED_USERS).toBe(1_000)
    expect(service.summary()[0]).toEqual({ name: 'Users', count: 1_000 })
    const seen: string[] = []
    let offset = 0
    let pages = 0
    for (;;) {
      const page = await get<Page<User>>(`/users?offset=${offset}&limit=75`)
      expect(page.total).toBe(1_000)
      expect(page.offset).toBe(offset)
      seen.push(...page.data.map((u) => u.id))
      pages++
      offset += page.data.length
      if (page.data.length < page.limit) break
    }
    expect(pages).toBe(14)
    expect(seen).toHaveLength(1_000)
    expect(new Set(seen).size).toBe(1_000)
    expect(seen.slice(0, 12)).toEqual(
      (await get<Page<User>>('/users?limit=12')).data.map((u) => u.id),
    )
  })

  test('the large seed is deterministic, valid and consistent', async () => {
    const random = vi.spyOn(Math, 'random')
    service.reset('large')
    const other = newService()
    other.reset('large')
    expect(other.snapshot()).toEqual(service.snapshot())
    expect(random).not.toHaveBeenCalled()
    const users = (await get<Page<User>>('/users?offset=500&limit=100')).data
    const emails = new Set<string>()
    for (const user of users) {
      expect(user.email).toMatch(/^[a-z.]+\.\d+@acme\.example$/)
      expect(['active', 'suspended', 'deactivated']).toContain(user.status)
      expect(user.groups[0]).toBe('g1')
      emails.add(user.email)
    }
    expect(emails.size).toBe(users.length)
    expect((await get<Page<User>>('/users?status=suspended')).total).toBeGreaterThan(10)
    expect((await get<Page<User>>('/users?department=Sales')).total).toBeGreaterThan(100)
    expect((await get<Group>('/groups/g1')).memberCount).toBe(1_000)
    // A snapshot of the large seed restores as it is.
    expect(other.restore(JSON.parse(JSON.stringify(service.snapshot())))).toBe(true)
  })

  test('the empty seed has the accounts and groups but no users', async () => {
    service.reset('empty')
    expect(service.summary()).toEqual([
      { name: 'Users', count: 0 },
      { name: 'Groups', count: 3 },
      { name: 'Accounts', count: 2 },
    ])
    expect(await get('/users')).toEqual({ data: [], offset: 0, limit: 25, total: 0 })
    expect((await get<Page<Group>>('/groups')).data.every((g) => g.memberCount === 0)).toBe(true)
    const created = await call('POST', '/users', { body: { email: 'first@acme.example' } })
    expect((created.body as User).id).toBe('u1001')
  })

  test('reset() returns to the default seed and undoes every change', async () => {
    await call('POST', '/users', { body: { email: 'temp@acme.example' } })
    await call('DELETE', '/groups/g3')
    service.reset('large')
    service.reset()
    expect(service.summary()).toEqual([
      { name: 'Users', count: 12 },
      { name: 'Groups', count: 3 },
      { name: 'Accounts', count: 2 },
    ])
    expect(service.snapshot()).toEqual(newService().snapshot())
    const created = await call('POST', '/users', { body: { email: 'temp@acme.example' } })
    expect((created.body as User).id).toBe('u1013')
  })
})

describe('credentials', () => {
  test('revokeCredentials rotates every password: old ones 401, new ones from demoCredentials work', async () => {
    expect(service.revokeCredentials()).toBe(2)
    expect(await call('GET', '/me', { auth: DEMO }).then((a) => a.status)).toBe(401)
    expect(await call('GET', '/me', { auth: AUDITOR }).then((a) => a.status)).toBe(401)
    const [demo, auditor] = service.demoCredentials().map((c) => c.values as unknown as Credentials)
    expect(demo?.username).toBe('demo')
    expect(demo?.password).not.toBe(DEMO.password)
    expect(auditor?.password).not.toBe(AUDITOR.password)
    expect(demo?.password).not.toBe(auditor?.password)
    expect(await get('/me', demo)).toMatchObject({ username: 'demo' })
    expect(await get('/me', auditor)).toMatchObject({ username: 'auditor' })
    expect(tokens).toBe(2)
  })

  test('reset restores the seeded passwords', async () => {
    service.revokeCredentials()
    service.reset()
    expect(service.demoCredentials().map((c) => c.values)).toEqual([DEMO, AUDITOR])
    expect((await call('GET', '/me')).status).toBe(200)
  })
})

describe('snapshot and restore', () => {
  test('a snapshot survives JSON and restores into a new service', async () => {
    clock += 86_400_000
    await call('POST', '/users', { body: { email: 'kept@acme.example', lastName: 'Kept' } })
    await call('PATCH', '/users/u1001', { body: { status: 'active' } })
    const group = (await call('POST', '/groups', { body: { name: 'Kept' } })).body as Group
    await call('PUT', `/groups/${group.id}/members/u1013`)
    service.revokeCredentials()
    const snapshot = JSON.parse(JSON.stringify(service.snapshot())) as unknown

    const restoredNetwork = newNetwork()
    const restored = hrOf(restoredNetwork)
    expect(restored.restore(snapshot)).toBe(true)
    expect(restored.snapshot()).toEqual(service.snapshot())
    expect(restored.demoCredentials()).toEqual(service.demoCredentials())
    const demo = service.demoCredentials()[0]?.values as unknown as Credentials
    const users = await allUsers(restoredNetwork, demo)
    expect(users.find((u) => u.id === 'u1013')).toMatchObject({
      email: 'kept@acme.example',
      groups: ['g1', group.id],
      createdAt: '2030-05-07T07:08:09.000Z',
    })
    expect(users.find((u) => u.id === 'u1001')?.status).toBe('active')
    // Ids continue where the snapshot left off.
    const next = await call('POST', '/users', {
      on: restoredNetwork,
      auth: demo,
      body: { email: 'n@acme.example' },
    })
    expect((next.body as User).id).toBe('u1014')
    // The restored state is a copy: changing the original does not change it.
    await call('DELETE', '/users/u1013', { auth: demo })
    expect(restored.summary()[0]?.count).toBe(14)
  })

  const valid = () => newService().snapshot() as Record<string, unknown>

  test.each<[string, () => unknown]>([
    ['undefined', () => undefined],
    ['null', () => null],
    ['a string', () => 'state'],
    ['an empty object', () => ({})],
    ['another version', () => ({ ...valid(), version: 2 })],
    ['users that are not a list', () => ({ ...valid(), users: {} })],
    [
      'a user with a bad status',
      () => {
        const state = valid()
        const users = state.users as User[]
        state.users = [{ ...users[0], status: 'retired' }]
        return state
      },
    ],
    ['no accounts', () => ({ ...valid(), accounts: [] })],
    [
      'a membership of a missing group',
      () => {
        const state = valid()
        const users = state.users as User[]
        state.users = [{ ...users[0], groups: ['g404'] }]
        return state
      },
    ],
    [
      'duplicate user ids',
      () => {
        const state = valid()
        const users = state.users as User[]
        state.users = [users[0], users[0]]
        return state
      },
    ],
  ])('restore(%s) is false and leaves the default state', async (_what, make) => {
    await call('POST', '/users', { body: { email: 'lost@acme.example' } })
    service.revokeCredentials()
    expect(service.restore(make())).toBe(false)
    expect(service.snapshot()).toEqual(newService().snapshot())
    expect((await call('GET', '/me')).status).toBe(200)
  })
})

describe('inside the mock network', () => {
  test('the network resets Acme HR to a named seed and persists it in its snapshot', async () => {
    network.reset('hr', 'large')
    expect((await get<Page<User>>('/users?limit=1')).total).toBe(1_000)
    await call('POST', '/groups', { body: { name: 'Pagination fans' } })
    const saved = JSON.parse(JSON.stringify(network.snapshot())) as unknown
    const other = newNetwork()
    other.restore(saved)
    const groups = (await call('GET', '/groups', { on: other })).body as Page<Group>
    expect(groups.data.map((g) => g.name)).toContain('Pagination fans')
    expect(((await call('GET', '/users?limit=1', { on: other })).body as Page<User>).total).toBe(
      1_000,
    )
  })

  test('a garbage network snapshot leaves Acme HR at its default seed', async () => {
    await call('DELETE', '/users/u1001')
    network.restore({ version: 1, services: { hr: { users: 'nope' } }, faults: {} })
    expect((await get<Page<User>>('/users')).total).toBe(12)
  })

  test('the request log shows paths without credentials', async () => {
    await call('GET', '/users?limit=1')
    await call('GET', '/me', { auth: { username: 'demo', password: 'wrong' } })
    expect(network.log().map((e) => [e.service, e.method, e.path, e.status])).toEqual([
      ['hr', 'GET', '/api/v1/me', 401],
      ['hr', 'GET', '/api/v1/users?limit=1', 200],
    ])
    expect(JSON.stringify(network.log())).not.toContain(DEMO.password)
  })
})

describe('the acme-hr template cards against this service', () => {
  const dir = join(import.meta.dirname, '../../../fixtures/templates/acme-hr')
  const files: ProjectFiles = {
    'connector.json': readFileSync(join(dir, 'connector.json'), 'utf8'),
  }
  for (const name of readdirSync(join(dir, 'flows'))) {
    files[`flows/${name}`] = readFileSync(join(dir, 'flows', name), 'utf8')
  }
  const project = loadProject(files, cardCatalogue)

  function run(
    flow: string,
    input: Record<string, unknown>,
    options: Record<string, unknown> = {},
    connection: Credentials | undefined = DEMO,
  ): Promise<RunResult> {
    let id = 0
    return runFlow(
      project,
      { flow, input, options, ...(connection ? { connection: { ...connection } } : {}) },
      {
        http: (request, signal) => network.respond(request, signal),
        now: () => clock,
        elapsed: () => 0,
        newId: () => `e${++id}`,
        random: () => 0.5,
        wait: async (ms) => {
          clock += ms
        },
      },
    )
  }

  test('the template validates with no diagnostics', () => {
    expect(project.diagnostics).toEqual([])
  })

  test.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>]>([
    ['Get User', { userId: 'u1003' }, {}, { id: 'u1003', groups: ['g1', 'g3'] }],
    [
      'Create User',
      { email: 'new.hire@acme.example', firstName: 'New', lastName: 'Hire' },
      {},
      { id: 'u1013', department: 'Unassigned', createdAt: '2030-05-06T07:08:09.000Z' },
    ],
    [
      'Update User',
      { userId: 'u1002', department: 'Navy', status: 'suspended' },
      {},
      { id: 'u1002', firstName: 'Grace', department: 'Navy', status: 'suspended' },
    ],
    ['Deactivate User', { userId: 'u1004' }, {}, { id: 'u1004', status: 'deactivated' }],
    ['List Groups', { name: 'eng', limit: 5 }, {}, { total: 1, offset: 0 }],
    ['Add User to Group', { groupId: 'g2', userId: 'u1003' }, {}, { groupId: 'g2' }],
    [
      'Custom API Action',
      { relative_url: '/groups/g2/members', query: { limit: 2 } },
      { request_type: 'GET' },
      { status_code: 200 },
    ],
  ])('%s succeeds with the demo connection', async (flow, input, options, expected) => {
    const result = await run(flow, input, options)
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('success')
    expect(result.outputs).toMatchObject(expected)
  })

  test('the cards change the service as they say', async () => {
    await run('Add User to Group', { groupId: 'g2', userId: 'u1003' })
    await run('Deactivate User', { userId: 'u1003' })
    expect(await get<User>('/users/u1003')).toMatchObject({
      status: 'deactivated',
      groups: ['g1', 'g3', 'g2'],
    })
    const created = await run(
      'Custom API Action',
      { relative_url: '/groups', body: { name: 'Payroll' } },
      { request_type: 'POST' },
    )
    expect(created.outputs).toMatchObject({ status_code: 201, body: { id: 'g4' } })
    expect((created.outputs?.headers as Record<string, string>).location).toBe(
      `${HR_API}/groups/g4`,
    )
  })

  test.each<[string, Record<string, unknown>, Record<string, unknown>, number, RegExp]>([
    ['Get User', { userId: 'u9' }, {}, 404, /^Could not get Acme HR user u9: .*No user has id u9/],
    [
      'Create User',
      { email: 'ada.lovelace@acme.example', firstName: 'A', lastName: 'L' },
      {},
      409,
      /already exists/,
    ],
    ['Update User', { userId: 'u1002' }, {}, 400, /at least one field/],
    ['Update User', { userId: 'u1002', status: 'retired' }, {}, 400, /status must be one of/],
    ['Add User to Group', { groupId: 'g1', userId: 'u1003' }, {}, 400, /system group/],
    ['List Groups', { limit: 0 }, {}, 400, /limit must be between/],
    [
      'Custom API Action',
      { relative_url: 'https://evil.example/users' },
      { request_type: 'GET' },
      400,
      /Relative URL must start with \//,
    ],
    ['Custom API Action', { relative_url: '/users' }, {}, 400, /Choose a Request Type/],
    ['Custom API Action', { relative_url: '/me' }, { request_type: 'DELETE' }, 405, /not allowed/],
  ])('%s fails with the API error (%j)', async (flow, input, options, code, message) => {
    const result = await run(flow, input, options)
    expect(result.status).toBe('failed')
    expect(result.error?.code).toBe(code)
    expect(result.error?.message).toMatch(message)
  })

  test('the read-only auditor connection reads, and its writes fail with 403', async () => {
    expect((await run('Get User', { userId: 'u1001' }, {}, AUDITOR)).status).toBe('success')
    const denied = await run('Deactivate User', { userId: 'u1001' }, {}, AUDITOR)
    expect(denied.error?.code).toBe(403)
    expect(denied.error?.message).toContain('read-only')
    expect((await get<User>('/users/u1001')).status).toBe('suspended')
  })

  test('after revokeCredentials the old connection fails with 401', async () => {
    service.revokeCredentials()
    const result = await run('Get User', { userId: 'u1001' })
    expect(result.error?.code).toBe(401)
    const fresh = service.demoCredentials()[0]?.values as unknown as Credentials
    expect((await run('Get User', { userId: 'u1001' }, {}, fresh)).status).toBe('success')
  })
})
