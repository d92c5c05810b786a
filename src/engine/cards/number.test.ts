// Covers the Number cards, the shared number conversions and the Formula parser (which must
// evaluate arithmetic only, within its length and nesting caps).
import { describe, expect, test } from 'vitest'
import { seededRandom } from '../ports'
import { evaluateFormula, MAX_FORMULA_DEPTH, toInteger, toNumber } from './number'
import { cardContext, cardFailure, runCard } from './test-support'

describe('number conversions', () => {
  test.each<[unknown, number]>([
    [3, 3],
    [-2.5, -2.5],
    ['42', 42],
    [' 7 ', 7],
    ['1e3', 1000],
    ['0x10', 16],
  ])('toNumber(%j) = %j', (value, expected) => {
    expect(toNumber(value, 'n')).toBe(expected)
  })

  test.each<[unknown, RegExp]>([
    ['abc', /Input "n" must be a Number, got Text "abc"/],
    ['', /got Text/],
    [null, /got nothing/],
    [true, /got True\/False/],
    [{}, /got an Object/],
    [Number.NaN, /finite/],
    [Number.POSITIVE_INFINITY, /finite/],
  ])('toNumber(%j) fails naming the input', (value, message) => {
    expect(() => toNumber(value, 'n')).toThrow(message)
  })

  test('toInteger checks whole numbers and bounds, with a fallback for empty', () => {
    expect(toInteger('', 'i', { fallback: 3 })).toBe(3)
    expect(toInteger(5, 'i', { min: 0, max: 5 })).toBe(5)
    expect(() => toInteger(1.5, 'i')).toThrow('Input "i" must be a whole number')
    expect(() => toInteger(6, 'i', { min: 0, max: 5 })).toThrow('between 0 and 5')
  })
})

describe('arithmetic cards', () => {
  test.each<[string, Record<string, unknown>, number]>([
    ['number.add', { a: 1, b: '2', c: 3.5 }, 6.5],
    ['number.add', {}, 0],
    ['number.subtract', { a: 10, b: 4 }, 6],
    ['number.subtract', { a: '1', b: 2.5 }, -1.5],
    ['number.multiply', { x: 2, y: 3, z: '4' }, 24],
    ['number.multiply', {}, 1],
    ['number.divide', { a: 7, b: 2 }, 3.5],
    ['number.divide', { a: -9, b: '3' }, -3],
    ['number.remainder', { a: 7, b: 3 }, 1],
    ['number.remainder', { a: -7, b: 3 }, -1],
    ['number.power', { base: 2, exponent: 10 }, 1024],
    ['number.round', { number: 2.5 }, 3],
    ['number.round', { number: -2.4 }, -2],
    ['number.roundUp', { number: 1.01 }, 2],
    ['number.roundUp', { number: -1.5 }, -1],
    ['number.roundDown', { number: 1.99 }, 1],
    ['number.roundDown', { number: -1.01 }, -2],
    ['number.absolute', { number: -4 }, 4],
    ['number.sign', { number: -0.5 }, -1],
    ['number.sign', { number: 0 }, 0],
    ['number.squareRoot', { number: 16 }, 4],
    ['number.factorial', { number: 5 }, 120],
    ['number.factorial', { number: 0 }, 1],
    ['number.factorial', { number: -3 }, 0],
    ['number.log', { number: 1000, base: 10 }, 3],
    ['number.log', { number: Math.E }, 1],
    ['number.exponent', { number: 0 }, 1],
    ['number.roundDecimalPlaces', { number: 3.14159, digits: 2 }, 3.14],
    ['number.roundDecimalPlaces', { number: '2.5', digits: 0 }, 3],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect((await runCard(id, inputs)).output).toBeCloseTo(expected, 10)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['number.divide', { a: 1, b: 0 }, /Divide: input "b" is zero/],
    ['number.divide', { a: 1, b: '0' }, /division by zero/],
    ['number.remainder', { a: 1, b: 0 }, /division by zero/],
    ['number.add', { first: 1, second: 'two' }, /Input "second" must be a Number/],
    ['number.subtract', { a: 1 }, /Input "b" must be a Number, got nothing/],
    ['number.squareRoot', { number: -1 }, /negative/],
    ['number.factorial', { number: 171 }, /at most 170/],
    ['number.factorial', { number: 2.5 }, /whole number/],
    ['number.log', { number: 0 }, /greater than zero/],
    ['number.log', { number: 5, base: 1 }, /positive and not 1/],
    ['number.power', { base: 10, exponent: 400 }, /finite/],
    ['number.multiply', { a: 1e200, b: 1e200 }, /finite/],
    ['number.roundDecimalPlaces', { number: 1, digits: 101 }, /between 0 and 100/],
  ])('%s(%j) fails clearly', async (id, inputs, message) => {
    const error = await cardFailure(id, inputs)
    expect(error.message).toMatch(message)
    expect(error.code).toBe(400)
  })
})

describe('number.randomInteger', () => {
  test('stays within a and b inclusive, in either order, and is reproducible with a seed', async () => {
    const seen = new Set<number>()
    const ctx = cardContext({ ports: { random: seededRandom(42) } })
    for (let i = 0; i < 300; i++) {
      const value = (await runCard('number.randomInteger', { a: 5, b: 1 }, ctx)).output as number
      expect(Number.isInteger(value)).toBe(true)
      seen.add(value)
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5])
    const a = await runCard(
      'number.randomInteger',
      { a: 0, b: 1000 },
      cardContext({ ports: { random: seededRandom(9) } }),
    )
    const b = await runCard(
      'number.randomInteger',
      { a: 0, b: 1000 },
      cardContext({ ports: { random: seededRandom(9) } }),
    )
    expect(a).toEqual(b)
  })

  test('a range without a whole number fails', async () => {
    expect((await cardFailure('number.randomInteger', { a: 1.2, b: 1.8 })).message).toMatch(
      /no whole number between 1.2 and 1.8/,
    )
  })
})

describe('number.formula', () => {
  test.each<[string, Record<string, unknown>, number]>([
    ['1 + 2 * 3', {}, 7],
    ['(1 + 2) * 3', {}, 9],
    ['10 / 4', {}, 2.5],
    ['10 % 4', {}, 2],
    ['2 ^ 3 ^ 2', {}, 512],
    ['-2 ^ 2', {}, -4],
    ['2 ^ -1', {}, 0.5],
    ['--3', {}, 3],
    ['+4 - -4', {}, 8],
    ['.5 + 1.5e1', {}, 15.5],
    ['a * b + c', { a: 2, b: '3', c: 4 }, 10],
    ['{{days left}} / 7', { 'days left': 14 }, 2],
    ['{{{x}}} + 1', { x: 1 }, 2],
    ['min(3, 1, 2) + max(4, 5)', {}, 6],
    ['abs(-3) + round(2.5) + floor(2.9) + ceil(2.1) + sqrt(9)', {}, 3 + 3 + 2 + 3 + 3],
    ['pow(2, 8)', {}, 256],
    ['log(exp(2))', {}, 2],
    ['max(a, 0)', { a: -5 }, 0],
    ['  1  ', {}, 1],
  ])('%s with %j = %j', async (expression, variables, expected) => {
    expect((await runCard('number.formula', { expression, ...variables })).output).toBeCloseTo(
      expected,
      10,
    )
  })

  test('variables that are not used need not be numbers', async () => {
    expect((await runCard('number.formula', { expression: 'a', a: 1, note: 'text' })).output).toBe(
      1,
    )
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['', {}, /empty/],
    ['1 +', {}, /expected a number, a name or "\(" but found the end/],
    ['(1 + 2', {}, /expected "\)"/],
    ['1 2', {}, /unexpected "2"/],
    ['1 / 0', {}, /division by zero at position 3/],
    ['5 % (2 - 2)', {}, /division by zero/],
    ['x + 1', { y: 2 }, /unknown name "x" \(the inputs are "y"\)/],
    ['x', {}, /the card has no other inputs/],
    ['expression', {}, /unknown name "expression"/],
    ['a', { a: 'abc' }, /Input "a" must be a Number/],
    ['sqrt(-1)', {}, /negative/],
    ['pow(2)', {}, /pow\(\) takes 2 arguments, got 1/],
    ['abs(1, 2)', {}, /abs\(\) takes 1 argument, got 2/],
    ['min()', {}, /min\(\) takes 1 to 100 arguments, got 0/],
    ['1 & 2', {}, /unexpected "&" at position 3/],
    ['constructor', {}, /unknown name "constructor"/],
    ['__proto__', {}, /unknown name "__proto__"/],
    ['10 ^ 400', {}, /finite/],
    ['alert(1)', {}, /unknown name "alert"/],
  ])('%j with %j fails: %s', async (expression, variables, message) => {
    expect((await cardFailure('number.formula', { expression, ...variables })).message).toMatch(
      message,
    )
  })

  test('a non-text expression fails naming the input', async () => {
    expect((await cardFailure('number.formula', { expression: 5 })).message).toMatch(
      'Input "expression" must be Text',
    )
  })

  test('caps the expression length and nesting depth', () => {
    const variable = () => 1
    expect(() => evaluateFormula('1+'.repeat(600) + '1', variable)).toThrow(/longer than 1000/)
    const deep = (n: number) => '('.repeat(n) + '1' + ')'.repeat(n)
    expect(evaluateFormula(deep(MAX_FORMULA_DEPTH), variable)).toBe(1)
    expect(() => evaluateFormula(deep(MAX_FORMULA_DEPTH + 1), variable)).toThrow(/nested more than/)
    expect(() => evaluateFormula('-'.repeat(40) + '1', variable)).toThrow(/nested more than/)
  })
})
