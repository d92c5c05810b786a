// Number function cards, and the number conversions the other card modules share. Formula is a
// small recursive-descent parser over plain arithmetic: it never evaluates code.
import type { CardFieldSpec } from '../../definition'
import { FlowError } from '../errors'
import { describeType } from '../values'
import type { Card } from './card'

function preview(value: unknown): string {
  if (typeof value === 'string') {
    return ` "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`
  }
  return ''
}

/** A Number input: numbers, and text that is a number (Workflows' loose conversion). */
export function toNumber(value: unknown, input: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    throw new FlowError(`Input "${input}" must be a finite Number, got ${String(value)}`)
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim())
    if (Number.isFinite(parsed)) return parsed
  }
  throw new FlowError(
    `Input "${input}" must be a Number, got ${describeType(value)}${preview(value)}`,
  )
}

/** An optional Number input: empty (missing, null or '') gives the fallback. */
export function optionalNumber(value: unknown, input: string, fallback: number): number {
  return value === undefined || value === null || value === '' ? fallback : toNumber(value, input)
}

/** A whole Number input within bounds (indexes, counts, lengths). */
export function toInteger(
  value: unknown,
  input: string,
  bounds: { min?: number; max?: number; fallback?: number } = {},
): number {
  const number =
    bounds.fallback === undefined
      ? toNumber(value, input)
      : optionalNumber(value, input, bounds.fallback)
  if (!Number.isInteger(number)) {
    throw new FlowError(`Input "${input}" must be a whole number, got ${number}`)
  }
  const { min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = bounds
  if (number < min || number > max) {
    throw new FlowError(`Input "${input}" must be between ${min} and ${max}, got ${number}`)
  }
  return number
}

/** Fails clearly when arithmetic overflows or is undefined, instead of returning NaN/Infinity. */
function finite(result: number, what: string): number {
  if (!Number.isFinite(result)) {
    throw new FlowError(`${what} does not give a finite number (got ${String(result)})`)
  }
  return result
}

// ─── Formula ──────────────────────────────────────────────────────────────────────────────────

export const MAX_FORMULA_LENGTH = 1_000
export const MAX_FORMULA_DEPTH = 32

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'name'; value: string; at: number }
  | { kind: 'op'; value: string; at: number }
  | { kind: 'end'; at: number }

const FUNCTIONS = new Map<string, { arity: [number, number]; apply: (args: number[]) => number }>([
  ['min', { arity: [1, 100], apply: (args) => Math.min(...args) }],
  ['max', { arity: [1, 100], apply: (args) => Math.max(...args) }],
  ['abs', { arity: [1, 1], apply: ([x = 0]) => Math.abs(x) }],
  ['round', { arity: [1, 1], apply: ([x = 0]) => Math.round(x) }],
  ['floor', { arity: [1, 1], apply: ([x = 0]) => Math.floor(x) }],
  ['ceil', { arity: [1, 1], apply: ([x = 0]) => Math.ceil(x) }],
  ['sqrt', { arity: [1, 1], apply: ([x = 0]) => Math.sqrt(x) }],
  ['pow', { arity: [2, 2], apply: ([x = 0, y = 0]) => x ** y }],
  ['log', { arity: [1, 1], apply: ([x = 0]) => Math.log(x) }],
  ['exp', { arity: [1, 1], apply: ([x = 0]) => Math.exp(x) }],
])

function tokenize(expression: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < expression.length) {
    const char = expression.charAt(i)
    if (/\s/.test(char)) {
      i++
      continue
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(expression.slice(i))
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at: i })
      i += number[0].length
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expression.slice(i))
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at: i })
      i += name[0].length
      continue
    }
    // A field dragged in as {{name}} (or Workflows' {{{name}}}) may have spaces in its name.
    const placeholder = /^(?:\{\{\{([^{}]+?)\}\}\}|\{\{([^{}]+?)\}\})/.exec(expression.slice(i))
    if (placeholder) {
      tokens.push({ kind: 'name', value: (placeholder[1] ?? placeholder[2] ?? '').trim(), at: i })
      i += placeholder[0].length
      continue
    }
    if ('+-*/%^(),'.includes(char)) {
      tokens.push({ kind: 'op', value: char, at: i })
      i++
      continue
    }
    throw new FlowError(`Formula: unexpected "${char}" at position ${i + 1}`)
  }
  tokens.push({ kind: 'end', at: expression.length })
  return tokens
}

/**
 * Evaluates an arithmetic expression: numbers, + - * / % ^ (right-associative, binding tighter
 * than unary minus, so -2^2 is -4), parentheses, variables and the functions in FUNCTIONS.
 */
export function evaluateFormula(expression: string, variable: (name: string) => number): number {
  if (expression.length > MAX_FORMULA_LENGTH) {
    throw new FlowError(`Formula: the expression is longer than ${MAX_FORMULA_LENGTH} characters`)
  }
  const tokens = tokenize(expression)
  let position = 0
  let depth = 0
  const peek = (): Token => tokens[position] ?? { kind: 'end', at: expression.length }
  const next = (): Token => {
    const token = peek()
    position++
    return token
  }
  const describe = (token: Token) =>
    token.kind === 'end'
      ? 'the end of the expression'
      : `"${token.value}" at position ${token.at + 1}`
  const expect = (op: string) => {
    const token = next()
    if (token.kind !== 'op' || token.value !== op) {
      throw new FlowError(`Formula: expected "${op}" but found ${describe(token)}`)
    }
  }
  const enter = () => {
    if (++depth > MAX_FORMULA_DEPTH) {
      throw new FlowError(`Formula: the expression is nested more than ${MAX_FORMULA_DEPTH} deep`)
    }
  }
  const isOp = (token: Token, ops: string): token is Token & { kind: 'op'; value: string } =>
    token.kind === 'op' && ops.includes(token.value)

  function sum(): number {
    let value = product()
    for (let token = peek(); isOp(token, '+-'); token = peek()) {
      position++
      const right = product()
      value = token.value === '+' ? value + right : value - right
    }
    return value
  }
  function product(): number {
    let value = unary()
    for (let token = peek(); isOp(token, '*/%'); token = peek()) {
      position++
      const right = unary()
      if ((token.value === '/' || token.value === '%') && right === 0) {
        throw new FlowError(`Formula: division by zero at position ${token.at + 1}`)
      }
      value =
        token.value === '*' ? value * right : token.value === '/' ? value / right : value % right
    }
    return value
  }
  function unary(): number {
    const token = peek()
    if (isOp(token, '+-')) {
      position++
      enter()
      const value = unary()
      depth--
      return token.value === '-' ? -value : value
    }
    return power()
  }
  function power(): number {
    const base = primary()
    if (isOp(peek(), '^')) {
      position++
      enter()
      const exponent = unary()
      depth--
      return base ** exponent
    }
    return base
  }
  function primary(): number {
    const token = next()
    if (token.kind === 'number') return token.value
    if (token.kind === 'op' && token.value === '(') {
      enter()
      const value = sum()
      expect(')')
      depth--
      return value
    }
    if (token.kind === 'name') {
      const fn = FUNCTIONS.get(token.value)
      if (fn && isOp(peek(), '(')) {
        position++
        enter()
        const args: number[] = []
        if (!isOp(peek(), ')')) {
          args.push(sum())
          while (isOp(peek(), ',')) {
            position++
            args.push(sum())
          }
        }
        expect(')')
        depth--
        const [least, most] = fn.arity
        if (args.length < least || args.length > most) {
          throw new FlowError(
            `Formula: ${token.value}() takes ${least === most ? least : `${least} to ${most}`} argument${most === 1 ? '' : 's'}, got ${args.length}`,
          )
        }
        if (token.value === 'sqrt' && (args[0] ?? 0) < 0) {
          throw new FlowError('Formula: sqrt() of a negative number')
        }
        return fn.apply(args)
      }
      return variable(token.value)
    }
    throw new FlowError(`Formula: expected a number, a name or "(" but found ${describe(token)}`)
  }

  if (peek().kind === 'end') throw new FlowError('Formula: the expression is empty')
  const value = sum()
  const rest = peek()
  if (rest.kind !== 'end') throw new FlowError(`Formula: unexpected ${describe(rest)}`)
  return finite(value, 'Formula')
}

// ─── Cards ────────────────────────────────────────────────────────────────────────────────────

const num = (key: string, help?: string, required = true): CardFieldSpec => ({
  key,
  type: 'number',
  required,
  ...(help ? { help } : {}),
})
const output: CardFieldSpec[] = [{ key: 'output', type: 'number' }]

function unaryCard(
  id: string,
  name: string,
  key: string,
  help: string,
  apply: (n: number) => number,
): Card {
  return {
    id: `number.${id}`,
    name,
    category: 'Number',
    oktaKey: `math:${key}`,
    help,
    pure: true,
    inputs: [num('number')],
    outputs: output,
    run: (inputs) => ({
      outputs: { output: finite(apply(toNumber(inputs.number, 'number')), name) },
    }),
  }
}

function variadic(inputs: Record<string, unknown>): number[] {
  return Object.entries(inputs).map(([key, value]) => toNumber(value, key))
}

export const numberCards: Card[] = [
  {
    id: 'number.add',
    name: 'Add',
    category: 'Number',
    oktaKey: 'math:add',
    help: 'Adds two or more numbers: every input (any names) is added, in order.',
    pure: true,
    inputs: [],
    outputs: output,
    extensibleInputs: true,
    run: (inputs) => ({
      outputs: {
        output: finite(
          variadic(inputs).reduce((a, b) => a + b, 0),
          'Add',
        ),
      },
    }),
  },
  {
    id: 'number.subtract',
    name: 'Subtract',
    category: 'Number',
    oktaKey: 'math:subtract',
    help: 'Subtracts b from a: the result is a − b.',
    pure: true,
    inputs: [num('a'), num('b')],
    outputs: output,
    run: (inputs) => ({
      outputs: {
        output: finite(toNumber(inputs.a, 'a') - toNumber(inputs.b, 'b'), 'Subtract'),
      },
    }),
  },
  {
    id: 'number.multiply',
    name: 'Multiply',
    category: 'Number',
    oktaKey: 'math:multiply',
    help: 'Multiplies two or more numbers: every input (any names) is a factor.',
    pure: true,
    inputs: [],
    outputs: output,
    extensibleInputs: true,
    run: (inputs) => ({
      outputs: {
        output: finite(
          variadic(inputs).reduce((a, b) => a * b, 1),
          'Multiply',
        ),
      },
    }),
  },
  {
    id: 'number.divide',
    name: 'Divide',
    category: 'Number',
    oktaKey: 'math:divide',
    help: 'Divides a by b. Dividing by zero is an error.',
    pure: true,
    inputs: [num('a', 'The dividend.'), num('b', 'The divisor (not zero).')],
    outputs: output,
    run(inputs) {
      const a = toNumber(inputs.a, 'a')
      const b = toNumber(inputs.b, 'b')
      if (b === 0) throw new FlowError('Divide: input "b" is zero (division by zero)')
      return { outputs: { output: finite(a / b, 'Divide') } }
    },
  },
  {
    id: 'number.remainder',
    name: 'Remainder',
    category: 'Number',
    oktaKey: 'math:mod',
    help: 'The remainder of a divided by b (modulo; the sign follows a). b must not be zero.',
    pure: true,
    inputs: [num('a'), num('b')],
    outputs: output,
    run(inputs) {
      const a = toNumber(inputs.a, 'a')
      const b = toNumber(inputs.b, 'b')
      if (b === 0) throw new FlowError('Remainder: input "b" is zero (division by zero)')
      return { outputs: { output: a % b } }
    },
  },
  {
    id: 'number.power',
    name: 'Power',
    category: 'Number',
    oktaKey: 'math:power',
    help: 'Raises base to the power of exponent.',
    pure: true,
    inputs: [num('base'), num('exponent')],
    outputs: output,
    run: (inputs) => ({
      outputs: {
        output: finite(
          toNumber(inputs.base, 'base') ** toNumber(inputs.exponent, 'exponent'),
          'Power',
        ),
      },
    }),
  },
  unaryCard(
    'round',
    'Round',
    'round',
    'Rounds to the nearest whole number (halves round up).',
    Math.round,
  ),
  unaryCard(
    'roundUp',
    'Round Up',
    'ceil',
    'Rounds up to the next whole number (ceiling).',
    Math.ceil,
  ),
  unaryCard(
    'roundDown',
    'Round Down',
    'floor',
    'Rounds down to the whole number below (floor).',
    Math.floor,
  ),
  unaryCard(
    'absolute',
    'Absolute Value',
    'abs',
    'The number without its sign (-2 and 2 both give 2).',
    Math.abs,
  ),
  unaryCard('sign', 'Sign', 'sign', 'The sign of a number: -1, 0 or 1.', (n) => Math.sign(n) || 0),
  unaryCard(
    'exponent',
    'Exponent',
    'exp',
    "Euler's number e (~2.718) raised to the number.",
    Math.exp,
  ),
  unaryCard(
    'squareRoot',
    'Square Root',
    'sqrt',
    'The square root. A negative number is an error.',
    (n) => {
      if (n < 0) throw new FlowError('Square Root: input "number" is negative')
      return Math.sqrt(n)
    },
  ),
  unaryCard(
    'factorial',
    'Factorial',
    'factorial',
    'n! for a whole number n (0 for a negative number; at most 170).',
    (n) => {
      if (!Number.isInteger(n))
        throw new FlowError('Factorial: input "number" must be a whole number')
      if (n < 0) return 0
      if (n > 170) throw new FlowError('Factorial: input "number" must be at most 170')
      let result = 1
      for (let i = 2; i <= n; i++) result *= i
      return result
    },
  ),
  {
    id: 'number.log',
    name: 'Log',
    category: 'Number',
    oktaKey: 'math:log',
    help: 'The logarithm of a positive number, to the base given (the natural logarithm when base is empty).',
    pure: true,
    inputs: [num('number'), num('base', 'Empty for the natural logarithm (base e).', false)],
    outputs: output,
    run(inputs) {
      const n = toNumber(inputs.number, 'number')
      if (n <= 0) throw new FlowError('Log: input "number" must be greater than zero')
      const base = optionalNumber(inputs.base, 'base', Math.E)
      if (base <= 0 || base === 1)
        throw new FlowError('Log: input "base" must be positive and not 1')
      return { outputs: { output: finite(Math.log(n) / Math.log(base), 'Log') } }
    },
  },
  {
    id: 'number.roundDecimalPlaces',
    name: 'Round Decimal Places',
    category: 'Number',
    oktaKey: 'math:toFixed',
    help: 'Rounds a number to a number of decimal places (0–100).',
    pure: true,
    inputs: [num('number'), num('digits', 'Decimal places, 0–100.')],
    outputs: output,
    run(inputs) {
      const n = toNumber(inputs.number, 'number')
      const digits = toInteger(inputs.digits, 'digits', { min: 0, max: 100 })
      return { outputs: { output: Number(n.toFixed(digits)) } }
    },
  },
  {
    id: 'number.randomInteger',
    name: 'Random Integer',
    category: 'Number',
    oktaKey: 'math:random',
    help: 'A random whole number between a and b, both included (uses the run’s random source, which is seeded in tests).',
    inputs: [num('a', 'The lowest value.'), num('b', 'The highest value.')],
    outputs: output,
    run(inputs, context) {
      const a = toNumber(inputs.a, 'a')
      const b = toNumber(inputs.b, 'b')
      const low = Math.ceil(Math.min(a, b))
      const high = Math.floor(Math.max(a, b))
      if (low > high)
        throw new FlowError(`Random Integer: there is no whole number between ${a} and ${b}`)
      return { outputs: { output: low + Math.floor(context.ports.random() * (high - low + 1)) } }
    },
  },
  {
    id: 'number.formula',
    name: 'Formula',
    category: 'Number',
    oktaKey: 'math:expression',
    help: `Calculates an arithmetic expression over its other inputs, e.g. "(a + b) * 2" or "{{days left}} / 7". Supports numbers, + - * / % ^ (power), parentheses, unary minus and min, max, abs, round, floor, ceil, sqrt, pow, log, exp. Names refer to the card's inputs ({{name}} for names with spaces). At most ${MAX_FORMULA_LENGTH} characters and ${MAX_FORMULA_DEPTH} levels of nesting; nothing else is evaluated.`,
    pure: true,
    inputs: [{ key: 'expression', type: 'text', required: true }],
    outputs: output,
    extensibleInputs: true,
    run(inputs) {
      const expression = inputs.expression
      if (typeof expression !== 'string') {
        throw new FlowError(`Input "expression" must be Text, got ${describeType(expression)}`)
      }
      const names = Object.keys(inputs).filter((k) => k !== 'expression')
      const variable = (name: string) => {
        if (name === 'expression' || !Object.prototype.hasOwnProperty.call(inputs, name)) {
          throw new FlowError(
            `Formula: unknown name "${name}"${names.length ? ` (the inputs are ${names.map((n) => `"${n}"`).join(', ')})` : ' (the card has no other inputs)'}`,
          )
        }
        return toNumber(inputs[name], name)
      }
      return { outputs: { output: evaluateFormula(expression, variable) } }
    },
  },
]
