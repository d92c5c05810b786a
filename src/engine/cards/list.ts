// List function cards that need no helper flow (For Each, Map, Filter Custom … are in
// list-helpers.ts). Items compare by value: objects and lists by their content.
import type { CardFieldSpec } from '../../definition'
import { compare, isEmpty, looseEquals, OPERATORS } from '../compare'
import { FlowError } from '../errors'
import { isPlainObject, toText, type PlainObject } from '../values'
import { optionalBoolean } from './boolean'
import type { Card } from './card'
import { toNumber, toInteger } from './number'
import { getPath, toList } from './object-more'
import { checkListSize, MAX_TEXT_LENGTH } from './text-more'

export { toList } from './object-more'

/** A key that is equal for equal values: type-tagged canonical JSON (objects with sorted keys). */
export function identity(value: unknown): string {
  if (value === undefined) return 'u'
  return `${Array.isArray(value) ? 'a' : typeof value}:${JSON.stringify(
    value,
    (_key, inner: unknown) =>
      isPlainObject(inner)
        ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : inner,
  )}`
}

function typeRank(value: unknown): number {
  if (typeof value === 'number') return 0
  if (typeof value === 'string') return 1
  if (typeof value === 'boolean') return 2
  return 3
}

/** Sort order: numbers (and numeric text) by value, dates by time, text by code point; empty last. */
export function orderValues(a: unknown, b: unknown): number {
  const aEmpty = a === undefined || a === null || a === ''
  const bEmpty = b === undefined || b === null || b === ''
  if (aEmpty || bEmpty) return Number(aEmpty) - Number(bEmpty)
  try {
    if (compare(a, '<', b)) return -1
    if (compare(a, '>', b)) return 1
    return 0
  } catch {
    const rank = typeRank(a) - typeRank(b)
    if (rank !== 0) return rank
    const [x, y] = [identity(a), identity(b)]
    return x < y ? -1 : x > y ? 1 : 0
  }
}

function pathInput(value: unknown): string {
  return value === undefined || value === null ? '' : toText(value, 'path')
}

function uniqueBy(list: readonly unknown[], key: (item: unknown) => unknown): unknown[] {
  const seen = new Set<string>()
  return list.filter((item) => {
    const id = identity(key(item))
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}

function lists(inputs: Record<string, unknown>): unknown[][] {
  return Object.entries(inputs).map(([key, value]) => toList(value, key))
}

function built<T>(list: T[], what: string): T[] {
  checkListSize(list.length, what)
  return list
}

function index(list: readonly unknown[], value: unknown, input: string): number {
  const i = toInteger(value, input)
  if (i < 0 || i >= list.length) {
    throw new FlowError(
      `Array index out of bounds: input "${input}" is ${i}, but the list has ${list.length} item${list.length === 1 ? '' : 's'}${list.length ? ` (positions 0–${list.length - 1})` : ''}`,
    )
  }
  return i
}

const listIn = (key = 'list', type: CardFieldSpec['type'] = 'any'): CardFieldSpec => ({
  key,
  type,
  list: true,
  required: true,
})
const listOut = (key = 'output'): CardFieldSpec[] => [{ key, type: 'any', list: true }]
const pathIn: CardFieldSpec = {
  key: 'path',
  type: 'text',
  help: 'A key or dot path inside each item ("profile.email"); empty for the item itself.',
}
const condition: CardFieldSpec[] = [
  listIn(),
  pathIn,
  { key: 'operator', type: 'text', required: true, help: OPERATORS.join(', ') },
  { key: 'comparison', type: 'any', help: 'The value to compare with (the right-hand side).' },
]

function matches(inputs: Record<string, unknown>): (item: unknown) => boolean {
  const path = pathInput(inputs.path)
  const operator = toText(inputs.operator, 'operator')
  return (item) => compare(getPath(item, path), operator, inputs.comparison)
}

function card(
  spec: Omit<Card, 'category' | 'pure' | 'id' | 'oktaKey'> & { id: string; key: string },
): Card {
  const { key, id, ...rest } = spec
  return { id: `list.${id}`, category: 'List', oktaKey: `list:${key}`, pure: true, ...rest }
}

export const listCards: Card[] = [
  card({
    id: 'construct',
    key: 'construct',
    name: 'Construct',
    help: 'Builds a list from its inputs (any names), in the order written.',
    inputs: [],
    outputs: listOut('list'),
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { list: built(Object.values(inputs), 'Construct') } }),
  }),
  card({
    id: 'at',
    key: 'at',
    name: 'At',
    help: 'The item at a position, where 0 is the first. A position outside the list is an "Array index out of bounds" error.',
    inputs: [listIn(), { key: 'index', type: 'number', required: true }],
    outputs: [{ key: 'output', type: 'any' }],
    run(inputs) {
      const list = toList(inputs.list, 'list')
      return { outputs: { output: list[index(list, inputs.index, 'index')] } }
    },
  }),
  card({
    id: 'length',
    key: 'length',
    name: 'Length',
    help: 'The number of items in a list.',
    inputs: [listIn()],
    outputs: [{ key: 'length', type: 'number' }],
    run: (inputs) => ({ outputs: { length: toList(inputs.list, 'list').length } }),
  }),
  card({
    id: 'pluck',
    key: 'pluck',
    name: 'Pluck',
    help: 'The value at a key or dot path of every item, as a new list (empty where an item lacks it).',
    inputs: [listIn('list', 'object'), { ...pathIn, required: true }],
    outputs: listOut(),
    run(inputs) {
      const path = pathInput(inputs.path)
      return {
        outputs: {
          output: toList(inputs.list, 'list').map((item) => getPath(item, path) ?? null),
        },
      }
    },
  }),
  card({
    id: 'join',
    key: 'join',
    name: 'List to Text',
    help: 'Joins the items into one text with a delimiter between them (none when empty). Objects become JSON. Workflows names the output "string".',
    inputs: [listIn(), { key: 'delimiter', type: 'text' }],
    outputs: [{ key: 'string', type: 'text' }],
    run(inputs) {
      const delimiter = toText(inputs.delimiter, 'delimiter')
      const items = toList(inputs.list, 'list')
      let length = Math.max(0, items.length - 1) * delimiter.length
      const parts = items.map((item, i) => {
        const text = toText(item, `list.${i}`)
        length += text.length
        if (length > MAX_TEXT_LENGTH) {
          throw new FlowError(
            `List to Text would build more than the 5 MB (${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters) a card may build`,
          )
        }
        return text
      })
      return { outputs: { string: parts.join(delimiter) } }
    },
  }),
  card({
    id: 'sort',
    key: 'sortBy',
    name: 'Sort',
    help: 'Sorts a list by the value at a path in each item (the items themselves when empty), ascending or descending. Numbers and numeric text sort by value, dates by time, text by character code; empty values go last. Equal items keep their order.',
    inputs: [
      listIn(),
      pathIn,
      { key: 'direction', type: 'text', help: '"asc" (the default) or "desc".' },
    ],
    outputs: listOut(),
    run(inputs) {
      const path = pathInput(inputs.path)
      const direction = toText(inputs.direction, 'direction').toLowerCase() || 'asc'
      if (!['asc', 'desc', 'ascending', 'descending'].includes(direction)) {
        throw new FlowError(`Input "direction" must be "asc" or "desc", got "${direction}"`)
      }
      const sign = direction.startsWith('desc') ? -1 : 1
      const keyed = toList(inputs.list, 'list').map((item, i) => ({
        item,
        key: getPath(item, path),
        i,
      }))
      keyed.sort((a, b) => {
        const empty = (v: unknown) => v === undefined || v === null || v === ''
        if (empty(a.key) || empty(b.key)) return orderValues(a.key, b.key) || a.i - b.i
        return sign * orderValues(a.key, b.key) || a.i - b.i
      })
      return { outputs: { output: keyed.map((k) => k.item) } }
    },
  }),
  card({
    id: 'removeDuplicates',
    key: 'uniqueBy',
    name: 'Remove Duplicates',
    help: 'Keeps the first item of each distinct value (or of each distinct value at a path). Values compare by content: 1 and "1" differ. Workflows names the output "unique list".',
    inputs: [listIn(), pathIn],
    outputs: listOut(),
    run(inputs) {
      const path = pathInput(inputs.path)
      return {
        outputs: { output: uniqueBy(toList(inputs.list, 'list'), (item) => getPath(item, path)) },
      }
    },
  }),
  card({
    id: 'flatten',
    key: 'flatten',
    name: 'Flatten',
    help: 'Turns a list that contains lists into a single list: one level, or every level with deep.',
    inputs: [
      listIn(),
      { key: 'deep', type: 'boolean', help: 'Flatten every level (default false).' },
    ],
    outputs: listOut(),
    run(inputs) {
      const deep = optionalBoolean(inputs.deep, 'deep', false)
      const list = toList(inputs.list, 'list')
      const flat = list.flat(deep ? 100 : 1)
      return { outputs: { output: built(flat, 'Flatten') } }
    },
  }),
  card({
    id: 'includes',
    key: 'includes',
    name: 'Includes',
    help: 'True when the list has an item equal to the value (numbers and numeric text are equal; objects compare by content).',
    inputs: [listIn(), { key: 'value', type: 'any' }],
    outputs: [{ key: 'result', type: 'boolean' }],
    run: (inputs) => ({
      outputs: {
        result: toList(inputs.list, 'list').some((item) => looseEquals(item, inputs.value)),
      },
    }),
  }),
  card({
    id: 'intersection',
    key: 'intersection',
    name: 'Intersection',
    help: 'The items (without duplicates) that are in every one of the input lists (any names).',
    inputs: [],
    outputs: listOut(),
    extensibleInputs: true,
    run(inputs) {
      const [first = [], ...rest] = lists(inputs)
      const others = rest.map((list) => new Set(list.map(identity)))
      return {
        outputs: {
          output: uniqueBy(first, (x) => x).filter((item) =>
            others.every((set) => set.has(identity(item))),
          ),
        },
      }
    },
  }),
  card({
    id: 'difference',
    key: 'difference',
    name: 'Difference',
    help: 'The items of list1 that are not in list2 (compared by content).',
    inputs: [listIn('list1'), listIn('list2')],
    outputs: listOut(),
    run(inputs) {
      const remove = new Set(toList(inputs.list2, 'list2').map(identity))
      return {
        outputs: {
          output: toList(inputs.list1, 'list1').filter((item) => !remove.has(identity(item))),
        },
      }
    },
  }),
  card({
    id: 'xor',
    key: 'xor',
    name: 'XOR',
    help: 'The items that are in exactly one of the two lists (without duplicates).',
    inputs: [listIn('list1'), listIn('list2')],
    outputs: listOut(),
    run(inputs) {
      const a = toList(inputs.list1, 'list1')
      const b = toList(inputs.list2, 'list2')
      const inA = new Set(a.map(identity))
      const inB = new Set(b.map(identity))
      return {
        outputs: {
          output: uniqueBy(
            [...a.filter((x) => !inB.has(identity(x))), ...b.filter((x) => !inA.has(identity(x)))],
            (x) => x,
          ),
        },
      }
    },
  }),
  card({
    id: 'union',
    key: 'union',
    name: 'Union (Combine Unique)',
    help: 'Combines the input lists (any names) into one list of their distinct items, in order of first appearance. Workflows names the output "union".',
    inputs: [],
    outputs: listOut('union'),
    extensibleInputs: true,
    run: (inputs) => ({
      outputs: {
        union: built(
          uniqueBy(lists(inputs).flat(), (x) => x),
          'Union',
        ),
      },
    }),
  }),
  card({
    id: 'combineAll',
    key: 'concat',
    name: 'Combine All',
    help: 'Concatenates the input lists (any names) into one list, duplicates included.',
    inputs: [],
    outputs: listOut(),
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { output: built(lists(inputs).flat(), 'Combine All') } }),
  }),
  card({
    id: 'addToEnd',
    key: 'push',
    name: 'Add to End',
    help: 'A copy of the list with the item added at the end.',
    inputs: [listIn(), { key: 'item', type: 'any' }],
    outputs: listOut('list'),
    run: (inputs) => ({
      outputs: { list: built([...toList(inputs.list, 'list'), inputs.item], 'Add to End') },
    }),
  }),
  card({
    id: 'addToFront',
    key: 'unshift',
    name: 'Add to Front',
    help: 'A copy of the list with the item added at the start.',
    inputs: [listIn(), { key: 'item', type: 'any' }],
    outputs: listOut('list'),
    run: (inputs) => ({
      outputs: { list: built([inputs.item, ...toList(inputs.list, 'list')], 'Add to Front') },
    }),
  }),
  card({
    id: 'getFirstItem',
    key: 'shift',
    name: 'Get First Item',
    help: 'The first item, and the list without it. For an empty list the item is null.',
    inputs: [listIn()],
    outputs: [
      { key: 'item', type: 'any' },
      { key: 'list', type: 'any', list: true },
    ],
    run(inputs) {
      const [item = null, ...list] = toList(inputs.list, 'list')
      return { outputs: { item, list } }
    },
  }),
  card({
    id: 'getLastItem',
    key: 'pop',
    name: 'Get Last Item',
    help: 'The last item, and the list without it. For an empty list the item is null.',
    inputs: [listIn()],
    outputs: [
      { key: 'item', type: 'any' },
      { key: 'list', type: 'any', list: true },
    ],
    run(inputs) {
      const list = toList(inputs.list, 'list')
      return { outputs: { item: list.at(-1) ?? null, list: list.slice(0, -1) } }
    },
  }),
  {
    id: 'list.sample',
    name: 'Sample',
    category: 'List',
    oktaKey: 'list:sample',
    help: 'A random item of the list (null for an empty list). Uses the run’s random source, which is seeded in tests.',
    inputs: [listIn()],
    outputs: [{ key: 'output', type: 'any' }],
    run(inputs, context) {
      const list = toList(inputs.list, 'list')
      return {
        outputs: { output: list[Math.floor(context.ports.random() * list.length)] ?? null },
      }
    },
  },
  card({
    id: 'collapse',
    key: 'collapse',
    name: 'Collapse',
    help: 'Merges a list of objects into one object; for a key in several objects the later value wins.',
    inputs: [listIn('list', 'object')],
    outputs: [{ key: 'output', type: 'object' }],
    run(inputs) {
      const output: PlainObject = {}
      toList(inputs.list, 'list').forEach((item, i) => {
        if (item === null || item === undefined) return
        if (!isPlainObject(item)) throw new FlowError(`Input "list": item ${i} is not an object`)
        for (const [key, value] of Object.entries(item)) {
          Object.defineProperty(output, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          })
        }
      })
      return { outputs: { output } }
    },
  }),
  card({
    id: 'filter',
    key: 'filterBy',
    name: 'Filter',
    help: 'Keeps the items whose value at a path (the item itself when empty) compares true with the comparison value, e.g. path "status", operator "==", comparison "ACTIVE".',
    inputs: condition,
    outputs: listOut('list'),
    run: (inputs) => ({
      outputs: { list: toList(inputs.list, 'list').filter(matches(inputs)) },
    }),
  }),
  card({
    id: 'find',
    key: 'findBy',
    name: 'Find',
    help: 'The first item whose value at a path compares true with the comparison value, and its position; null and -1 when none does.',
    inputs: condition,
    outputs: [
      { key: 'item', type: 'any' },
      { key: 'index', type: 'number' },
    ],
    run(inputs) {
      const list = toList(inputs.list, 'list')
      const i = list.findIndex(matches(inputs))
      return { outputs: { item: i === -1 ? null : list[i], index: i } }
    },
  }),
  card({
    id: 'reverse',
    key: 'reverse',
    name: 'Reverse',
    help: 'The list in reverse order.',
    inputs: [listIn()],
    outputs: listOut(),
    run: (inputs) => ({ outputs: { output: [...toList(inputs.list, 'list')].reverse() } }),
  }),
  card({
    id: 'slice',
    key: 'slice',
    name: 'Slice',
    help: 'The items from position start (0 when empty) up to, not including, end (the end of the list when empty). Negative positions count from the end.',
    inputs: [listIn(), { key: 'start', type: 'number' }, { key: 'end', type: 'number' }],
    outputs: listOut(),
    run(inputs) {
      const start = toInteger(inputs.start, 'start', { fallback: 0 })
      const end =
        inputs.end === undefined || inputs.end === null || inputs.end === ''
          ? undefined
          : toInteger(inputs.end, 'end')
      return { outputs: { output: toList(inputs.list, 'list').slice(start, end) } }
    },
  }),
  card({
    id: 'truncate',
    key: 'truncate',
    name: 'Truncate',
    help: 'The first "length" items of the list.',
    inputs: [listIn(), { key: 'length', type: 'number', required: true }],
    outputs: listOut(),
    run: (inputs) => ({
      outputs: {
        output: toList(inputs.list, 'list').slice(
          0,
          toInteger(inputs.length, 'length', { min: 0 }),
        ),
      },
    }),
  }),
  card({
    id: 'swap',
    key: 'swap',
    name: 'Swap',
    help: 'A copy of the list with the items at two positions exchanged.',
    inputs: [
      listIn(),
      { key: 'index1', type: 'number', required: true },
      { key: 'index2', type: 'number', required: true },
    ],
    outputs: listOut(),
    run(inputs) {
      const list = [...toList(inputs.list, 'list')]
      const a = index(list, inputs.index1, 'index1')
      const b = index(list, inputs.index2, 'index2')
      ;[list[a], list[b]] = [list[b], list[a]]
      return { outputs: { output: list } }
    },
  }),
  card({
    id: 'sum',
    key: 'sum',
    name: 'Sum',
    help: 'Adds up a list of numbers (numeric text counts as numbers).',
    inputs: [listIn('list', 'number')],
    outputs: [{ key: 'output', type: 'number' }],
    run(inputs) {
      const total = toList(inputs.list, 'list').reduce<number>(
        (sum, item, i) => sum + toNumber(item, `list.${i}`),
        0,
      )
      if (!Number.isFinite(total)) throw new FlowError('Sum does not give a finite number')
      return { outputs: { output: total } }
    },
  }),
  card({
    id: 'statistics',
    key: 'stats',
    name: 'Statistics',
    help: 'Statistics of a list of numbers: count, sum, mean, median, min, max and (population) standard deviation. For an empty list everything but count and sum is null.',
    inputs: [listIn('list', 'number')],
    outputs: ['count', 'sum', 'mean', 'median', 'min', 'max', 'stdev'].map((key) => ({
      key,
      type: 'number' as const,
    })),
    run(inputs) {
      const numbers = toList(inputs.list, 'list').map((item, i) => toNumber(item, `list.${i}`))
      const count = numbers.length
      const sum = numbers.reduce((a, b) => a + b, 0)
      if (count === 0) {
        return {
          outputs: { count, sum, mean: null, median: null, min: null, max: null, stdev: null },
        }
      }
      const mean = sum / count
      const sorted = [...numbers].sort((a, b) => a - b)
      const middle = Math.floor(count / 2)
      const median =
        count % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
      const stdev = Math.sqrt(numbers.reduce((acc, n) => acc + (n - mean) ** 2, 0) / count)
      return {
        outputs: {
          count,
          sum,
          mean,
          median,
          min: sorted[0] ?? null,
          max: sorted.at(-1) ?? null,
          stdev,
        },
      }
    },
  }),
  card({
    id: 'zip',
    key: 'zip',
    name: 'Zip',
    help: 'Combines two lists of equal length into one list of pairs: item i is [list1[i], list2[i]].',
    inputs: [listIn('list1'), listIn('list2')],
    outputs: listOut(),
    run(inputs) {
      const a = toList(inputs.list1, 'list1')
      const b = toList(inputs.list2, 'list2')
      if (a.length !== b.length) {
        throw new FlowError(
          `Zip needs lists of equal length; list1 has ${a.length} items and list2 has ${b.length}`,
        )
      }
      return { outputs: { output: a.map((item, i) => [item, b[i]]) } }
    },
  }),
  card({
    id: 'merge',
    key: 'merge',
    name: 'Merge',
    help: 'Merges the objects at the same position of several lists of objects (any input names) into one list; later lists win for a shared key.',
    inputs: [],
    outputs: listOut(),
    extensibleInputs: true,
    run(inputs) {
      const all = lists(inputs)
      const length = Math.max(0, ...all.map((list) => list.length))
      checkListSize(length, 'Merge')
      const output = Array.from({ length }, (_x, i) => {
        const merged: PlainObject = {}
        for (const list of all) {
          const item = list[i]
          if (item === undefined || item === null) continue
          if (!isPlainObject(item))
            throw new FlowError(`Merge: item ${i} of a list is not an object`)
          for (const [key, value] of Object.entries(item)) {
            Object.defineProperty(merged, key, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            })
          }
        }
        return merged
      })
      return { outputs: { output } }
    },
  }),
  card({
    id: 'indexBy',
    key: 'indexBy',
    name: 'Index By',
    help: 'An object of the items keyed by the (text) value at a path in each item; for a repeated value the later item wins. Items without the path are left out.',
    inputs: [listIn('list', 'object'), { ...pathIn, required: true }],
    outputs: [{ key: 'output', type: 'object' }],
    run(inputs) {
      const path = pathInput(inputs.path)
      const output: PlainObject = {}
      toList(inputs.list, 'list').forEach((item, i) => {
        const key = getPath(item, path)
        if (isEmpty(key)) return
        Object.defineProperty(output, toText(key, `list.${i}.${path}`), {
          value: item,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      })
      return { outputs: { output } }
    },
  }),
  card({
    id: 'groupBy',
    key: 'groupBy',
    name: 'Group By',
    help: 'An object whose keys are the distinct (text) values at a path in the items, each holding the list of items with that value. Items without the path are grouped under "".',
    inputs: [listIn('list', 'object'), { ...pathIn, required: true }],
    outputs: [{ key: 'output', type: 'object' }],
    run(inputs) {
      const path = pathInput(inputs.path)
      const groups = new Map<string, unknown[]>()
      toList(inputs.list, 'list').forEach((item, i) => {
        const key = toText(getPath(item, path), `list.${i}.${path}`)
        const group = groups.get(key)
        if (group) group.push(item)
        else groups.set(key, [item])
      })
      const output: PlainObject = {}
      for (const [key, value] of groups) {
        Object.defineProperty(output, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        })
      }
      return { outputs: { output } }
    },
  }),
]
