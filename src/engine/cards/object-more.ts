// More Object function cards (Construct, Get and Merge live in object.ts), and the dot-path
// helpers the List cards share. Paths walk plain data only: reserved names such as __proto__ are
// refused, and nothing is ever written into an input — every change copies along the path.
import { isEmpty } from '../compare'
import { FlowError } from '../errors'
import { describeType, isPlainObject, toObject, toText, type PlainObject } from '../values'
import { optionalBoolean } from './boolean'
import type { Card } from './card'
import { checkListSize } from './text-more'

const RESERVED = new Set(['__proto__', 'constructor', 'prototype'])

/** Splits a dot path ("profile.login", "items.0.id"); an empty path is the value itself. */
export function splitPath(path: string): string[] {
  if (path === '') return []
  const segments = path.split('.')
  for (const segment of segments) {
    if (RESERVED.has(segment)) {
      throw new FlowError(`Path "${path}" uses the reserved name "${segment}"`)
    }
  }
  return segments
}

/** The value at a dot path, or undefined when any part of it is missing. */
export function getPath(value: unknown, path: string): unknown {
  let current = value
  for (const segment of splitPath(path)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)]
    else if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = current[segment]
    } else return undefined
  }
  return current
}

function setIn(container: unknown, segments: string[], value: unknown): unknown {
  const [head, ...rest] = segments
  if (head === undefined) return value
  if (Array.isArray(container) && /^\d+$/.test(head)) {
    const index = Number(head)
    checkListSize(index + 1, 'Set')
    const copy = [...container]
    copy[index] = setIn(container[index], rest, value)
    return Array.from(copy, (item) => item ?? null)
  }
  const base: PlainObject = isPlainObject(container) ? container : {}
  const copy: PlainObject = { ...base }
  // defineProperty, so that even an odd key can never reach a prototype setter.
  Object.defineProperty(copy, head, {
    value: setIn(base[head], rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  })
  return copy
}

/** A copy of the object with the value at the path set, creating objects along the way. */
export function setPath(object: PlainObject, path: string, value: unknown): PlainObject {
  const segments = splitPath(path)
  if (segments.length === 0) throw new FlowError('The path is empty; name a key')
  return setIn(object, segments, value) as PlainObject
}

/** A copy of the object without the key at the path (unchanged when it is missing). */
export function unsetPath(object: PlainObject, path: string): PlainObject {
  const segments = splitPath(path)
  const last = segments.pop()
  if (last === undefined) throw new FlowError('The path is empty; name a key')
  const parent = segments.length ? getPath(object, segments.join('.')) : object
  if (Array.isArray(parent) && /^\d+$/.test(last)) {
    const index = Number(last)
    if (index >= parent.length) return object
    const copy = parent.filter((_item, i) => i !== index)
    return segments.length ? setPath(object, segments.join('.'), copy) : object
  }
  if (!isPlainObject(parent) || !Object.prototype.hasOwnProperty.call(parent, last)) return object
  const { [last]: _removed, ...rest } = parent
  return segments.length ? setPath(object, segments.join('.'), rest) : rest
}

/** Removes empty values ('', null, [], {}); with `deep`, also inside nested objects and lists. */
export function clearEmpty(value: unknown, deep: boolean): unknown {
  if (Array.isArray(value)) return deep ? value.map((item) => clearEmpty(item, deep)) : value
  if (!isPlainObject(value)) return value
  const out: PlainObject = {}
  for (const [key, inner] of Object.entries(value)) {
    const cleaned = deep ? clearEmpty(inner, deep) : inner
    if (!isEmpty(cleaned)) out[key] = cleaned
  }
  return out
}

/** A List input: a list, or JSON text of one; empty (missing, null or '') is an empty list. */
export function toList(value: unknown, input: string): unknown[] {
  if (value === undefined || value === null || value === '') return []
  if (Array.isArray(value)) return value
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value)
      if (Array.isArray(parsed)) return parsed
    } catch {
      // fall through to the error below
    }
  }
  throw new FlowError(`Input "${input}" must be a List, got ${describeType(value)}`)
}

/** Where Get Multiple's paths come from: its "paths" input, else the step's declared outputs. */
function pickPaths(
  inputs: Record<string, unknown>,
  declared: readonly { key: string }[],
): string[] {
  if (inputs.paths !== undefined && inputs.paths !== null && inputs.paths !== '') {
    return toList(inputs.paths, 'paths').map((p, i) => toText(p, `paths.${i}`))
  }
  return declared.map((field) => field.key)
}

const objectIn = { key: 'object', type: 'object' as const, required: true }
const objectOut = [{ key: 'output', type: 'object' as const }]

export const objectMoreCards: Card[] = [
  {
    id: 'object.set',
    name: 'Set',
    category: 'Object',
    oktaKey: 'object:set',
    help: 'Sets the key or dot path of an object to a value, creating it when missing. The input object is not changed; the result is a copy.',
    pure: true,
    inputs: [
      objectIn,
      { key: 'path', type: 'text', required: true },
      { key: 'value', type: 'any' },
    ],
    outputs: objectOut,
    run: (inputs) => ({
      outputs: {
        output: setPath(
          toObject(inputs.object, 'object'),
          toText(inputs.path, 'path'),
          inputs.value,
        ),
      },
    }),
  },
  {
    id: 'object.unset',
    name: 'Unset',
    category: 'Object',
    oktaKey: 'object:unset',
    help: 'Removes the key or dot path from an object (a copy; nothing happens when it is missing).',
    pure: true,
    inputs: [objectIn, { key: 'path', type: 'text', required: true }],
    outputs: objectOut,
    run: (inputs) => ({
      outputs: {
        output: unsetPath(toObject(inputs.object, 'object'), toText(inputs.path, 'path')),
      },
    }),
  },
  {
    id: 'object.move',
    name: 'Move',
    category: 'Object',
    oktaKey: 'object:move',
    help: 'Moves a value from one key (or dot path) to another: renames a key and keeps its value. A missing source leaves the object unchanged.',
    pure: true,
    inputs: [
      objectIn,
      { key: 'source', type: 'text', required: true },
      { key: 'destination', type: 'text', required: true },
    ],
    outputs: objectOut,
    run(inputs) {
      const object = toObject(inputs.object, 'object')
      const source = toText(inputs.source, 'source')
      const destination = toText(inputs.destination, 'destination')
      const parent = getPath(object, splitPath(source).slice(0, -1).join('.'))
      const last = splitPath(source).at(-1)
      const exists =
        last !== undefined &&
        (isPlainObject(parent) || Array.isArray(parent)) &&
        Object.prototype.hasOwnProperty.call(parent, last)
      if (!exists || source === destination) return { outputs: { output: object } }
      const value = getPath(object, source)
      return { outputs: { output: setPath(unsetPath(object, source), destination, value) } }
    },
  },
  {
    id: 'object.keys',
    name: 'Keys',
    category: 'Object',
    oktaKey: 'object:keys',
    help: 'The keys of an object, as a list of text.',
    pure: true,
    inputs: [objectIn],
    outputs: [{ key: 'output', type: 'text', list: true }],
    run: (inputs) => ({ outputs: { output: Object.keys(toObject(inputs.object, 'object')) } }),
  },
  {
    id: 'object.values',
    name: 'Values',
    category: 'Object',
    oktaKey: 'object:values',
    help: 'The values of an object, as a list (in key order).',
    pure: true,
    inputs: [objectIn],
    outputs: [{ key: 'output', type: 'any', list: true }],
    run: (inputs) => ({ outputs: { output: Object.values(toObject(inputs.object, 'object')) } }),
  },
  {
    id: 'object.size',
    name: 'Size',
    category: 'Object',
    oktaKey: 'object:size',
    help: 'The number of key/value pairs in an object.',
    pure: true,
    inputs: [objectIn],
    outputs: [{ key: 'output', type: 'number' }],
    run: (inputs) => ({
      outputs: { output: Object.keys(toObject(inputs.object, 'object')).length },
    }),
  },
  {
    id: 'object.getMultiple',
    name: 'Get Multiple',
    category: 'Object',
    oktaKey: 'object:pick',
    help: 'Reads several keys or dot paths of an object at once. The paths are the "paths" input (a list), or else the outputs declared on the step. Each path becomes an output at the same path, so "profile.login" is read as =<step>.profile.login; a missing path gives an empty value.',
    pure: true,
    inputs: [objectIn, { key: 'paths', type: 'text', list: true }],
    outputs: [],
    dynamicOutputs: true,
    run(inputs, context) {
      const object = toObject(inputs.object, 'object')
      let output: PlainObject = {}
      for (const path of pickPaths(inputs, context.step.outputs ?? [])) {
        output = setPath(output, path, getPath(object, path) ?? null)
      }
      return { outputs: output }
    },
  },
  {
    id: 'object.clearEmpty',
    name: 'Clear Empty',
    category: 'Object',
    oktaKey: 'object:clearEmpty',
    help: 'Removes keys whose value is empty: empty text, null, an empty list or an empty object. With recursive (the default) it also clears nested objects, including objects inside lists, and then drops what became empty.',
    pure: true,
    inputs: [objectIn, { key: 'recursive', type: 'boolean', help: 'Default true.' }],
    outputs: objectOut,
    run: (inputs) => ({
      outputs: {
        output: clearEmpty(
          toObject(inputs.object, 'object'),
          optionalBoolean(inputs.recursive, 'recursive', true),
        ),
      },
    }),
  },
  {
    id: 'object.filter',
    name: 'Filter',
    category: 'Object',
    oktaKey: 'object:filter',
    help: 'Removes the keys whose value is empty (empty text, null, an empty list or object), at the top level only; Clear Empty also clears nested objects.',
    pure: true,
    inputs: [objectIn],
    outputs: objectOut,
    run: (inputs) => ({
      outputs: { output: clearEmpty(toObject(inputs.object, 'object'), false) },
    }),
  },
  {
    id: 'object.zip',
    name: 'Zip',
    category: 'Object',
    oktaKey: 'object:zip',
    help: 'Builds an object from two lists: the first gives the keys, the second the values at the same positions (a missing value is null).',
    pure: true,
    inputs: [
      { key: 'keys', type: 'text', list: true, required: true },
      { key: 'values', type: 'any', list: true, required: true },
    ],
    outputs: objectOut,
    run(inputs) {
      const keys = toList(inputs.keys, 'keys')
      const values = toList(inputs.values, 'values')
      let output: PlainObject = {}
      keys.forEach((key, i) => {
        output = setIn(output, [toText(key, `keys.${i}`)], values[i] ?? null) as PlainObject
      })
      return { outputs: { output } }
    },
  },
  {
    id: 'object.collapse',
    name: 'Collapse',
    category: 'Object',
    oktaKey: 'object:collapse',
    help: 'Turns a list of {key, value} objects into one object; for a repeated key the later value wins. The inverse of Split.',
    pure: true,
    inputs: [{ key: 'list', type: 'object', list: true, required: true }],
    outputs: objectOut,
    run(inputs) {
      let output: PlainObject = {}
      toList(inputs.list, 'list').forEach((item, i) => {
        if (!isPlainObject(item) || !('key' in item)) {
          throw new FlowError(`Input "list": item ${i} is not an object with a "key"`)
        }
        output = setIn(output, [toText(item.key, `list.${i}.key`)], item.value) as PlainObject
      })
      return { outputs: { output } }
    },
  },
  {
    id: 'object.split',
    name: 'Split',
    category: 'Object',
    oktaKey: 'object:split',
    help: 'Turns an object into a list of {key, value} objects, one per key. The inverse of Collapse.',
    pure: true,
    inputs: [objectIn],
    outputs: [{ key: 'output', type: 'object', list: true }],
    run: (inputs) => ({
      outputs: {
        output: Object.entries(toObject(inputs.object, 'object')).map(([key, value]) => ({
          key,
          value,
        })),
      },
    }),
  },
]
