// Covers the comparison operators and their loose typing.
import { describe, expect, test } from 'vitest'
import { compare, isEmpty, looseEquals } from './compare'
import { FlowError } from './errors'

describe('compare', () => {
  test.each<[unknown, string, unknown, boolean]>([
    [1, '==', '1', true],
    [true, '==', 'true', true],
    [{ a: 1, b: 2 }, '==', { b: 2, a: 1 }, true],
    [[1, 2], '==', [1, 2], true],
    ['a', '!=', 'b', true],
    [null, '==', '', true],
    [2, '<', 10, true],
    ['2', '<', '10', true],
    ['apple', '<', 'banana', true],
    ['2026-01-02', '>', '2025-12-31', true],
    [5, '>=', 5, true],
    [5, '<=', 4, false],
    ['hello world', 'contains', 'world', true],
    [['a', 'b'], 'contains', 'b', true],
    [['a', 'b'], 'not contains', 'c', true],
    ['report.csv', 'ends with', '.csv', true],
    ['report.csv', 'starts with', 'rep', true],
    ['b', 'in', ['a', 'b'], true],
    ['z', 'not in', ['a', 'b'], true],
    ['', 'is empty', undefined, true],
    [[], 'is empty', undefined, true],
    [{}, 'is empty', undefined, true],
    [0, 'is empty', undefined, false],
    ['x', 'is not empty', undefined, true],
  ])('%j %s %j is %s', (left, operator, right, expected) => {
    expect(compare(left, operator, right)).toBe(expected)
  })

  test('an unknown operator is a FlowError listing the operators', () => {
    expect(() => compare(1, '=~', 2)).toThrow(FlowError)
    expect(() => compare(1, '=~', 2)).toThrow(/use one of ==/)
  })

  test('ordering an object is a FlowError', () => {
    expect(() => compare({}, '<', 1)).toThrow(FlowError)
  })

  test('isEmpty and looseEquals', () => {
    expect(isEmpty(null)).toBe(true)
    expect(isEmpty(' ')).toBe(false)
    expect(looseEquals(undefined, null)).toBe(true)
    expect(looseEquals('1.0', 1)).toBe(true)
  })
})
