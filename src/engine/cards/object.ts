// Object function cards.
import { FlowError } from '../errors'
import { isPlainObject, toObject, toText } from '../values'
import type { Card } from './card'

function getPath(object: unknown, path: string): unknown {
  let current: unknown = object
  for (const segment of path.split('.')) {
    if (segment === '__proto__' || segment === 'constructor' || segment === 'prototype') {
      throw new FlowError(`Path "${path}" uses the reserved name "${segment}"`)
    }
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)]
    else if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, segment)) {
      current = current[segment]
    } else return undefined
  }
  return current
}

export const objectCards: Card[] = [
  {
    id: 'object.construct',
    name: 'Construct',
    category: 'Object',
    pure: true,
    oktaKey: 'object:construct',
    help: 'Builds an object whose keys are the input names.',
    inputs: [],
    outputs: [{ key: 'output', type: 'object' }],
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { output: { ...inputs } } }),
  },
  {
    id: 'object.get',
    name: 'Get',
    category: 'Object',
    pure: true,
    oktaKey: 'object:get',
    help: 'Reads the value at a key or dot-separated path of an object.',
    inputs: [
      { key: 'object', type: 'object', required: true },
      { key: 'path', type: 'text', required: true },
    ],
    outputs: [{ key: 'value', type: 'any' }],
    run: (inputs) => ({
      outputs: { value: getPath(toObject(inputs.object, 'object'), toText(inputs.path, 'path')) },
    }),
  },
  {
    id: 'object.merge',
    name: 'Merge',
    category: 'Object',
    pure: true,
    oktaKey: 'object:merge',
    help: 'Merges objects left to right; later keys win.',
    inputs: [],
    outputs: [{ key: 'output', type: 'object' }],
    extensibleInputs: true,
    run: (inputs) => ({
      outputs: {
        output: Object.entries(inputs).reduce<Record<string, unknown>>(
          (merged, [key, value]) => ({ ...merged, ...toObject(value, key) }),
          {},
        ),
      },
    }),
  },
]
