// Resolves `=` references in card inputs by walking a path through plain data — never by
// evaluating code. `=call.body.users.0.name` reads scope.call.body.users[0].name. A reference is
// `=` followed by a name (a letter or `_`), so `==`, `=>` or `= 5` are plain text; a literal that
// must start with `=` and a name is escaped as `==name`.
import { FlowError } from './errors'

/** Names visible to a step: input, options, connection, and the ids of earlier steps. */
export type Scope = Record<string, unknown>

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor'])

const REFERENCE = /^=[A-Za-z_]/
const ESCAPED_LITERAL = /^==[A-Za-z_]/

export function isReference(value: unknown): boolean {
  return typeof value === 'string' && REFERENCE.test(value)
}

export function parseReference(reference: string): string[] {
  const body = reference.slice(1).trim()
  if (body === '') throw new FlowError('Empty reference "="; write a name after "="')
  const segments = body.split('.')
  for (const segment of segments) {
    if (segment === '') throw new FlowError(`Reference "${reference}" has an empty path segment`)
    if (FORBIDDEN_SEGMENTS.has(segment)) {
      throw new FlowError(`Reference "${reference}" uses the reserved name "${segment}"`)
    }
  }
  return segments
}

function hasOwn(value: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(value, key)
}

/**
 * Finds a name in a scope chain: a container's scope inherits the flow's through its prototype.
 * Only the engine's own scope objects are searched — never Object.prototype.
 */
function lookup(scope: Scope, name: string): { value: unknown } | undefined {
  for (
    let s: object | null = scope;
    s && s !== Object.prototype;
    s = Object.getPrototypeOf(s) as object | null
  ) {
    if (hasOwn(s, name)) return { value: (s as Record<string, unknown>)[name] }
  }
  return undefined
}

export function resolveReference(reference: string, scope: Scope): unknown {
  const [head, ...rest] = parseReference(reference)
  const found = head === undefined ? undefined : lookup(scope, head)
  if (!found) {
    throw new FlowError(`Reference "${reference}": nothing named "${head}" is available here`)
  }
  let current: unknown = found.value
  for (const segment of rest) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      current = current[Number(segment)]
    } else if (current !== null && typeof current === 'object' && hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment]
    } else {
      // Workflows passes a missing field as empty rather than failing the card.
      return undefined
    }
  }
  return current
}

/** Resolves references anywhere inside an input value (objects and lists included). */
export function resolveValue(value: unknown, scope: Scope): unknown {
  if (typeof value === 'string') {
    if (isReference(value)) return resolveReference(value, scope)
    return ESCAPED_LITERAL.test(value) ? value.slice(1) : value
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (FORBIDDEN_SEGMENTS.has(key)) continue
      out[key] = resolveValue(inner, scope)
    }
    return out
  }
  return value
}
