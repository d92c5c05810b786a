// True/False function cards, and the loose True/False conversion other cards share.
import { compare, OPERATORS } from '../compare'
import { FlowError } from '../errors'
import { describeType, toText } from '../values'
import type { Card } from './card'

/**
 * A True/False input, loosely: true/false, the texts "true"/"false" (any case), 1/0 and "1"/"0";
 * empty (missing, null or '') is false.
 */
export function toBoolean(value: unknown, input: string): boolean {
  if (typeof value === 'boolean') return value
  if (value === undefined || value === null || value === '') return false
  if (value === 1 || value === 0) return value === 1
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase()
    if (text === 'true' || text === '1') return true
    if (text === 'false' || text === '0') return false
  }
  throw new FlowError(`Input "${input}" must be True/False, got ${describeType(value)}`)
}

/** True/False with a default for an empty input. */
export function optionalBoolean(value: unknown, input: string, fallback: boolean): boolean {
  return value === undefined || value === null || value === '' ? fallback : toBoolean(value, input)
}

function values(inputs: Record<string, unknown>): boolean[] {
  return Object.entries(inputs).map(([key, value]) => toBoolean(value, key))
}

function variadic(
  id: string,
  name: string,
  key: string,
  help: string,
  apply: (values: boolean[]) => boolean,
): Card {
  return {
    id: `boolean.${id}`,
    name,
    category: 'True/False',
    oktaKey: `boolean:${key}`,
    help: `${help} Takes any number of True/False inputs (any names).`,
    pure: true,
    inputs: [],
    outputs: [{ key: 'output', type: 'boolean' }],
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { output: apply(values(inputs)) } }),
  }
}

const count = (values: boolean[]) => values.filter(Boolean).length

export const booleanCards: Card[] = [
  variadic('and', 'And', 'and', 'True when every input is true (true when there are none).', (v) =>
    v.every(Boolean),
  ),
  variadic('or', 'Or', 'or', 'True when any input is true.', (v) => v.some(Boolean)),
  variadic(
    'xor',
    'Or (Exclusive)',
    'xor',
    'True when one, and only one, input is true.',
    (v) => count(v) === 1,
  ),
  variadic(
    'xnor',
    'XNOR',
    'xnor',
    'True when the inputs are all true or all false.',
    (v) => count(v) === 0 || count(v) === v.length,
  ),
  variadic('nand', 'Any False?', 'nand', 'True when any input is false (NAND).', (v) =>
    v.some((b) => !b),
  ),
  variadic('nor', 'All False?', 'nor', 'True when every input is false (NOR).', (v) =>
    v.every((b) => !b),
  ),
  {
    id: 'boolean.not',
    name: 'Not',
    category: 'True/False',
    oktaKey: 'boolean:not',
    help: 'True if the value is false; false if it is true.',
    pure: true,
    inputs: [{ key: 'value', type: 'boolean', required: true }],
    outputs: [{ key: 'output', type: 'boolean' }],
    run: (inputs) => ({ outputs: { output: !toBoolean(inputs.value, 'value') } }),
  },
  {
    id: 'boolean.compare',
    name: 'Compare',
    category: 'True/False',
    oktaKey: 'boolean:compare',
    help: `Runs a simple true/false test such as price > 100. Operators: ${OPERATORS.join(', ')}. Numbers and numeric text compare as numbers.`,
    pure: true,
    inputs: [
      { key: 'left', type: 'any' },
      { key: 'operator', type: 'text', required: true },
      { key: 'right', type: 'any' },
    ],
    outputs: [{ key: 'result', type: 'boolean' }],
    run: (inputs) => ({
      outputs: {
        result: compare(inputs.left, toText(inputs.operator, 'operator'), inputs.right),
      },
    }),
  },
]
