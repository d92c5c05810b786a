// Covers the Object cards of object-more.ts and the dot-path helpers (which never write into
// their input and refuse prototype names).
import { describe, expect, test } from 'vitest'
import { clearEmpty, getPath, setPath, unsetPath } from './object-more'
import { cardContext, cardFailure, runCard } from './test-support'

const user = { id: 'u1', profile: { login: 'ada', emails: ['a@x.io', 'b@x.io'] }, empty: '' }

describe('path helpers', () => {
  test.each<[unknown, string, unknown]>([
    [user, 'id', 'u1'],
    [user, 'profile.login', 'ada'],
    [user, 'profile.emails.1', 'b@x.io'],
    [user, 'profile.missing.deeper', undefined],
    [user, '', user],
    [[{ a: 1 }], '0.a', 1],
    [user, 'toString', undefined],
  ])('getPath(%j, %j) = %j', (value, path, expected) => {
    expect(getPath(value, path)).toEqual(expected)
  })

  test('setPath copies along the path and never changes the input', () => {
    const input = structuredClone(user)
    const output = setPath(input, 'profile.login', 'grace')
    expect(output.profile).toEqual({ login: 'grace', emails: ['a@x.io', 'b@x.io'] })
    expect(input).toEqual(user)
    expect(setPath({}, 'a.b.c', 1)).toEqual({ a: { b: { c: 1 } } })
    expect(setPath({ list: [1, 2] }, 'list.3', 4)).toEqual({ list: [1, 2, null, 4] })
  })

  test('reserved names are refused, so nothing can reach a prototype', () => {
    for (const path of ['__proto__.polluted', 'a.constructor', 'prototype']) {
      expect(() => setPath({}, path, 1)).toThrow(/reserved name/)
      expect(() => getPath({}, path)).toThrow(/reserved name/)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('unsetPath removes keys and list items without changing the input', () => {
    const input = structuredClone(user)
    expect(unsetPath(input, 'profile.emails.0')).toEqual({
      ...user,
      profile: { login: 'ada', emails: ['b@x.io'] },
    })
    expect(unsetPath(input, 'id')).not.toHaveProperty('id')
    expect(unsetPath(input, 'nope.deeper')).toBe(input)
    expect(input).toEqual(user)
  })

  test('clearEmpty removes empty values, deeply when asked', () => {
    const value = {
      a: '',
      b: null,
      c: [],
      d: {},
      e: 0,
      f: false,
      g: { h: '', i: { j: null } },
      k: [{ l: '' }],
    }
    expect(clearEmpty(value, false)).toEqual({
      e: 0,
      f: false,
      g: { h: '', i: { j: null } },
      k: [{ l: '' }],
    })
    expect(clearEmpty(value, true)).toEqual({ e: 0, f: false, k: [{}] })
  })
})

describe('object cards', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['object.set', { object: { a: 1 }, path: 'b.c', value: 2 }, { output: { a: 1, b: { c: 2 } } }],
    ['object.set', { object: '{"a":1}', path: 'a', value: null }, { output: { a: null } }],
    ['object.unset', { object: { a: 1, b: 2 }, path: 'a' }, { output: { b: 2 } }],
    [
      'object.move',
      { object: { a: 1, b: 2 }, source: 'a', destination: 'z' },
      { output: { b: 2, z: 1 } },
    ],
    [
      'object.move',
      { object: { p: { a: 1 } }, source: 'p.a', destination: 'q.b' },
      { output: { p: {}, q: { b: 1 } } },
    ],
    [
      'object.move',
      { object: { a: 1 }, source: 'missing', destination: 'z' },
      { output: { a: 1 } },
    ],
    ['object.keys', { object: { b: 1, a: 2 } }, { output: ['b', 'a'] }],
    ['object.values', { object: { b: 1, a: [2] } }, { output: [1, [2]] }],
    ['object.keys', { object: '' }, { output: [] }],
    ['object.size', { object: { a: 1, b: 2 } }, { output: 2 }],
    ['object.clearEmpty', { object: { a: '', b: { c: null } } }, { output: {} }],
    [
      'object.clearEmpty',
      { object: { a: '', b: { c: null } }, recursive: false },
      { output: { b: { c: null } } },
    ],
    ['object.filter', { object: { a: '', b: 1, c: [] } }, { output: { b: 1 } }],
    ['object.zip', { keys: ['a', 'b'], values: [1] }, { output: { a: 1, b: null } }],
    [
      'object.collapse',
      {
        list: [
          { key: 'a', value: 1 },
          { key: 'a', value: 2 },
          { key: 'b', value: 3 },
        ],
      },
      { output: { a: 2, b: 3 } },
    ],
    [
      'object.split',
      { object: { a: 1, b: 'x' } },
      {
        output: [
          { key: 'a', value: 1 },
          { key: 'b', value: 'x' },
        ],
      },
    ],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs)).toEqual(expected)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'object.set',
      { object: [1], path: 'a', value: 1 },
      /Input "object" must be an Object, got a List/,
    ],
    ['object.set', { object: {}, path: '', value: 1 }, /path is empty/],
    ['object.set', { object: {}, path: '__proto__', value: 1 }, /reserved name "__proto__"/],
    ['object.keys', { object: 'not json' }, /Input "object" must be an Object, got Text/],
    ['object.zip', { keys: 'x', values: [] }, /Input "keys" must be a List/],
    ['object.collapse', { list: [{ value: 1 }] }, /item 0 is not an object with a "key"/],
    ['object.set', { object: { l: [] }, path: 'l.200000', value: 1 }, /more than the 100,000/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs)).message).toMatch(message)
  })

  test('Collapse with a "__proto__" key makes an own property, not a prototype', async () => {
    const { output } = await runCard('object.collapse', {
      list: [{ key: '__proto__', value: { polluted: true } }],
    })
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype)
    expect(Object.keys(output as object)).toEqual(['__proto__'])
  })
})

describe('object.getMultiple', () => {
  const object = { id: 'u1', profile: { login: 'ada' }, list: [{ type: 'sms' }] }

  test('reads the paths of the "paths" input into outputs at the same paths', async () => {
    expect(
      await runCard('object.getMultiple', {
        object,
        paths: ['id', 'profile.login', 'list.0.type', 'nope'],
      }),
    ).toEqual({ id: 'u1', profile: { login: 'ada' }, list: { 0: { type: 'sms' } }, nope: null })
  })

  test('without "paths" it reads the outputs declared on the step', async () => {
    const ctx = cardContext({
      step: {
        outputs: [
          { key: 'profile.login', type: 'text' },
          { key: 'id', type: 'text' },
        ],
      },
    })
    expect(await runCard('object.getMultiple', { object }, ctx)).toEqual({
      profile: { login: 'ada' },
      id: 'u1',
    })
    expect(await runCard('object.getMultiple', { object })).toEqual({})
  })
})
