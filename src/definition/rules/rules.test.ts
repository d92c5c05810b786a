// Table-driven rule tests. Every diagnostic code has two small projects under
// test/fixtures/rules/<CODE>/: fail/ (its expected.json lists the diagnostics of that code that
// must appear, with file, 1-based line and a message substring, and no others of that code may)
// and pass/ (no diagnostic of that code; pass projects are clean of every diagnostic). Container
// cards are not in the catalogue yet, so their rules are covered with a catalogue made here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cardCatalogue, cardSpecs, catalogueFromSpecs } from '../../engine/cards'
import type { CardSpec } from '../card-spec'
import { DIAGNOSTIC_CODES } from '../codes'
import { formatDiagnostic, type Diagnostic } from '../diagnostics'
import { loadProject } from '../load-project'
import type { ProjectFiles } from '../project'
import { RULES } from './index'

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/rules')
const TEMPLATE = join(import.meta.dirname, '../../../fixtures/templates/acme-hr')
/** Codes whose fixtures live elsewhere: invalid JSON (json-source tests) and rule crashes. */
const NO_FIXTURES = new Set(['JSON001', 'INTERNAL'])

interface Expected {
  code: string
  file: string
  line: number
  message: string
}

function readProject(dir: string, skip: readonly string[] = []): ProjectFiles {
  const files: ProjectFiles = {}
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path)
      else if (!skip.includes(path)) files[path] = readFileSync(join(dir, path), 'utf8')
    }
  }
  walk('')
  return files
}

const fixtureCodes = readdirSync(FIXTURES)
  .filter((name) => statSync(join(FIXTURES, name)).isDirectory())
  .sort()

const show = (diagnostics: readonly Diagnostic[]) => diagnostics.map(formatDiagnostic).join('\n')

describe.each(fixtureCodes)('%s', (code) => {
  test('fail: the expected diagnostics, and no others of this code', () => {
    const dir = join(FIXTURES, code, 'fail')
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[]
    expect(expected.length).toBeGreaterThan(0)
    const project = loadProject(readProject(dir, ['expected.json']), cardCatalogue)
    const ofCode = project.diagnostics.filter((d) => d.code === code)
    for (const want of expected) {
      expect(want.code).toBe(code)
      const match = ofCode.find(
        (d) =>
          d.file === want.file &&
          d.range.startLine === want.line &&
          d.message.includes(want.message),
      )
      expect(match, `${JSON.stringify(want)} not among:\n${show(ofCode)}`).toBeDefined()
      expect(match?.severity).toBe(
        code === 'TRG004' && want.message.includes('endDate')
          ? 'error'
          : DIAGNOSTIC_CODES[code]?.severity,
      )
    }
    expect(ofCode.length, show(ofCode)).toBe(expected.length)
    expect(show(project.diagnostics.filter((d) => d.code === 'INTERNAL'))).toBe('')
    expect(project.ok).toBe(!project.diagnostics.some((d) => d.severity === 'error'))
  })

  test('pass: no diagnostic at all', () => {
    const project = loadProject(readProject(join(FIXTURES, code, 'pass')), cardCatalogue)
    expect(project.diagnostics.filter((d) => d.code === code)).toEqual([])
    expect(show(project.diagnostics)).toBe('')
    expect(project.ok).toBe(true)
  })
})

describe('the codes registry', () => {
  test('every code that a project can trigger has a fail and a pass fixture', () => {
    const needed = Object.keys(DIAGNOSTIC_CODES)
      .filter((code) => !NO_FIXTURES.has(code))
      .sort()
    expect(fixtureCodes).toEqual(needed)
    for (const code of needed) {
      expect(statSync(join(FIXTURES, code, 'fail', 'expected.json')).isFile()).toBe(true)
      expect(statSync(join(FIXTURES, code, 'pass', 'connector.json')).isFile()).toBe(true)
    }
  })

  test('rule codes are unique, and every code has a title and an explanation', () => {
    const codes = RULES.map((r) => r.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const [code, info] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(code).toMatch(/^([A-Z]+\d{3}|CBDE\d{6}H|INTERNAL)$/)
      expect(['error', 'warning', 'info']).toContain(info.severity)
      expect(info.title.length, code).toBeGreaterThan(5)
      expect(info.explanation.length, code).toBeGreaterThan(20)
    }
    for (const code of ['JSON001', 'SCHEMA001', 'PROJ001', 'PROJ002', 'CBDE000002H', 'INTERNAL']) {
      expect(DIAGNOSTIC_CODES[code]).toBeDefined()
    }
  })

  test('the CBDE titles are Connector Builder’s own messages', () => {
    expect(DIAGNOSTIC_CODES.CBDE000003H?.title).toBe(
      'Name of the flow contains a prohibited character.',
    )
    expect(DIAGNOSTIC_CODES.CBDE000008H?.title).toBe('Input or output fields were not found.')
  })
})

describe('templates', () => {
  test('acme-hr has no error diagnostics', () => {
    const project = loadProject(readProject(TEMPLATE), cardCatalogue)
    expect(show(project.diagnostics.filter((d) => d.severity === 'error'))).toBe('')
    expect(project.ok).toBe(true)
  })
})

// ─── Container cards (none in the catalogue yet) ────────────────────────────────────────────

const container = (id: string, kind: CardSpec['container']): CardSpec => ({
  id,
  name: id,
  category: 'Branching',
  oktaKey: `test:${id}`,
  help: '',
  inputs: [],
  outputs: [],
  container: kind,
})
const withContainers = catalogueFromSpecs([
  ...cardSpecs(),
  container('test.ifError', 'tryCatch'),
  container('test.ifElse', 'ifElse'),
  container('test.branch', 'branch'),
])

function loadSteps(steps: unknown[]) {
  const flow = {
    name: 'Main',
    kind: 'action',
    inputs: [{ key: 'id', type: 'text' }],
    steps,
  }
  return loadProject(
    {
      'connector.json': JSON.stringify({ name: 'C', key: 'c', baseUrl: 'https://api.example' }),
      'flows/Main.json': JSON.stringify(flow, null, 2),
    },
    withContainers,
  ).diagnostics
}

const codesAt = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.pointer}`)

describe('container cards', () => {
  test('If Error: the catch list may read =error, the try list may not', () => {
    const diagnostics = loadSteps([
      {
        id: 'guard',
        card: 'test.ifError',
        try: [{ id: 'a', card: 'flow.assign', inputs: { x: '=error.message' } }],
        catch: [{ id: 'b', card: 'flow.assign', inputs: { x: '=error.message', y: '=input.id' } }],
      },
    ])
    expect(codesAt(diagnostics)).toEqual(['REF001 /steps/0/try/0/inputs/x'])
  })

  test('a container with the wrong lists, or without its main list, is CARD006', () => {
    const diagnostics = loadSteps([
      { id: 'a', card: 'test.ifElse', try: [] },
      { id: 'b', card: 'test.branch', else: [] },
      { id: 'c', card: 'test.ifError', try: [], catch: [] },
    ])
    expect(diagnostics.map((d) => `${d.code} ${d.pointer}: ${d.message}`)).toEqual([
      'CARD006 /steps/0: test.ifElse needs its "then" step list',
      'CARD006 /steps/0/try: test.ifElse holds "then" and "else" step lists, not "try"',
      'CARD006 /steps/1: test.branch needs its "branches" step list',
    ])
  })

  test('steps inside a finished container, the container itself, and later steps are not visible', () => {
    const diagnostics = loadSteps([
      {
        id: 'check',
        card: 'test.ifElse',
        then: [{ id: 'inner', card: 'flow.assign', inputs: { x: '=check.result', y: '=after.x' } }],
      },
      { id: 'after', card: 'flow.assign', inputs: { x: '=inner.x', self: '=after.x' } },
    ])
    expect(diagnostics.map((d) => `${d.pointer}: ${d.message}`)).toEqual([
      '/steps/0/then/0/inputs/x: Reference "=check.result": step "check" contains this step; its outputs exist only after it finishes',
      '/steps/0/then/0/inputs/y: Reference "=after.x": step "after" is a later step; a card can only read the cards before it',
      '/steps/1/inputs/x: Reference "=inner.x": step "inner" is inside a container\'s step list that has finished; only the container\'s own outputs are visible after it',
      '/steps/1/inputs/self: Reference "=after.x": step "after" cannot read its own outputs',
    ])
  })

  test('branch conditions are checked, and a Return ends only the rest of its own list', () => {
    const diagnostics = loadSteps([
      {
        id: 'route',
        card: 'test.branch',
        branches: [
          {
            when: { left: '=input.idd', operator: '==', right: '=nope' },
            steps: [
              { id: 'stop', card: 'flow.return', inputs: {} },
              { id: 'dead', card: 'flow.assign', inputs: {} },
            ],
          },
        ],
        else: [{ id: 'alive', card: 'flow.assign', inputs: {} }],
      },
      { id: 'next', card: 'flow.assign', inputs: {} },
    ])
    expect(codesAt(diagnostics)).toEqual([
      'REF002 /steps/0/branches/0/when/left',
      'REF001 /steps/0/branches/0/when/right',
      'STEP002 /steps/0/branches/0/steps/1/id',
    ])
  })
})

describe('messages', () => {
  test('a flow name with a prohibited character names the character', () => {
    const project = loadProject(
      {
        'connector.json': JSON.stringify({ name: 'C', key: 'c', baseUrl: 'https://api.example' }),
        'flows/a.json': JSON.stringify({ name: 'Get/Item', kind: 'action', steps: [] }),
      },
      cardCatalogue,
    )
    expect(project.diagnostics.map((d) => d.message)).toEqual([
      'Name of the flow contains a prohibited character: "Get/Item" contains "/" (use letters, numbers and spaces)',
    ])
  })
})
