// Comparisons shared by If/Else, If/ElseIf, Continue If, Assign If and Return Error If — the
// operators of Workflows' comparison cards, with its loose typing: numbers and numeric text
// compare as numbers, "true"/"false" compare as True/False, objects and lists compare by value.
import { OPERATORS, type Operator } from '../definition/operators'
import { FlowError } from './errors'

export { OPERATORS, type Operator } from '../definition/operators'

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value)
  }
  return undefined
}

function asBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true
  if (Array.isArray(value)) return value.length === 0
  if (typeof value === 'object') return Object.keys(value).length === 0
  return false
}

/** Canonical JSON (sorted keys) so objects compare by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  )
}

export function looseEquals(left: unknown, right: unknown): boolean {
  const scalar = (v: unknown) => v === null || typeof v !== 'object'
  if (isEmpty(left) && isEmpty(right) && scalar(left) && scalar(right)) return true
  const ln = asNumber(left)
  const rn = asNumber(right)
  if (ln !== undefined && rn !== undefined) return ln === rn
  const lb = asBoolean(left)
  const rb = asBoolean(right)
  if (lb !== undefined && rb !== undefined) return lb === rb
  if (typeof left === 'object' || typeof right === 'object')
    return canonical(left) === canonical(right)
  return String(left ?? '') === String(right ?? '')
}

function order(left: unknown, right: unknown): number {
  const ln = asNumber(left)
  const rn = asNumber(right)
  if (ln !== undefined && rn !== undefined) return ln - rn
  if (typeof left === 'string' && typeof right === 'string') {
    const ld = Date.parse(left)
    const rd = Date.parse(right)
    if (!Number.isNaN(ld) && !Number.isNaN(rd) && /\d{4}-\d{2}-\d{2}/.test(left + right))
      return ld - rd
    return left < right ? -1 : left > right ? 1 : 0
  }
  throw new FlowError(`Cannot order ${JSON.stringify(left)} and ${JSON.stringify(right)}`)
}

function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.some((element) => looseEquals(element, item))
  if (typeof container === 'string') return container.includes(String(item ?? ''))
  if (container && typeof container === 'object') {
    return Object.prototype.hasOwnProperty.call(container, String(item))
  }
  return false
}

export function compare(left: unknown, operator: string, right: unknown): boolean {
  switch (operator as Operator) {
    case '==':
      return looseEquals(left, right)
    case '!=':
      return !looseEquals(left, right)
    case '<':
      return order(left, right) < 0
    case '<=':
      return order(left, right) <= 0
    case '>':
      return order(left, right) > 0
    case '>=':
      return order(left, right) >= 0
    case 'contains':
      return contains(left, right)
    case 'not contains':
      return !contains(left, right)
    case 'starts with':
      return String(left ?? '').startsWith(String(right ?? ''))
    case 'ends with':
      return String(left ?? '').endsWith(String(right ?? ''))
    case 'in':
      return contains(right, left)
    case 'not in':
      return !contains(right, left)
    case 'is empty':
      return isEmpty(left)
    case 'is not empty':
      return !isEmpty(left)
    default:
      throw new FlowError(`Unknown operator "${operator}"; use one of ${OPERATORS.join(', ')}`)
  }
}
