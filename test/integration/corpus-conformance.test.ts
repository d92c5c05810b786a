// Checks the card catalogue against real Okta Workflows exports: every function card
// (`root:kernel:<module>:<version>:<key>`) used by the MIT-licensed corpus in
// ../shared/corpus/okta-exports-mit (JacobDWaters/Okta-Workflows, see its license.md) must map,
// as `module:key`, to a catalogue card's oktaKey — apart from the internal plumbing listed below.
// Embedded flows (If/ElseIf and If Error bodies, old For Each helpers) are walked too.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { cardSpecs } from '../../src/engine'

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/okta-exports-mit/', import.meta.url))

/** Kernel ids that are not function cards: triggers and plumbing the playground models otherwise. */
const NOT_CARDS: Record<string, string> = {
  'control:callable':
    'the Helper Flow / Scheduled Flow trigger; a playground flow’s kind and inputs',
  'control:noop': 'the head of an If/Else branch, or the start of a flow without a trigger',
  'control:join': 'merges If/Else branches; the playground’s If/Else holds then/else step lists',
  'object:expand': 'a hidden, auto-inserted path extractor; playground references read paths',
  'http:accept': 'the API Endpoint trigger; a playground flow receives headers/body/query as input',
  'http:delegated': 'the Delegated Flow trigger; not a card users place',
}

/** Kernel ids that name the same card as another key. */
const SAME_CARD: Record<string, string> = {
  // Connector Builder flows carry Raw Request as a kernel card; Workflows flows as the API
  // Connector's httpfunctions card. Same inputs (url, method, headers, query, body) and outputs.
  'http:raw': 'httpfunctions:raw',
}

/** Real cards the playground does not model yet, each with the reason. */
const NOT_YET: Record<string, string> = {
  'utility:exportFlo':
    'Export Flow outputs the Workflows export JSON of a flow; cards cannot read the project',
}

const EXPORT = /\.(flopack|folder|flow)$/

function exportFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return exportFiles(path)
    return EXPORT.test(entry.name) ? [path] : []
  })
}

/**
 * Every kernel card address in an export, wherever it sits: top-level methods, flows embedded in
 * inputs (value.type "flo" with an object value) and in policy.error.flo, all reached by walking
 * the whole JSON tree.
 */
function kernelAddresses(value: unknown, found: Map<string, number>): void {
  if (Array.isArray(value)) {
    for (const item of value) kernelAddresses(item, found)
    return
  }
  if (value === null || typeof value !== 'object') return
  const record = value as Record<string, unknown>
  const address = record.address
  if (typeof address === 'string' && address.startsWith('root:kernel:') && 'node' in record) {
    found.set(address, (found.get(address) ?? 0) + 1)
  }
  for (const inner of Object.values(record)) kernelAddresses(inner, found)
}

/** `root:kernel:<module>:<version>:<key>` → `module:key`. */
function oktaKey(address: string): string {
  const [, , module = '', , key = ''] = address.split(':')
  return `${module}:${key}`
}

const present = existsSync(CORPUS)

// Without the corpus the suite is skipped, and its name says where the corpus was expected.
describe.skipIf(!present)(
  `corpus conformance (Okta Workflows exports expected at ${CORPUS})`,
  () => {
    const files = present ? exportFiles(CORPUS) : []
    const addresses = new Map<string, number>()
    for (const file of files) {
      kernelAddresses(JSON.parse(readFileSync(file, 'utf8')) as unknown, addresses)
    }
    const keys = new Map<string, number>()
    for (const [address, count] of addresses) {
      const key = oktaKey(address)
      keys.set(key, (keys.get(key) ?? 0) + count)
    }
    const catalogue = new Set(cardSpecs().map((spec) => spec.oktaKey))
    const covered = (key: string) => catalogue.has(SAME_CARD[key] ?? key)

    test('the corpus holds exports with kernel cards', () => {
      expect(files.length).toBeGreaterThan(10)
      expect(addresses.size).toBeGreaterThan(20)
      for (const address of addresses.keys()) {
        expect(address).toMatch(/^root:kernel:[A-Za-z]+:[\d.]+:[A-Za-z]+$/)
      }
    })

    test('every kernel card of the corpus is a catalogue card, apart from documented exceptions', () => {
      const uncovered = [...keys.keys()].filter((key) => !covered(key)).sort()
      const coveredKeys = [...keys.keys()].filter(covered)
      console.log(
        `corpus conformance: ${files.length} export files, ${addresses.size} distinct kernel addresses (${keys.size} module:key ids), ${coveredKeys.length} covered by catalogue cards, ${uncovered.length} not: ${
          uncovered
            .map(
              (key) =>
                `${key} (${NOT_CARDS[key] ? 'not a card' : NOT_YET[key] ? 'not yet' : 'MISSING'})`,
            )
            .join(', ') || 'none'
        }`,
      )
      const missing = uncovered.filter((key) => !NOT_CARDS[key] && !NOT_YET[key])
      expect(missing, 'kernel cards with no catalogue card').toEqual([])
    })

    test('the exception lists stay current', () => {
      for (const key of [...Object.keys(NOT_CARDS), ...Object.keys(NOT_YET)]) {
        expect(catalogue.has(key), `${key} is a catalogue card now; drop it from the list`).toBe(
          false,
        )
      }
      for (const [key, target] of Object.entries(SAME_CARD)) {
        expect(catalogue.has(target), `${key} maps to ${target}, which must be a card`).toBe(true)
      }
    })
  },
)
