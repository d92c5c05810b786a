// Covers `=` reference resolution: paths, list indexes, nesting, the `==` escape, and hostile input.
import { describe, expect, test } from 'vitest'
import { FlowError } from './errors'
import {
  isReference,
  parseReference,
  resolveReference,
  resolveValue,
  type Scope,
} from './references'

const scope = (): Scope => ({
  input: { name: 'Ada', auth: { username: 'demo' }, count: 0, empty: '', nothing: null },
  call: {
    body: {
      users: [
        { name: 'Grace', tags: ['a', 'b'] },
        { name: 'Alan', tags: [] },
      ],
      total: 2,
    },
  },
  flag: false,
})

describe('isReference', () => {
  test.each([
    ['=input.name', true],
    ['=x', true],
    ['==literal', false],
    ['plain', false],
    ['', false],
    [' =input', false],
    [42, false],
    [null, false],
    [undefined, false],
    [{ ref: '=x' }, false],
  ])('isReference(%j) is %s', (value, expected) => {
    expect(isReference(value)).toBe(expected)
  })
})

describe('resolveReference', () => {
  test.each([
    ['=input.name', 'Ada'],
    ['=input.auth.username', 'demo'],
    ['=input.count', 0],
    ['=input.empty', ''],
    ['=input.nothing', null],
    ['=call.body.total', 2],
    ['=call.body.users.0.name', 'Grace'],
    ['=call.body.users.1.name', 'Alan'],
    ['=call.body.users.0.tags.1', 'b'],
    ['=call.body.users.1.tags', []],
    ['=flag', false],
    ['= input.name ', 'Ada'],
  ])('%s resolves to %j', (reference, expected) => {
    expect(resolveReference(reference, scope())).toEqual(expected)
  })

  test('a whole object resolves to the same value, not a copy', () => {
    const s = scope()
    expect(resolveReference('=call.body', s)).toBe((s.call as { body: unknown }).body)
  })

  test.each([
    '=input.missing',
    '=input.auth.username.deeper',
    '=call.body.users.5.name',
    '=call.body.users.x',
    '=input.nothing.field',
    '=input.name.length',
    '=call.body.toString',
    '=input.hasOwnProperty',
  ])('missing path %s resolves to undefined', (reference) => {
    expect(resolveReference(reference, scope())).toBeUndefined()
  })

  test.each(['=unknown', '=unknown.x', '=toString', '=hasOwnProperty.call'])(
    'unknown head name in %s is a FlowError naming it',
    (reference) => {
      const head = reference.slice(1).split('.')[0] ?? ''
      expect(() => resolveReference(reference, scope())).toThrow(FlowError)
      expect(() => resolveReference(reference, scope())).toThrow(`nothing named "${head}"`)
    },
  )

  test.each([
    ['=', 'Empty reference'],
    ['=   ', 'Empty reference'],
    ['=input..name', 'empty path segment'],
    ['=input.', 'empty path segment'],
    ['=.input', 'empty path segment'],
  ])('malformed reference %j is a FlowError (%s)', (reference, message) => {
    expect(() => resolveReference(reference, scope())).toThrow(message)
  })

  test.each([
    ['=input.__proto__', '__proto__'],
    ['=input.constructor', 'constructor'],
    ['=input.constructor.prototype', 'constructor'],
    ['=call.body.users.__proto__.polluted', '__proto__'],
    ['=__proto__', '__proto__'],
    ['=prototype.x', 'prototype'],
  ])('reserved segment in %s is rejected', (reference, segment) => {
    let caught: unknown
    try {
      resolveReference(reference, scope())
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FlowError)
    expect((caught as FlowError).message).toContain(`reserved name "${segment}"`)
    expect((caught as FlowError).code).toBe(400)
  })

  test('parseReference splits into segments', () => {
    expect(parseReference('=call.body.users.0.name')).toEqual([
      'call',
      'body',
      'users',
      '0',
      'name',
    ])
  })
})

describe('resolveValue', () => {
  test.each<[unknown, unknown]>([
    ['plain text', 'plain text'],
    ['==literal', '=literal'],
    // Only `=` followed by a name is a reference, and only `==` followed by a name is an escape:
    // operators and other text that starts with `=` stay as written.
    ['===two', '===two'],
    ['==', '=='],
    ['= 5', '= 5'],
    ['=>', '=>'],
    ['=input.name', 'Ada'],
    [42, 42],
    [true, true],
    [null, null],
    [undefined, undefined],
    [
      ['=input.name', 'x', '==y', 3],
      ['Ada', 'x', '=y', 3],
    ],
    [
      {
        who: '=input.name',
        first: '=call.body.users.0',
        list: ['=call.body.total', { deep: '==e' }],
      },
      { who: 'Ada', first: { name: 'Grace', tags: ['a', 'b'] }, list: [2, { deep: '=e' }] },
    ],
    [{ missing: '=input.nope' }, { missing: undefined }],
  ])('resolveValue(%j) → %j', (value, expected) => {
    expect(resolveValue(value, scope())).toEqual(expected)
  })

  test('an unknown name anywhere inside an object fails the whole value', () => {
    expect(() => resolveValue({ a: 'ok', b: ['=nobody.here'] }, scope())).toThrow(FlowError)
  })

  test('does not mutate the input value', () => {
    const value = { a: '=input.name', b: ['==x'] }
    resolveValue(value, scope())
    expect(value).toEqual({ a: '=input.name', b: ['==x'] })
  })

  test.each(['__proto__', 'constructor', 'prototype'])(
    'a literal key named %s is dropped from the resolved object',
    (key) => {
      const value = JSON.parse(`{"keep": 1, "${key}": {"polluted": true}}`) as unknown
      const resolved = resolveValue(value, scope()) as Record<string, unknown>
      expect(Object.keys(resolved)).toEqual(['keep'])
      expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype)
      expect((resolved as { polluted?: unknown }).polluted).toBeUndefined()
    },
  )

  test('hostile input does not pollute Object.prototype', () => {
    const hostile = JSON.parse(
      '{"__proto__": {"polluted": "yes"}, "a": {"__proto__": {"polluted": "yes"}}, "list": [{"__proto__": {"polluted": "yes"}}], "constructor": {"prototype": {"polluted": "yes"}}}',
    ) as unknown
    const resolved = resolveValue(hostile, scope())
    for (const reference of [
      '=input.__proto__.polluted',
      '=input.constructor.prototype.polluted',
    ]) {
      expect(() => resolveValue({ x: reference }, scope())).toThrow(FlowError)
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined()
    expect((Object.prototype as { polluted?: unknown }).polluted).toBeUndefined()
    expect(resolved).toEqual({ a: {}, list: [{}] })
  })

  test('a reference into data that carries a __proto__ key cannot read through it', () => {
    const s: Scope = { data: JSON.parse('{"__proto__": {"secret": 1}, "ok": 2}') as unknown }
    expect(resolveReference('=data.ok', s)).toBe(2)
    expect(() => resolveReference('=data.__proto__.secret', s)).toThrow('reserved name')
  })
})
