// Acme HR: a mock HR system with Basic auth — users and groups, offset pagination, and the
// error shapes a real SaaS API returns. State lives in memory, seeded from fixtures.
import { http, HttpResponse } from 'msw'
import seed from '../../../fixtures/mock-data/hr-seed.json'
import type { MockService } from '../types'

export const HR_ORIGIN = 'https://hr.example'
const API = `${HR_ORIGIN}/api/v1`

interface HrUser {
  id: string
  email: string
  firstName: string
  lastName: string
  department: string
  status: string
  groups: string[]
  createdAt: string
}

interface HrState {
  users: HrUser[]
  nextId: number
}

const clone = <T>(value: T): T => structuredClone(value)

function freshState(): HrState {
  return { users: clone(seed.users), nextId: 1001 + seed.users.length }
}

function error(status: number, code: string, message: string, headers?: Record<string, string>) {
  return HttpResponse.json({ error: code, message }, { status, ...(headers ? { headers } : {}) })
}

/** Checks `Authorization: Basic …` against the seeded accounts. */
function authenticate(request: Request): (typeof seed.accounts)[number] | undefined {
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
  const username = decoded.slice(0, separator)
  const password = decoded.slice(separator + 1)
  return seed.accounts.find((a) => a.username === username && a.password === password)
}

function unauthorized() {
  return error(401, 'unauthorized', 'Invalid username or password', {
    'www-authenticate': 'Basic realm="Acme HR"',
  })
}

function intParam(url: URL, name: string, fallback: number, max: number): number | 'invalid' {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return fallback
  if (!/^\d+$/.test(raw)) return 'invalid'
  return Math.min(Number(raw), max)
}

export function createHrService(): MockService {
  let state = freshState()
  const handlers = [
    http.all(`${API}/*`, ({ request }) => {
      if (!authenticate(request)) return unauthorized()
      return undefined // authenticated: fall through to the route handlers
    }),
    http.get(`${API}/me`, ({ request }) => {
      const account = authenticate(request)
      return HttpResponse.json({
        username: account?.username,
        displayName: account?.displayName,
        tenant: account?.tenant,
      })
    }),
    http.get(`${API}/users`, ({ request }) => {
      const url = new URL(request.url)
      const offset = intParam(url, 'offset', 0, Number.MAX_SAFE_INTEGER)
      const limit = intParam(url, 'limit', 25, 100)
      if (offset === 'invalid' || limit === 'invalid') {
        return error(400, 'invalid_request', 'offset and limit must be whole numbers')
      }
      const department = url.searchParams.get('department')
      const matching = department
        ? state.users.filter((u) => u.department.toLowerCase() === department.toLowerCase())
        : state.users
      return HttpResponse.json({
        data: matching.slice(offset, offset + limit),
        offset,
        limit,
        total: matching.length,
      })
    }),
    http.get(`${API}/users/:id`, ({ params }) => {
      const user = state.users.find((u) => u.id === params.id)
      return user
        ? HttpResponse.json(user)
        : error(404, 'not_found', `No user has id ${String(params.id)}`)
    }),
    http.post(`${API}/users`, async ({ request }) => {
      let body: Partial<HrUser>
      try {
        body = (await request.json()) as Partial<HrUser>
      } catch {
        return error(400, 'invalid_request', 'The body must be JSON')
      }
      if (!body || typeof body.email !== 'string' || !body.email.includes('@')) {
        return error(400, 'invalid_request', 'email is required')
      }
      if (state.users.some((u) => u.email.toLowerCase() === body.email?.toLowerCase())) {
        return error(409, 'conflict', `A user with email ${body.email} already exists`)
      }
      const user: HrUser = {
        id: `u${state.nextId++}`,
        email: body.email,
        firstName: String(body.firstName ?? ''),
        lastName: String(body.lastName ?? ''),
        department: String(body.department ?? 'Unassigned'),
        status: 'active',
        groups: ['g1'],
        createdAt: new Date().toISOString(),
      }
      state.users.push(user)
      return HttpResponse.json(user, { status: 201 })
    }),
    http.get(`${API}/groups`, () =>
      HttpResponse.json({ data: seed.groups, total: seed.groups.length }),
    ),
    http.all(`${API}/*`, ({ request }) =>
      error(
        404,
        'not_found',
        `${request.method} ${new URL(request.url).pathname} is not an Acme HR endpoint`,
      ),
    ),
  ]
  return {
    id: 'hr',
    name: 'Acme HR',
    origin: HR_ORIGIN,
    handlers,
    reset: () => {
      state = freshState()
    },
  }
}
