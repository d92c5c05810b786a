// Cards that run a helper flow once per item: For Each, Map, Filter Custom, Reduce … and their
// Object counterparts. The helper is the step's `flow`. Each call gets the card's other inputs
// (the same for every call) plus the current item under the helper input named by `itemKey`
// (default "item"), optionally its position under `indexKey`, and optionally parts of the item
// under the names in `itemFields` (helper input → dot path, "" for the whole item) — the way
// Workflows maps the current item onto the helper's inputs.
//
// Up to `concurrency` calls run at once (a simple promise pool); results keep the input order.
// A helper's result is its output named as the card says (e.g. "output" for Map, "keep" for
// Filter Custom, "memo" for Reduce) or else its first output.
import type { CardFieldSpec } from '../../definition'
import { FlowError, RunAborted } from '../errors'
import { isPlainObject, toObject, toText, type PlainObject } from '../values'
import { toBoolean } from './boolean'
import type { Card, CardContext } from './card'
import { identity, orderValues } from './list'
import { toInteger } from './number'
import { getPath, toList } from './object-more'

export const MAX_CONCURRENCY = 100

/**
 * Runs `task(i)` for i = 0 … count-1, at most `limit` at a time, and returns the results in
 * order. After the first failure no new task starts; the failure is rethrown once the running
 * tasks have settled.
 */
export async function runPool<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
  signal: AbortSignal,
): Promise<T[]> {
  const results = new Array<T>(count)
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async () => {
    while (failure === undefined && next < count) {
      if (signal.aborted) {
        failure = { error: new RunAborted('The run was cancelled', 'cancelled') }
        break
      }
      const index = next++
      try {
        results[index] = await task(index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, count)) }, worker))
  if (failure) throw failure.error
  return results
}

/** The helper's result: its output of the preferred name, or else its first output. */
export function helperResult(outputs: Record<string, unknown>, preferred: string): unknown {
  if (Object.prototype.hasOwnProperty.call(outputs, preferred)) return outputs[preferred]
  return Object.values(outputs)[0] ?? null
}

/** What a failed helper call says: a FlowError, or the error object of a failed helper run. */
export function failureOf(error: unknown): { message: string; code: number } {
  if (error instanceof RunAborted) throw error
  const inner = (error as { error?: unknown } | null)?.error
  if (isPlainObject(inner) && typeof inner.message === 'string') {
    return { message: inner.message, code: typeof inner.code === 'number' ? inner.code : 500 }
  }
  if (error instanceof FlowError) return { message: error.message, code: error.code }
  return { message: error instanceof Error ? error.message : String(error), code: 500 }
}

const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype'])

function helperKey(value: unknown, input: string, fallback: string): string {
  const key = value === undefined || value === null ? fallback : toText(value, input)
  if (RESERVED_NAMES.has(key)) throw new FlowError(`Input "${input}" may not be "${key}"`)
  return key
}

function define(target: PlainObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

interface PerItem {
  flow: string
  concurrency: number
  /** Builds the helper input for one item. */
  input(item: unknown, index: number, extra?: Record<string, unknown>): Record<string, unknown>
}

/** Reads the per-item settings; every input not named in `own` is passed to each call. */
function perItem(
  inputs: Record<string, unknown>,
  context: CardContext,
  own: readonly string[],
  defaults: { itemKey: string },
): PerItem {
  const flow = context.step.flow ?? ''
  if (flow === '') throw new FlowError('This card needs a helper flow: set the step’s "flow"')
  const itemKey = helperKey(inputs.itemKey, 'itemKey', defaults.itemKey)
  const indexKey = helperKey(inputs.indexKey, 'indexKey', '')
  const fields = Object.entries(toObject(inputs.itemFields, 'itemFields')).map(([name, path]) => [
    helperKey(name, `itemFields.${name}`, ''),
    toText(path, `itemFields.${name}`),
  ])
  const concurrency = toInteger(inputs.concurrency, 'concurrency', {
    fallback: 1,
    min: 1,
    max: MAX_CONCURRENCY,
  })
  const shared: PlainObject = {}
  const reserved = new Set([...own, 'itemKey', 'indexKey', 'itemFields', 'concurrency'])
  for (const [key, value] of Object.entries(inputs)) {
    if (!reserved.has(key)) define(shared, key, value)
  }
  return {
    flow,
    concurrency,
    input(item, index, extra = {}) {
      const input: PlainObject = { ...shared }
      if (itemKey !== '') define(input, itemKey, item)
      for (const [name = '', path = ''] of fields) define(input, name, getPath(item, path))
      if (indexKey !== '') define(input, indexKey, index)
      for (const [key, value] of Object.entries(extra)) define(input, key, value)
      return input
    },
  }
}

const listIn: CardFieldSpec = { key: 'list', type: 'any', list: true, required: true }
const perItemInputs: CardFieldSpec[] = [
  {
    key: 'itemKey',
    type: 'text',
    help: 'The helper input that receives the current item ("item" when empty; "" to not pass it).',
  },
  {
    key: 'indexKey',
    type: 'text',
    help: 'A helper input that receives the item’s position (0 is the first); not passed when empty.',
  },
  {
    key: 'itemFields',
    type: 'object',
    help: 'Helper input → dot path in the item, to pass parts of it (e.g. {"userId": "id"}).',
  },
]
const concurrencyIn: CardFieldSpec = {
  key: 'concurrency',
  type: 'number',
  help: `How many helper calls run at once, 1–${MAX_CONCURRENCY} (default 1). Results keep the list order.`,
}
const EXTRA = 'Any other input is passed to every call of the helper under its own name.'

function helperCard(spec: Omit<Card, 'callsFlow' | 'extensibleInputs'>): Card {
  return { ...spec, callsFlow: true, extensibleInputs: true }
}

function mapItems(
  list: readonly unknown[],
  settings: PerItem,
  context: CardContext,
): Promise<Record<string, unknown>[]> {
  return runPool(
    list.length,
    settings.concurrency,
    (i) => context.callFlow(settings.flow, settings.input(list[i], i)),
    context.signal,
  )
}

const LIST_OWN = ['list']

export const listHelperCards: Card[] = [
  helperCard({
    id: 'list.forEach',
    name: 'For Each',
    category: 'List',
    oktaKey: 'list:each',
    help: `Runs the helper flow once per item of the list; nothing is returned. The first failing call fails the card (no new calls start after it). ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      await mapItems(toList(inputs.list, 'list'), settings, context)
      return { outputs: {} }
    },
  }),
  helperCard({
    id: 'list.forEachIgnoreErrors',
    name: 'For Each - Ignore Errors',
    category: 'List',
    oktaKey: 'list:asyncEach',
    help: `Runs the helper flow once per item and carries on when a call fails. Workflows returns nothing; the playground adds "errors" (one {index, message, code} per failed call, in list order) and "errorCount". Failed calls still show in the trace. A cancelled run or an exhausted budget still stops it. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [
      { key: 'errors', type: 'object', list: true },
      { key: 'errorCount', type: 'number' },
    ],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const list = toList(inputs.list, 'list')
      const outcomes = await runPool(
        list.length,
        settings.concurrency,
        async (i) => {
          try {
            await context.callFlow(settings.flow, settings.input(list[i], i))
            return undefined
          } catch (error) {
            return { index: i, ...failureOf(error) }
          }
        },
        context.signal,
      )
      const errors = outcomes.filter((outcome) => outcome !== undefined)
      return { outputs: { errors, errorCount: errors.length } }
    },
  }),
  helperCard({
    id: 'list.map',
    name: 'Map',
    category: 'List',
    oktaKey: 'list:map',
    help: `Runs the helper flow once per item and collects what it returns into a new list of the same length and order (Workflows calls the output "new list"). Each new item is the helper's output "output", or else its first output. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [{ key: 'output', type: 'any', list: true }],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const results = await mapItems(toList(inputs.list, 'list'), settings, context)
      return { outputs: { output: results.map((outputs) => helperResult(outputs, 'output')) } }
    },
  }),
  helperCard({
    id: 'list.filterCustom',
    name: 'Filter Custom',
    category: 'List',
    oktaKey: 'list:filter',
    help: `Keeps the items for which the helper flow returns true: its output "keep", or else its first output, as True/False. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [{ key: 'list', type: 'any', list: true }],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const list = toList(inputs.list, 'list')
      const results = await mapItems(list, settings, context)
      const keep = results.map((outputs, i) =>
        toBoolean(helperResult(outputs, 'keep'), `the helper's result for item ${i}`),
      )
      return { outputs: { list: list.filter((_item, i) => keep[i]) } }
    },
  }),
  helperCard({
    id: 'list.reduce',
    name: 'Reduce',
    category: 'List',
    oktaKey: 'list:reduce',
    help: `Turns a list into one value: runs the helper flow on each item in order, passing the item and the memo so far (under the helper input named by memoKey, default "memo"); the helper returns the next memo (its output of that name, or else its first output). Starts from the "memo" input. The final memo is the output "item", as Workflows names it. ${EXTRA}`,
    inputs: [
      listIn,
      { key: 'memo', type: 'any', help: 'The starting value.' },
      { key: 'memoKey', type: 'text', help: 'The helper input and output for the memo ("memo").' },
      ...perItemInputs,
    ],
    outputs: [{ key: 'item', type: 'any' }],
    async run(inputs, context) {
      const settings = perItem(inputs, context, ['list', 'memo', 'memoKey'], { itemKey: 'item' })
      const memoKey = helperKey(inputs.memoKey, 'memoKey', 'memo')
      if (memoKey === '') throw new FlowError('Input "memoKey" may not be empty')
      let memo: unknown = inputs.memo ?? null
      const list = toList(inputs.list, 'list')
      for (const [i, item] of list.entries()) {
        if (context.signal.aborted) throw new RunAborted('The run was cancelled', 'cancelled')
        const outputs = await context.callFlow(
          settings.flow,
          settings.input(item, i, { [memoKey]: memo }),
        )
        memo = helperResult(outputs, memoKey)
      }
      return { outputs: { item: memo } }
    },
  }),
  helperCard({
    id: 'list.findCustom',
    name: 'Find Custom',
    category: 'List',
    oktaKey: 'list:find',
    help: `The first item for which the helper flow returns true (its output "found", or else its first output), and its position; null and -1 when none does. Calls run one at a time and stop at the first match. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs],
    outputs: [
      { key: 'item', type: 'any' },
      { key: 'index', type: 'number' },
    ],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const list = toList(inputs.list, 'list')
      for (const [i, item] of list.entries()) {
        if (context.signal.aborted) throw new RunAborted('The run was cancelled', 'cancelled')
        const outputs = await context.callFlow(settings.flow, settings.input(item, i))
        if (toBoolean(helperResult(outputs, 'found'), `the helper's result for item ${i}`)) {
          return { outputs: { item, index: i } }
        }
      }
      return { outputs: { item: null, index: -1 } }
    },
  }),
  helperCard({
    id: 'list.sortCustom',
    name: 'Sort Custom',
    category: 'List',
    oktaKey: 'list:sort',
    help: `Sorts a list by a value the helper flow computes for each item (its output "output", or else its first output), ascending; numbers by value, text by character code, empty values last. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [{ key: 'output', type: 'any', list: true }],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const list = toList(inputs.list, 'list')
      const keys = (await mapItems(list, settings, context)).map((o) => helperResult(o, 'output'))
      const order = list.map((_item, i) => i)
      order.sort((a, b) => orderValues(keys[a], keys[b]) || a - b)
      return { outputs: { output: order.map((i) => list[i]) } }
    },
  }),
  helperCard({
    id: 'list.uniqueCustom',
    name: 'Unique Custom',
    category: 'List',
    oktaKey: 'list:unique',
    help: `Removes items whose helper-computed value (its output "output", or else its first output) was already seen; keeps the first of each. ${EXTRA}`,
    inputs: [listIn, ...perItemInputs, concurrencyIn],
    outputs: [{ key: 'output', type: 'any', list: true }],
    async run(inputs, context) {
      const settings = perItem(inputs, context, LIST_OWN, { itemKey: 'item' })
      const list = toList(inputs.list, 'list')
      const keys = (await mapItems(list, settings, context)).map((o) =>
        identity(helperResult(o, 'output')),
      )
      const seen = new Set<string>()
      return {
        outputs: {
          output: list.filter((_item, i) => {
            const key = keys[i] ?? ''
            if (seen.has(key)) return false
            seen.add(key)
            return true
          }),
        },
      }
    },
  }),
]

// ─── Object cards that run a helper per key/value pair ────────────────────────────────────────

const objectIn: CardFieldSpec = { key: 'object', type: 'object', required: true }
const pairInputs: CardFieldSpec[] = [
  { key: 'keyKey', type: 'text', help: 'The helper input that receives the key ("key").' },
  { key: 'valueKey', type: 'text', help: 'The helper input that receives the value ("value").' },
]
const OBJECT_OWN = ['object', 'keyKey', 'valueKey']

function mapPairs(
  inputs: Record<string, unknown>,
  context: CardContext,
): Promise<{ entries: [string, unknown][]; results: Record<string, unknown>[] }> {
  const object = toObject(inputs.object, 'object')
  const keyKey = helperKey(inputs.keyKey, 'keyKey', 'key')
  const valueKey = helperKey(inputs.valueKey, 'valueKey', 'value')
  const settings = perItem({ ...inputs, itemKey: '' }, context, OBJECT_OWN, { itemKey: '' })
  const entries = Object.entries(object)
  return runPool(
    entries.length,
    settings.concurrency,
    (i) => {
      const [key, value] = entries[i] ?? ['', null]
      return context.callFlow(
        settings.flow,
        settings.input(value, i, { [keyKey]: key, [valueKey]: value }),
      )
    },
    context.signal,
  ).then((results) => ({ entries, results }))
}

const pairHelp =
  'The helper receives each key and value (under the helper inputs named by keyKey and valueKey, default "key" and "value").'

export const objectHelperCards: Card[] = [
  helperCard({
    id: 'object.forEach',
    name: 'For Each',
    category: 'Object',
    oktaKey: 'object:each',
    help: `Runs the helper flow once per key/value pair of the object; nothing is returned. ${pairHelp} ${EXTRA}`,
    inputs: [objectIn, ...pairInputs, concurrencyIn],
    outputs: [],
    async run(inputs, context) {
      await mapPairs(inputs, context)
      return { outputs: {} }
    },
  }),
  helperCard({
    id: 'object.mapToList',
    name: 'Map to List',
    category: 'Object',
    oktaKey: 'object:map',
    help: `Turns an object into a list: runs the helper flow once per key/value pair, and each call's output "output" (or else its first output) becomes an item. ${pairHelp} ${EXTRA}`,
    inputs: [objectIn, ...pairInputs, concurrencyIn],
    outputs: [{ key: 'output', type: 'any', list: true }],
    async run(inputs, context) {
      const { results } = await mapPairs(inputs, context)
      return { outputs: { output: results.map((outputs) => helperResult(outputs, 'output')) } }
    },
  }),
  helperCard({
    id: 'object.map',
    name: 'Map',
    category: 'Object',
    oktaKey: 'object:process',
    help: `Turns an object into a new object: runs the helper flow once per key/value pair; each call returns the new pair as outputs "key" and "value" (a call without a "key" output keeps the old key). ${pairHelp} ${EXTRA}`,
    inputs: [objectIn, ...pairInputs, concurrencyIn],
    outputs: [{ key: 'output', type: 'object' }],
    async run(inputs, context) {
      const { entries, results } = await mapPairs(inputs, context)
      const output: PlainObject = {}
      results.forEach((outputs, i) => {
        const oldKey = entries[i]?.[0] ?? ''
        const key = Object.prototype.hasOwnProperty.call(outputs, 'key')
          ? toText(outputs.key, `the helper's key for "${oldKey}"`)
          : oldKey
        define(output, key, outputs.value ?? null)
      })
      return { outputs: { output } }
    },
  }),
]
