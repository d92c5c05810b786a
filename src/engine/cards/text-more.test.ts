// Covers the Text cards of text-more.ts and the allocation caps every card module shares.
import { describe, expect, test } from 'vitest'
import { seededRandom } from '../ports'
import { cardContext, cardFailure, runCard } from './test-support'
import {
  checkListSize,
  checkText,
  findEmail,
  MAX_LIST_ITEMS,
  MAX_PATTERN_LENGTH,
  MAX_REGEX_INPUT,
  MAX_TEXT_LENGTH,
  toRegExp,
} from './text-more'

describe('caps', () => {
  test('checkText and checkListSize fail beyond 5 MB and 100,000 items', () => {
    expect(checkText('abc', 'X')).toBe('abc')
    expect(() => checkText('x'.repeat(MAX_TEXT_LENGTH + 1), 'Compose')).toThrow(
      /Compose would be 5,242,881 characters, more than the 5 MB/,
    )
    expect(() => checkListSize(MAX_LIST_ITEMS, 'Split')).not.toThrow()
    expect(() => checkListSize(MAX_LIST_ITEMS + 1, 'Split')).toThrow(/more than the 100,000/)
  })

  test('toRegExp checks the pattern length, the flags and the syntax', () => {
    expect(toRegExp('a+', 'i', 'pattern', 'g').flags).toBe('gi')
    expect(() => toRegExp('a'.repeat(MAX_PATTERN_LENGTH + 1), '', 'pattern')).toThrow(/longer/)
    expect(() => toRegExp('a', 'gy', 'pattern')).toThrow(/i, m, s and u/)
    expect(() => toRegExp('(', '', 'pattern')).toThrow(
      /Input "pattern" is not a valid regular expression/,
    )
  })
})

describe('text cards', () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    // Compose
    ['text.compose', { template: 'Hi {{name}}!', name: 'Ada' }, { output: 'Hi Ada!' }],
    ['text.compose', { template: 'Hi {{{name}}}!', name: 'Ada' }, { output: 'Hi Ada!' }],
    ['text.compose', { _text_: '{{{a}}}-{{ b }}', a: 1, b: true }, { output: '1-true' }],
    [
      'text.compose',
      { template: '{"user": {{u}}, "tags": {{t}}}', u: { id: 1 }, t: ['x'] },
      { output: '{"user": {"id":1}, "tags": ["x"]}' },
    ],
    ['text.compose', { template: '{{days left}} days', 'days left': 3 }, { output: '3 days' }],
    ['text.compose', { template: '[{{gone}}]', gone: undefined }, { output: '[]' }],
    ['text.compose', { template: 'plain {"a":{"b":1}}' }, { output: 'plain {"a":{"b":1}}' }],
    ['text.compose', {}, { output: '' }],
    // Split
    ['text.split', { text: 'a,b,,c' }, { output: ['a', 'b', '', 'c'] }],
    ['text.split', { text: 'a; b', delimiter: '; ' }, { output: ['a', 'b'] }],
    ['text.split', { text: 'añ👍', delimiter: '' }, { output: ['a', 'ñ', '👍'] }],
    ['text.split', { text: '' }, { output: [] }],
    // Text Segment
    ['text.segment', { text: 'Hello world', start: 6 }, { output: 'world' }],
    ['text.segment', { text: 'Hello world', start: 0, end: 5 }, { output: 'Hello' }],
    ['text.segment', { text: 'Hello world', start: -5 }, { output: 'world' }],
    ['text.segment', { text: 'Hello', start: '', end: '' }, { output: 'Hello' }],
    ['text.segment', { text: 'Hello', start: 10 }, { output: '' }],
    // Length, At
    ['text.length', { text: 'héllo' }, { output: 5 }],
    ['text.length', { text: 1234 }, { output: 4 }],
    ['text.at', { text: 'abc', index: 1 }, { output: 'b' }],
    ['text.at', { text: 'abc', index: 5 }, { output: '' }],
    // Find, Find Last
    ['text.find', { text: 'a/b/c', search: '/' }, { output: 1 }],
    ['text.find', { text: 'a/b/c', search: '/', start: 2 }, { output: 3 }],
    ['text.find', { text: 'abc', search: 'z' }, { output: -1 }],
    ['text.findLast', { text: 'a/b/c', search: '/' }, { output: 3 }],
    ['text.findLast', { text: 'abc', search: 'z' }, { output: -1 }],
    // Find Pattern
    [
      'text.findPattern',
      { text: 'id: AB-123', pattern: '([A-Z]+)-(\\d+)' },
      { output: 4, match: 'AB-123', groups: ['AB', '123'] },
    ],
    [
      'text.findPattern',
      { text: 'Title', pattern: 'title', flags: 'i' },
      { output: 0, match: 'Title', groups: [] },
    ],
    ['text.findPattern', { text: 'abc', pattern: '\\d' }, { output: -1, match: '', groups: [] }],
    ['text.findPattern', { text: 'ab', pattern: '(x)?b' }, { output: 1, match: 'b', groups: [''] }],
    // Replace
    ['text.replace', { text: 'a-b-c', find: '-', replaceWith: '+' }, { output: 'a+b+c' }],
    [
      'text.replace',
      { text: 'a-b-c', find: '-', replaceWith: '+', global: false },
      { output: 'a+b-c' },
    ],
    [
      'text.replace',
      { text: 'Cat cat CAT', find: 'cat', replaceWith: 'dog', caseSensitive: false },
      { output: 'dog dog dog' },
    ],
    ['text.replace', { text: 'a.b', find: '.', replaceWith: '$&$&' }, { output: 'a$&$&b' }],
    ['text.replace', { text: 'abc', find: '', replaceWith: 'x' }, { output: 'abc' }],
    ['text.replace', { text: 'a b', find: ' ' }, { output: 'ab' }],
    // Replace Patterns
    [
      'text.replacePatterns',
      { text: 'a1b22c', patterns: ['\\d+'], replacement: '#' },
      { output: 'a#b#c' },
    ],
    [
      'text.replacePatterns',
      { text: 'Hello World', patterns: ['o', 'l'], replacement: '' },
      { output: 'He Wrd' },
    ],
    [
      'text.replacePatterns',
      { text: 'ABC', patterns: 'b', replacement: '$1', flags: 'i' },
      { output: 'A$1C' },
    ],
    // Case and trim
    ['text.trim', { text: '  x y \n' }, { output: 'x y' }],
    ['text.toLowerCase', { text: 'ÀBC' }, { output: 'àbc' }],
    ['text.toUpperCase', { text: 'straße' }, { output: 'STRASSE' }],
    // Find Email
    [
      'text.findEmail',
      { text: 'Contact: Ada.L+x@Example.co.uk, ok?' },
      { output: 'Ada.L+x@Example.co.uk' },
    ],
    ['text.findEmail', { text: 'no email @ here or a@b' }, { output: '' }],
    ['text.findEmail', { text: 'first@a.io second@b.io' }, { output: 'first@a.io' }],
    ['text.findEmail', { text: '<mailto:x@y.com>' }, { output: 'x@y.com' }],
  ])('%s(%j) = %j', async (id, inputs, expected) => {
    expect(await runCard(id, inputs)).toEqual(expected)
  })

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      'text.compose',
      { template: 'Hi {{nme}}', name: 'Ada' },
      /uses \{\{nme\}\} but the card has no input "nme" \(its inputs are "name"\)/,
    ],
    ['text.compose', { template: 5 }, /Input "template" must be Text/],
    ['text.segment', { text: 'abc', start: 'x' }, /Input "start" must be a Number/],
    ['text.segment', { text: 'abc', start: 1.5 }, /whole number/],
    ['text.at', { text: 'abc', index: -1 }, /between 0 and/],
    ['text.find', { text: 'abc', search: 'a', start: -1 }, /between 0 and/],
    ['text.findPattern', { text: 'abc', pattern: '[' }, /not a valid regular expression/],
    ['text.findPattern', { text: 'abc', pattern: 'a', flags: 'g' }, /may only hold i, m, s and u/],
    [
      'text.findPattern',
      { text: 'x'.repeat(MAX_REGEX_INPUT + 1), pattern: 'a' },
      /longer than the 100 kB/,
    ],
    [
      'text.replacePatterns',
      { text: 'abc', patterns: ['a', '('] },
      /Input "patterns.1" is not a valid/,
    ],
    ['text.random', { length: -1 }, /between 0 and/],
  ])('%s(%j) fails: %s', async (id, inputs, message) => {
    expect((await cardFailure(id, inputs)).message).toMatch(message)
  })

  test('Compose and Replace stop at the 5 MB cap instead of building the text', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024)
    expect((await cardFailure('text.compose', { template: '{{a}}{{a}}', a: big })).message).toMatch(
      /5 MB/,
    )
    expect(
      (
        await cardFailure('text.replace', {
          text: 'a'.repeat(1000),
          find: 'a',
          replaceWith: 'b'.repeat(10_000),
        })
      ).message,
    ).toMatch(/Replace would be longer than the 5 MB/)
  })

  test('Replace Patterns keeps every pattern within the 100 kB regular expression cap', async () => {
    const text = 'a'.repeat(60 * 1024)
    expect(
      (await cardFailure('text.replacePatterns', { text, patterns: ['a', 'b'], replacement: 'bb' }))
        .message,
    ).toMatch(/before pattern 1 the text has grown past the 100 kB/)
  })

  test('Split stops at 100,000 items', async () => {
    expect((await cardFailure('text.split', { text: ','.repeat(MAX_LIST_ITEMS) })).message).toMatch(
      /Split would have 100,001 items/,
    )
  })

  test('findEmail is linear on hostile input', () => {
    const started = performance.now()
    expect(findEmail('a'.repeat(200_000) + '@' + '-'.repeat(200_000))).toBe('')
    expect(findEmail('@'.repeat(100_000))).toBe('')
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('random text and unique ids', () => {
  test('Random draws the given length from the alphabet, reproducibly with a seed', async () => {
    const a = await runCard(
      'text.random',
      { length: 32 },
      cardContext({ ports: { random: seededRandom(5) } }),
    )
    const b = await runCard(
      'text.random',
      { length: 32 },
      cardContext({ ports: { random: seededRandom(5) } }),
    )
    expect(a).toEqual(b)
    expect(a.output).toMatch(/^[A-Za-z0-9]{32}$/)
    expect((await runCard('text.random', {})).output).toHaveLength(16)
    expect((await runCard('text.random', { length: 50, characters: 'xy' })).output).toMatch(
      /^[xy]{50}$/,
    )
    expect((await runCard('text.random', { length: 0 })).output).toBe('')
  })

  test('Unique ID is a version 4 UUID from the random port', async () => {
    const a = await runCard(
      'text.uniqueId',
      {},
      cardContext({ ports: { random: seededRandom(3) } }),
    )
    expect(a.output).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(
      await runCard('text.uniqueId', {}, cardContext({ ports: { random: seededRandom(3) } })),
    ).toEqual(a)
    expect(
      await runCard('text.uniqueId', {}, cardContext({ ports: { random: seededRandom(4) } })),
    ).not.toEqual(a)
  })
})
