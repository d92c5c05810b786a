// Covers the True/False cards and the loose True/False conversion.
import { describe, expect, test } from 'vitest'
import { FlowError } from '../errors'
import { toBoolean } from './boolean'
import { runCard } from './test-support'

describe('toBoolean', () => {
  test.each<[unknown, boolean]>([
    [true, true],
    [false, false],
    ['true', true],
    ['FALSE', false],
    [' True ', true],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
    [undefined, false],
    [null, false],
    ['', false],
  ])('toBoolean(%j) = %j', (value, expected) => {
    expect(toBoolean(value, 'v')).toBe(expected)
  })

  test.each<[unknown]>([['yes'], [2], [{}], [[]]])(
    'toBoolean(%j) fails naming the input',
    (value) => {
      expect(() => toBoolean(value, 'flag')).toThrow(/Input "flag" must be True\/False/)
    },
  )
})

describe('logic cards', () => {
  test.each<[string, Record<string, unknown>, boolean]>([
    ['boolean.and', { a: true, b: 'true' }, true],
    ['boolean.and', { a: true, b: false }, false],
    ['boolean.and', {}, true],
    ['boolean.or', { a: false, b: 'true' }, true],
    ['boolean.or', { a: false, b: null }, false],
    ['boolean.or', {}, false],
    ['boolean.xor', { a: true, b: false, c: false }, true],
    ['boolean.xor', { a: true, b: true }, false],
    ['boolean.xor', { a: false, b: false }, false],
    ['boolean.xnor', { a: true, b: true }, true],
    ['boolean.xnor', { a: false, b: false }, true],
    ['boolean.xnor', { a: true, b: false }, false],
    ['boolean.nand', { a: true, b: false }, true],
    ['boolean.nand', { a: true, b: true }, false],
    ['boolean.nor', { a: false, b: false }, true],
    ['boolean.nor', { a: false, b: true }, false],
    ['boolean.not', { value: true }, false],
    ['boolean.not', { value: 'false' }, true],
    ['boolean.not', {}, true],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs)).toEqual({ output: expected })
  })

  test('a value that is not True/False fails naming its input', async () => {
    await expect(runCard('boolean.and', { ok: true, status: 'ACTIVE' })).rejects.toThrow(
      'Input "status" must be True/False',
    )
    await expect(runCard('boolean.and', { status: 'ACTIVE' })).rejects.toBeInstanceOf(FlowError)
  })
})

describe('boolean.compare', () => {
  test.each<[unknown, string, unknown, boolean]>([
    [0, '==', 200, false],
    ['200', '==', 200, true],
    [5, '>', '10', false],
    ['abc', 'contains', 'b', true],
    [['a', 'b'], 'contains', 'b', true],
    ['', 'is empty', undefined, true],
    ['2024-01-02', '>', '2024-01-01', true],
    ['x', 'in', ['x', 'y'], true],
  ])('%j %s %j = %j', async (left, operator, right, expected) => {
    expect(await runCard('boolean.compare', { left, operator, right })).toEqual({
      result: expected,
    })
  })

  test('an unknown operator fails', async () => {
    await expect(runCard('boolean.compare', { left: 1, operator: '=~', right: 1 })).rejects.toThrow(
      /Unknown operator "=~"/,
    )
  })
})
