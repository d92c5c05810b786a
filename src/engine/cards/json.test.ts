// Covers JSON Parse and Stringify: round trips, errors that say what is wrong, and the size cap.
import { describe, expect, test } from 'vitest'
import { cardFailure, runCard } from './test-support'
import { MAX_TEXT_LENGTH } from './text-more'

describe('json.parse', () => {
  test.each<[string, unknown]>([
    ['{"a":1,"b":[true,null]}', { a: 1, b: [true, null] }],
    ['[1,2]', [1, 2]],
    ['"text"', 'text'],
    ['42', 42],
    ['  {"nested":{"x":"y"}}\n', { nested: { x: 'y' } }],
  ])('parse(%j) = %j', async (text, expected) => {
    expect(await runCard('json.parse', { text })).toEqual({ output: expected })
  })

  test('already-parsed data passes through', async () => {
    expect(await runCard('json.parse', { text: { a: 1 } })).toEqual({ output: { a: 1 } })
    expect(await runCard('json.parse', { text: [1] })).toEqual({ output: [1] })
  })

  test('"__proto__" in JSON stays an own key, never a prototype', async () => {
    const { output } = await runCard('json.parse', { text: '{"__proto__":{"polluted":true}}' })
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test.each<[unknown, RegExp]>([
    ['{"a":', /Input "text" is not valid JSON: /],
    ["{'a':1}", /not valid JSON/],
    ['', /Input "text" is empty/],
    ['   ', /is empty/],
    [5, /Input "text" must be Text holding JSON, got a Number/],
    [undefined, /got nothing/],
  ])('parse(%j) fails: %s', async (text, message) => {
    expect((await cardFailure('json.parse', { text })).message).toMatch(message)
  })

  test('text over 5 MB is refused before parsing', async () => {
    const text = `"${'x'.repeat(MAX_TEXT_LENGTH)}"`
    expect((await cardFailure('json.parse', { text })).message).toMatch(/longer than the 5 MB/)
  })
})

describe('json.stringify', () => {
  test.each<[Record<string, unknown>, string]>([
    [{ value: { a: 1, b: [1, 'x'] } }, '{"a":1,"b":[1,"x"]}'],
    [{ value: [1, 2], indent: 2 }, '[\n  1,\n  2\n]'],
    [{ value: 'text' }, '"text"'],
    [{ value: null }, 'null'],
    [{}, 'null'],
    [{ value: { a: 1 }, indent: '' }, '{"a":1}'],
  ])('stringify(%j) = %j', async (inputs, expected) => {
    expect(await runCard('json.stringify', inputs)).toEqual({ output: expected })
  })

  test('round-trips through Parse', async () => {
    const value = { user: { id: 'u1', tags: ['a', 'b'], active: true, score: 1.5 } }
    const { output } = await runCard('json.stringify', { value })
    expect(await runCard('json.parse', { text: output })).toEqual({ output: value })
  })

  test('indent must be 0–10, and output over 5 MB is refused', async () => {
    expect((await cardFailure('json.stringify', { value: 1, indent: 11 })).message).toMatch(
      /Input "indent" must be between 0 and 10/,
    )
    const value = ['x'.repeat(MAX_TEXT_LENGTH)]
    expect((await cardFailure('json.stringify', { value })).message).toMatch(/Stringify would be/)
  })
})
