// Covers the List cards that need no helper flow.
import { describe, expect, test } from 'vitest'
import { seededRandom } from '../ports'
import { identity, orderValues } from './list'
import { cardContext, cardFailure, runCard } from './test-support'
import { MAX_LIST_ITEMS } from './text-more'

const users = [
  { id: 'u1', name: 'Ada', age: 36, status: 'ACTIVE', profile: { dept: 'eng' } },
  { id: 'u2', name: 'Grace', age: 45, status: 'SUSPENDED', profile: { dept: 'ops' } },
  { id: 'u3', name: 'alan', age: '41', status: 'ACTIVE', profile: { dept: 'eng' } },
]

describe('identity and order', () => {
  test('identity is equal for equal content and differs across types', () => {
    expect(identity({ a: 1, b: [2] })).toBe(identity({ b: [2], a: 1 }))
    expect(identity(1)).not.toBe(identity('1'))
    expect(identity([1])).not.toBe(identity({ 0: 1 }))
    expect(identity(undefined)).not.toBe(identity(null))
  })

  test('orderValues sorts numbers by value, dates by time and empty values last', () => {
    expect([10, '9', 1, '', 2].sort(orderValues)).toEqual([1, 2, '9', 10, ''])
    expect(['b', 'a', null, 'C'].sort(orderValues)).toEqual(['C', 'a', 'b', null])
    expect(['2024-02-01', '2023-12-31'].sort(orderValues)).toEqual(['2023-12-31', '2024-02-01'])
    expect([{ a: 1 }, 'x', 3].sort(orderValues)).toEqual([3, 'x', { a: 1 }])
  })
})

describe('list cards', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['list.construct', { a: 1, b: 'two', c: { x: 3 } }, { list: [1, 'two', { x: 3 }] }],
    ['list.construct', {}, { list: [] }],
    ['list.at', { list: ['a', 'b'], index: 1 }, { output: 'b' }],
    ['list.at', { list: '["a","b"]', index: '0' }, { output: 'a' }],
    ['list.length', { list: [1, 2, 3] }, { length: 3 }],
    ['list.length', { list: null }, { length: 0 }],
    ['list.pluck', { list: users, path: 'profile.dept' }, { output: ['eng', 'ops', 'eng'] }],
    ['list.pluck', { list: [{ a: 1 }, {}], path: 'a' }, { output: [1, null] }],
    [
      'list.join',
      { list: ['a', 1, true, { b: 2 }], delimiter: '|' },
      { string: 'a|1|true|{"b":2}' },
    ],
    ['list.join', { list: ['a', 'b'] }, { string: 'ab' }],
    ['list.sort', { list: [3, 1, 2] }, { output: [1, 2, 3] }],
    ['list.sort', { list: [3, 1, 2], direction: 'desc' }, { output: [3, 2, 1] }],
    ['list.sort', { list: users, path: 'age' }, { output: [users[0], users[2], users[1]] }],
    [
      'list.sort',
      { list: users, path: 'name', direction: 'DESC' },
      { output: [users[2], users[1], users[0]] },
    ],
    [
      'list.sort',
      { list: [{ k: 2 }, { k: null }, { k: 1 }], path: 'k', direction: 'desc' },
      { output: [{ k: 2 }, { k: 1 }, { k: null }] },
    ],
    [
      'list.removeDuplicates',
      { list: [1, '1', 1, { a: 1 }, { a: 1 }] },
      { output: [1, '1', { a: 1 }] },
    ],
    ['list.removeDuplicates', { list: users, path: 'status' }, { output: [users[0], users[1]] }],
    ['list.flatten', { list: [1, [2, [3, [4]]]] }, { output: [1, 2, [3, [4]]] }],
    ['list.flatten', { list: [1, [2, [3, [4]]]], deep: true }, { output: [1, 2, 3, 4] }],
    ['list.includes', { list: [1, 2], value: '2' }, { result: true }],
    ['list.includes', { list: [{ a: 1 }], value: { a: 1 } }, { result: true }],
    ['list.includes', { list: ['a'], value: 'b' }, { result: false }],
    [
      'list.intersection',
      { list1: [1, 2, 3, 2], list2: [2, 3, 4], list3: [3, 2] },
      { output: [2, 3] },
    ],
    ['list.intersection', {}, { output: [] }],
    ['list.difference', { list1: [1, 2, 3, { a: 1 }], list2: [2, { a: 1 }] }, { output: [1, 3] }],
    ['list.xor', { list1: [1, 2, 2], list2: [2, 3] }, { output: [1, 3] }],
    ['list.union', { list1: [1, 2], list2: [2, 3], list3: [] }, { union: [1, 2, 3] }],
    ['list.combineAll', { list1: [1, 2], list2: [2, 3] }, { output: [1, 2, 2, 3] }],
    ['list.addToEnd', { list: [1], item: 2 }, { list: [1, 2] }],
    ['list.addToFront', { list: [1], item: 0 }, { list: [0, 1] }],
    ['list.getFirstItem', { list: ['a', 'b', 'c'] }, { item: 'a', list: ['b', 'c'] }],
    ['list.getFirstItem', { list: [] }, { item: null, list: [] }],
    ['list.getLastItem', { list: ['a', 'b', 'c'] }, { item: 'c', list: ['a', 'b'] }],
    ['list.getLastItem', { list: [] }, { item: null, list: [] }],
    ['list.collapse', { list: [{ a: 1 }, null, { a: 2, b: 3 }] }, { output: { a: 2, b: 3 } }],
    [
      'list.filter',
      { list: users, path: 'status', operator: '==', comparison: 'ACTIVE' },
      { list: [users[0], users[2]] },
    ],
    [
      'list.filter',
      { list: users, path: 'age', operator: '>', comparison: 40 },
      { list: [users[1], users[2]] },
    ],
    [
      'list.filter',
      { list: ['POSITIVE', 'NEGATIVE'], operator: '==', comparison: 'POSITIVE' },
      { list: ['POSITIVE'] },
    ],
    [
      'list.filter',
      { list: ['a', 'b', 'c'], operator: 'in', comparison: ['a', 'c'] },
      { list: ['a', 'c'] },
    ],
    [
      'list.find',
      { list: users, path: 'profile.dept', operator: '==', comparison: 'ops' },
      { item: users[1], index: 1 },
    ],
    [
      'list.find',
      { list: users, path: 'name', operator: '==', comparison: 'Nobody' },
      { item: null, index: -1 },
    ],
    ['list.reverse', { list: [1, 2, 3] }, { output: [3, 2, 1] }],
    ['list.slice', { list: [1, 2, 3, 4], start: 1, end: 3 }, { output: [2, 3] }],
    ['list.slice', { list: [1, 2, 3, 4], start: -2 }, { output: [3, 4] }],
    ['list.truncate', { list: [1, 2, 3], length: 2 }, { output: [1, 2] }],
    ['list.truncate', { list: [1, 2, 3], length: 9 }, { output: [1, 2, 3] }],
    ['list.swap', { list: [1, 2, 3], index1: 0, index2: 2 }, { output: [3, 2, 1] }],
    ['list.sum', { list: [1, '2', 3.5] }, { output: 6.5 }],
    ['list.sum', { list: [] }, { output: 0 }],
    [
      'list.statistics',
      { list: [4, 1, 3, 2] },
      { count: 4, sum: 10, mean: 2.5, median: 2.5, min: 1, max: 4, stdev: Math.sqrt(1.25) },
    ],
    [
      'list.statistics',
      { list: [] },
      { count: 0, sum: 0, mean: null, median: null, min: null, max: null, stdev: null },
    ],
    [
      'list.zip',
      { list1: [1, 2], list2: ['a', 'b'] },
      {
        output: [
          [1, 'a'],
          [2, 'b'],
        ],
      },
    ],
    [
      'list.merge',
      { a: [{ x: 1 }, { x: 2 }], b: [{ y: 1 }] },
      { output: [{ x: 1, y: 1 }, { x: 2 }] },
    ],
    [
      'list.indexBy',
      { list: users, path: 'id' },
      { output: { u1: users[0], u2: users[1], u3: users[2] } },
    ],
    [
      'list.groupBy',
      { list: users, path: 'profile.dept' },
      { output: { eng: [users[0], users[2]], ops: [users[1]] } },
    ],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs)).toEqual(expected)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'list.at',
      { list: ['a'], index: 1 },
      /Array index out of bounds: input "index" is 1, but the list has 1 item \(positions 0–0\)/,
    ],
    ['list.at', { list: [], index: 0 }, /the list has 0 items$/],
    ['list.at', { list: 'abc', index: 0 }, /Input "list" must be a List, got Text/],
    ['list.length', { list: { a: 1 } }, /Input "list" must be a List, got an Object/],
    ['list.sort', { list: [1], direction: 'up' }, /"asc" or "desc"/],
    ['list.filter', { list: [1], operator: '~', comparison: 1 }, /Unknown operator/],
    ['list.swap', { list: [1], index1: 0, index2: 3 }, /index2/],
    ['list.sum', { list: [1, 'x'] }, /Input "list.1" must be a Number/],
    ['list.zip', { list1: [1], list2: [] }, /equal length/],
    ['list.collapse', { list: [1] }, /item 0 is not an object/],
    ['list.pluck', { list: [{}], path: 'constructor' }, /reserved name/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs)).message).toMatch(message)
  })

  test('cards that build lists stop at 100,000 items', async () => {
    const half = Array.from({ length: MAX_LIST_ITEMS / 2 + 1 }, (_x, i) => i)
    expect((await cardFailure('list.combineAll', { a: half, b: half })).message).toMatch(
      /Combine All would have 100,002 items/,
    )
    expect((await cardFailure('list.flatten', { list: [half, half] })).message).toMatch(/100,002/)
    const full = Array.from({ length: MAX_LIST_ITEMS }, (_x, i) => i)
    expect((await cardFailure('list.addToEnd', { list: full, item: 1 })).message).toMatch(/100,001/)
  })

  test('List to Text stops at 5 MB', async () => {
    const chunk = 'x'.repeat(1024 * 1024)
    expect(
      (await cardFailure('list.join', { list: [chunk, chunk, chunk, chunk, chunk, chunk] }))
        .message,
    ).toMatch(/5 MB/)
  })

  test('cards never change their input list', async () => {
    const list = [3, 1, 2]
    await runCard('list.sort', { list })
    await runCard('list.reverse', { list })
    await runCard('list.addToEnd', { list, item: 4 })
    await runCard('list.swap', { list, index1: 0, index2: 1 })
    expect(list).toEqual([3, 1, 2])
  })

  test('Sample picks an item with the random port, null for an empty list', async () => {
    const list = ['a', 'b', 'c']
    const picked = await runCard(
      'list.sample',
      { list },
      cardContext({ ports: { random: seededRandom(11) } }),
    )
    expect(list).toContain(picked.output)
    expect(
      await runCard('list.sample', { list }, cardContext({ ports: { random: seededRandom(11) } })),
    ).toEqual(picked)
    expect(await runCard('list.sample', { list: [] })).toEqual({ output: null })
  })
})
