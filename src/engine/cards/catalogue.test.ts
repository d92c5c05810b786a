// Invariants of the whole card catalogue: ids and Okta keys, help, categories, fields, and that
// the function cards real Okta Workflows templates use all exist.
import { describe, expect, test } from 'vitest'
import { DATA_TYPES } from '../../definition'
import { cardCatalogue, cardSpecs, getCard } from './index'

const cards = cardCatalogue.list().flatMap((spec) => {
  const card = getCard(spec.id)
  return card ? [card] : []
})

/** Workflows' function card categories (okta-workflows.md §2); "HTTP" is the API Connector. */
const CATEGORIES = [
  'Branching',
  'Error Handling',
  'Flow Control',
  'Text',
  'Number',
  'True/False',
  'Date & Time',
  'Object',
  'File',
  'List',
  'Flows',
  'Folders',
  'Tables',
  'HTTP',
  'JSON',
  'XML',
  'URL',
  'Encryption',
  'JWT',
]

/** Cards that deliberately share an Okta key: Return and Return Outputs are both control:return. */
const SHARED_KEYS: Record<string, string[]> = {
  'control:return': ['flow.return', 'flow.returnOutputs'],
}

/**
 * The function cards used by okta/workflows-templates (flopack.md §3.1), without the plumbing
 * that is not a card (callable, noop, join, expand, http accept/delegated) and Export Flow.
 */
const TEMPLATE_KEYS = [
  ...['comment', 'return', 'continueIf', 'if', 'let', 'spawn', 'tryCatch', 'branch', 'assignIf']
    .concat(['run', 'throwIf', 'returnRaw', 'wait', 'times', 'throw', 'lookup', 'until'])
    .map((k) => `control:${k}`),
  ...['construct', 'pick', 'get', 'merge', 'set', 'values', 'map', 'clearEmpty', 'keys'].map(
    (k) => `object:${k}`,
  ),
  ...['construct', 'asyncEach', 'at', 'pluck', 'each', 'length', 'map', 'join', 'findBy']
    .concat(['filterBy', 'filter', 'flatten', 'includes', 'shift', 'pop', 'uniqueBy', 'reduce'])
    .concat(['intersection', 'sortBy', 'union', 'difference', 'collapse', 'push', 'sample'])
    .map((k) => `list:${k}`),
  ...['compose', 'concat', 'split', 'substr', 'toLowerCase', 'trim', 'match', 'replaceAny']
    .concat(['replace', 'length', 'lastIndexOf', 'base64Decode', 'base64', 'find', 'random'])
    .concat(['email'])
    .map((k) => `string:${k}`),
  ...['now', 'add', 'subtract', 'fromISO', 'format', 'diff', 'parse', 'unix', 'epoch'].map(
    (k) => `date:${k}`,
  ),
  'json:parse',
  'json:stringify',
  ...['multiply', 'divide', 'ceil', 'subtract', 'add', 'expression', 'round', 'random'].map(
    (k) => `math:${k}`,
  ),
  ...['compare', 'or', 'and', 'xor'].map((k) => `boolean:${k}`),
  'crypto:hmac',
  'url:encodeComponent',
  'jwt:sign',
  ...['raw', 'get', 'post', 'put', 'delete'].map((k) => `httpfunctions:${k}`),
]

/** Cards with effects (HTTP, helper flows, the clock, randomness, waiting) are never pure. */
const IMPURE_KEYS = new Set([
  'math:random',
  'string:random',
  'string:uuid',
  'list:sample',
  'date:now',
  'jwt:sign',
  'jwt:verify',
  'control:wait',
  'control:until',
])

describe('card catalogue', () => {
  test('ids are unique, well formed and reachable', () => {
    const ids = cards.map((card) => card.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(cards).toHaveLength(cardCatalogue.list().length)
    for (const card of cards) {
      expect(card.id).toMatch(/^[a-z]+\.[a-z][A-Za-z0-9]*$/)
      expect(getCard(card.id)).toBe(card)
    }
  })

  test('each Okta key belongs to one card, except the deliberate aliases', () => {
    const byKey = new Map<string, string[]>()
    for (const card of cards) {
      expect(card.oktaKey, card.id).toMatch(/^[a-z]+:[A-Za-z0-9]+$/)
      byKey.set(card.oktaKey, [...(byKey.get(card.oktaKey) ?? []), card.id])
    }
    const shared = Object.fromEntries([...byKey].filter(([, ids]) => ids.length > 1))
    expect(shared).toEqual(SHARED_KEYS)
  })

  test('every card has a name, help text and a Workflows category', () => {
    for (const card of cards) {
      expect(card.name.trim(), card.id).not.toBe('')
      expect(card.help.length, `${card.id} help`).toBeGreaterThan(20)
      expect(card.help, `${card.id} help`).toMatch(/[.)]$/)
      expect(CATEGORIES, card.id).toContain(card.category)
    }
  })

  test('input and output keys are unique per card and their types are data types', () => {
    const types = [...DATA_TYPES, 'any']
    for (const card of cards) {
      for (const fields of [card.inputs, card.outputs]) {
        const keys = fields.map((field) => field.key)
        expect(new Set(keys).size, `${card.id}: ${keys.join(', ')}`).toBe(keys.length)
        for (const field of fields) {
          expect(types, `${card.id}.${field.key}`).toContain(field.type)
          expect(field.key.trim(), card.id).toBe(field.key)
          expect(field.key, card.id).not.toBe('')
        }
      }
    }
  })

  test('every card can run: function cards have run, containers are run by the interpreter', () => {
    for (const card of cards) {
      if (card.container) expect(card.run, card.id).toBeUndefined()
      else expect(typeof card.run, card.id).toBe('function')
    }
  })

  test('cards that run helpers take extra inputs for them; no card with effects is pure', () => {
    for (const card of cards) {
      if (card.callsFlow) {
        expect(card.extensibleInputs, card.id).toBe(true)
        expect(card.pure, card.id).toBeFalsy()
      }
      if (card.category === 'HTTP' || IMPURE_KEYS.has(card.oktaKey)) {
        expect(card.pure, card.id).toBeFalsy()
      }
    }
  })

  test('the specs are plain data that survive JSON and structured cloning', () => {
    const specs = cardSpecs()
    expect(specs).toHaveLength(cards.length)
    expect(JSON.parse(JSON.stringify(specs))).toEqual(specs)
    expect(structuredClone(specs)).toEqual(specs)
    for (const spec of specs) expect(spec).not.toHaveProperty('run')
  })

  test('every function card the Workflows templates use exists', () => {
    const keys = new Set(cards.map((card) => card.oktaKey))
    expect(TEMPLATE_KEYS.filter((key) => !keys.has(key))).toEqual([])
  })
})
