// Covers loadProject's diagnostics (syntax, schema, semantic checks), the template, and the JSON Schemas.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cardCatalogue } from '../engine'
import type { Diagnostic } from './diagnostics'
import { formatDiagnostic, hasErrors } from './diagnostics'
import { connectorJsonSchema, flowJsonSchema } from './json-schema'
import { loadProject } from './load-project'
import type { ProjectFiles } from './project'

const CONNECTOR = JSON.stringify(
  { name: 'Test', key: 'test', baseUrl: 'https://hr.example/api/v1' },
  null,
  2,
)

function flowText(name: string, steps: unknown[], kind = 'action'): string {
  return JSON.stringify({ name, kind, steps }, null, 2)
}

function load(flows: Record<string, string>, connector: string | null = CONNECTOR) {
  const files: ProjectFiles = connector === null ? {} : { 'connector.json': connector }
  for (const [name, text] of Object.entries(flows)) files[`flows/${name}.json`] = text
  return loadProject(files, cardCatalogue)
}

/** The one diagnostic (of `code`, when given: other rules may also have something to say). */
function only(diagnostics: Diagnostic[], code?: string): Diagnostic {
  if (code !== undefined) diagnostics = diagnostics.filter((d) => d.code === code)
  expect(diagnostics).toHaveLength(1)
  const [first] = diagnostics
  if (!first) throw new Error('no diagnostic')
  return first
}

/** The 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle))
  expect(index).toBeGreaterThanOrEqual(0)
  return index + 1
}

function readTemplate(id: string): ProjectFiles {
  const dir = join(import.meta.dirname, '../../fixtures/templates', id)
  const files: ProjectFiles = {}
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path)
      else files[path] = readFileSync(join(dir, path), 'utf8')
    }
  }
  walk('')
  return files
}

describe('templates', () => {
  test('the acme-hr template loads with no errors', () => {
    const files = readTemplate('acme-hr')
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['connector.json', 'flows/List Users.json', 'flows/httpHelper.json']),
    )
    const project = loadProject(files, cardCatalogue)
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(project.ok).toBe(true)
    expect(project.connector?.key).toBe('acmehr_R7Q2KD9MZX')
    expect(project.connector?.authentication?.type).toBe('basic')
    expect([...project.flows.keys()]).toEqual(expect.arrayContaining(['List Users', 'httpHelper']))
    expect(project.flows.get('httpHelper')?.file).toBe('flows/httpHelper.json')
    expect(project.flows.get('List Users')?.flow.steps.map((s) => s.id)).toEqual([
      'query',
      'call',
      'done',
    ])
  })
})

describe('syntax', () => {
  test('a missing comma on line 3 is JSON001 at line 3, column 3', () => {
    const text = '{\n  "name": "Main"\n  "kind": "action",\n  "steps": []\n}\n'
    const project = load({ Main: text })
    const d = only(project.diagnostics)
    expect(d.code).toBe('JSON001')
    expect(d.file).toBe('flows/Main.json')
    expect(d.range).toEqual({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 })
    expect(formatDiagnostic(d)).toBe(
      'flows/Main.json:3:3 JSON001 Expected a comma between entries (invalid JSON)',
    )
    expect(project.ok).toBe(false)
    expect(project.flows.size).toBe(0)
  })

  test('an empty connector.json is reported and nothing throws', () => {
    const project = load({ Main: flowText('Main', []) }, '')
    expect(project.connector).toBeUndefined()
    expect(project.diagnostics.map((d) => [d.code, d.file, d.message])).toContainEqual([
      'JSON001',
      'connector.json',
      'The file is empty; expected a JSON object',
    ])
    expect(project.flows.has('Main')).toBe(true)
  })

  test('a broken flow does not stop the others from loading', () => {
    const project = load({ Bad: '{', Good: flowText('Good', []) })
    expect(project.diagnostics.every((d) => d.file === 'flows/Bad.json')).toBe(true)
    expect(project.diagnostics.length).toBeGreaterThan(0)
    expect([...project.flows.keys()]).toEqual(['Good'])
  })

  test('files outside the format are ignored; JSON ones are a PROJ002 warning', () => {
    const project = loadProject(
      {
        'connector.json': CONNECTOR,
        'README.md': '# not json',
        'flows/notes.txt': 'not json',
        'other/x.json': '{',
        'flows/Main.json': flowText('Main', []),
      },
      cardCatalogue,
    )
    expect(project.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['PROJ002', 'warning', 'other/x.json'],
    ])
    expect(project.ok).toBe(true)
    expect([...project.flows.keys()]).toEqual(['Main'])
  })

  test('a project without connector.json is PROJ001', () => {
    const project = load({ Main: flowText('Main', []) }, null)
    const d = only(project.diagnostics)
    expect(d.code).toBe('PROJ001')
    expect(d.file).toBe('connector.json')
    expect(project.ok).toBe(false)
  })
})

describe('schema', () => {
  test('an invalid flow kind is CBDE000002H with a pointer and range on the value', () => {
    const text = '{\n  "name": "Main",\n  "kind": "bogus",\n  "steps": []\n}'
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('CBDE000002H')
    expect(d.pointer).toBe('/kind')
    expect(d.range).toEqual({ startLine: 3, startColumn: 11, endLine: 3, endColumn: 18 })
    expect(d.message).toMatch(/^Flow has a forbidden or unrecognized event card: /)
    expect(d.message).toContain('action')
  })

  test('a trigger in a connector flow is CBDE000002H at the trigger', () => {
    const text = '{\n  "name": "Main",\n  "trigger": { "type": "manual" },\n  "steps": []\n}'
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('CBDE000002H')
    expect(d.pointer).toBe('/trigger')
    expect(d.range.startLine).toBe(3)
  })

  test('an invalid enum value elsewhere is SCHEMA001 with a pointer and range on the value', () => {
    const text = flowText('Main', [{ id: 'a', card: 'flow.assign', errorHandling: { then: 'x' } }])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('SCHEMA001')
    expect(d.pointer).toBe('/steps/0/errorHandling/then')
    expect(d.range.startLine).toBe(lineOf(text, '"then": "x"'))
    expect(d.message).toContain('"halt"')
  })

  test('an unknown property names the property and points at it', () => {
    const text = '{\n  "name": "Main",\n  "kind": "action",\n  "colour": "red",\n  "steps": []\n}'
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('SCHEMA001')
    expect(d.message).toBe('Unknown property "colour"')
    expect(d.pointer).toBe('/colour')
    expect(d.range.startLine).toBe(4)
  })

  test('an unknown property of a step points at the property', () => {
    const text = flowText('Main', [{ id: 'a', card: 'flow.assign', input: {} }])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.message).toBe('Unknown property "input"')
    expect(d.pointer).toBe('/steps/0/input')
    expect(d.range.startLine).toBe(lineOf(text, '"input": {}'))
  })

  test('a missing required property is reported on the containing object', () => {
    const text = '{\n  "name": "Main",\n  "kind": "action"\n}'
    const d = only(load({ Main: text }).diagnostics)
    expect(d.message).toBe('Missing required property "steps"')
    expect(d.pointer).toBe('/steps')
    expect(d.range).toEqual({ startLine: 1, startColumn: 1, endLine: 4, endColumn: 2 })
  })

  // BUG: zod 4 leaves issue.input unset, so load-project.ts reports every wrong type as "missing".
  test.each<[string, string]>([
    ['"name": 5', '/name'],
    ['"steps": "none"', '/steps'],
  ])('a value of the wrong type (%s) is not reported as missing', (property, pointer) => {
    const base: Record<string, string> = {
      '/name': '"name": "Main"',
      '/steps': '"steps": []',
    }
    base[pointer] = property
    const text = `{ ${base['/name']}, "kind": "action", ${base['/steps']} }`
    const d = only(load({ Main: text }).diagnostics)
    expect(d.pointer).toBe(pointer)
    expect(d.message).not.toContain('Missing required property')
    expect(d.message).toMatch(/expected (string|array)/)
  })

  test('a bad step id is located at the id', () => {
    const text = flowText('Main', [{ id: '1bad', card: 'flow.assign' }])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.pointer).toBe('/steps/0/id')
    expect(d.range.startLine).toBe(lineOf(text, '"1bad"'))
    expect(d.message).toContain('starts with a letter or underscore')
  })

  test('connector.json schema problems are located in connector.json', () => {
    const text = '{\n  "name": "C",\n  "key": "Not Valid",\n  "baseUrl": "nope"\n}'
    const project = load({ Main: flowText('Main', []) }, text)
    expect(project.connector).toBeUndefined()
    expect(project.diagnostics.map((d) => [d.code, d.file, d.pointer, d.range.startLine])).toEqual([
      ['SCHEMA001', 'connector.json', '/key', 3],
      ['SCHEMA001', 'connector.json', '/baseUrl', 4],
    ])
  })

  test('a connector with an unknown authentication type is located at the type', () => {
    const text = JSON.stringify({
      name: 'C',
      key: 'c',
      baseUrl: 'https://hr.example',
      authentication: { type: 'kerberos' },
    })
    const d = only(load({ Main: flowText('Main', []) }, text).diagnostics)
    expect(d.pointer).toBe('/authentication/type')
  })
})

describe('semantic checks', () => {
  test('two active action flows with the same name are CBDE000001H on the second', () => {
    const project = load({ A: flowText('Same', []), B: flowText('Same', []) })
    const d = only(project.diagnostics)
    expect(d.code).toBe('CBDE000001H')
    expect(d.file).toBe('flows/B.json')
    expect(d.pointer).toBe('/name')
    expect(d.message).toMatch(/^Names of two or more active flows are duplicates/)
  })

  test('two flows with the same name are FLOW001 on the second', () => {
    const project = load({
      A: flowText('Same', [], 'helper'),
      B: flowText('Same', [], 'helper'),
      Main: flowText('Main', []),
    })
    const d = only(project.diagnostics)
    expect(d.code).toBe('FLOW001')
    expect(d.file).toBe('flows/B.json')
    expect(d.pointer).toBe('/name')
    expect(d.message).toBe('Another flow is already named "Same" (flows/A.json)')
    expect(d.range.startLine).toBe(2)
    expect(project.flows.get('Same')?.file).toBe('flows/A.json')
  })

  test('a step id used twice is STEP001 on the second use, nested steps included', () => {
    const text = flowText('Main', [
      { id: 'a', card: 'flow.assign' },
      { id: 'b', card: 'flow.assign', try: [{ id: 'a', card: 'flow.assign' }] },
    ])
    const d = only(load({ Main: text }).diagnostics, 'STEP001')
    expect(d.code).toBe('STEP001')
    expect(d.pointer).toBe('/steps/1/try/0/id')
    expect(d.message).toBe('Step id "a" is used twice in this flow')
    const lines = text.split('\n')
    expect(lines[d.range.startLine - 1]).toContain('"id": "a"')
    expect(d.range.startLine).toBeGreaterThan(lineOf(text, '"id": "b"'))
  })

  test('the same step id in two different flows is fine', () => {
    const project = load({
      A: flowText('A', [{ id: 'x', card: 'flow.assign' }]),
      B: flowText('B', [{ id: 'x', card: 'flow.assign' }]),
    })
    expect(project.diagnostics).toEqual([])
  })

  test('an unknown card is CARD001 located at /steps/N/card', () => {
    const text = flowText('Main', [
      { id: 'a', card: 'flow.assign' },
      { id: 'b', card: 'text.shout' },
    ])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('CARD001')
    expect(d.pointer).toBe('/steps/1/card')
    expect(d.message).toMatch(/^Unknown card "text.shout"/)
    const line = lineOf(text, '"text.shout"')
    const column = (text.split('\n')[line - 1]?.indexOf('"text.shout"') ?? -1) + 1
    expect(d.range).toEqual({
      startLine: line,
      startColumn: column,
      endLine: line,
      endColumn: column + '"text.shout"'.length,
    })
  })

  test('an unknown card in nested steps is located there', () => {
    const text = flowText('Main', [
      {
        id: 'a',
        card: 'flow.assign',
        branches: [
          { when: { left: 1, operator: '==', right: 1 }, steps: [{ id: 'n', card: 'nope' }] },
        ],
      },
    ])
    const diagnostics = load({ Main: text }).diagnostics
    expect(only(diagnostics, 'CARD001').pointer).toBe('/steps/0/branches/0/steps/0/card')
    // Assign is not a container: its step list is reported too.
    expect(only(diagnostics, 'CARD006').pointer).toBe('/steps/0/branches')
  })

  test('Call Flow without a flow is CARD002 on the step', () => {
    const text = flowText('Main', [{ id: 'call', card: 'flow.call', inputs: {} }])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('CARD002')
    expect(d.pointer).toBe('/steps/0')
    expect(d.message).toBe('Call Flow needs a "flow": the helper flow to run')
  })

  test('Call Flow to a missing flow is FLOW002 on the flow field', () => {
    const text = flowText('Main', [{ id: 'call', card: 'flow.call', flow: 'ghost' }])
    const d = only(load({ Main: text }).diagnostics)
    expect(d.code).toBe('FLOW002')
    expect(d.pointer).toBe('/steps/0/flow')
    expect(d.message).toBe('No flow is named "ghost"')
    expect(d.range.startLine).toBe(lineOf(text, '"ghost"'))
  })

  test('Call Flow to an existing flow, including itself, is fine', () => {
    const project = load({
      Main: flowText('Main', [{ id: 'call', card: 'flow.call', flow: 'Helper' }]),
      Helper: flowText('Helper', [{ id: 'me', card: 'flow.call', flow: 'Helper' }], 'helper'),
    })
    expect(project.diagnostics).toEqual([])
  })

  test.each<[unknown, string, string[]]>([
    [{ text: 'x' }, '', []],
    [{}, '/steps/0/inputs', ['text']],
    [undefined, '/steps/0', ['text']],
  ])('text.base64 with inputs %j', (inputs, pointer, missing) => {
    const step: Record<string, unknown> = { id: 'enc', card: 'text.base64' }
    if (inputs !== undefined) step.inputs = inputs
    const use = { id: 'use', card: 'flow.assign', inputs: { encoded: '=enc.output' } }
    const diagnostics = load({ Main: flowText('Main', [step, use]) }).diagnostics
    expect(diagnostics.map((d) => d.code)).toEqual(missing.map(() => 'CARD003'))
    for (const d of diagnostics) {
      expect(d.pointer).toBe(pointer)
      expect(d.message).toBe('Base64 needs the input "text"')
    }
  })

  test('every missing required input is reported', () => {
    const text = flowText('Main', [{ id: 'req', card: 'http.rawRequest', inputs: { body: {} } }])
    const diagnostics = load({ Main: text }).diagnostics
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Raw Request needs the input "url"',
      'Raw Request needs the input "method"',
    ])
    expect(hasErrors(diagnostics)).toBe(true)
  })
})

describe('JSON Schemas', () => {
  function findCardProperty(node: unknown): Record<string, unknown> | undefined {
    if (!node || typeof node !== 'object') return undefined
    const record = node as Record<string, unknown>
    const properties = record.properties as Record<string, Record<string, unknown>> | undefined
    if (properties?.card && properties.inputs) return properties.card
    for (const value of Object.values(record)) {
      const found = findCardProperty(value)
      if (found) return found
    }
    return undefined
  }

  test('flowJsonSchema offers the catalogue card ids as examples for "card"', () => {
    const schema = flowJsonSchema(cardCatalogue)
    const card = findCardProperty(schema)
    expect(card?.examples).toEqual(cardCatalogue.list().map((c) => c.id))
    expect(card?.examples).toContain('http.rawRequest')
    expect(card?.type).toBe('string')
    expect(String(card?.markdownDescription)).toContain('`object.merge` — Merge:')
    expect((schema.properties as Record<string, unknown>).kind).toBeDefined()
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'kind', 'steps']))
  })

  test('flowJsonSchema uses the catalogue it is given', () => {
    const catalogue = {
      get: () => undefined,
      list: () => [
        {
          id: 'only.one',
          name: 'One',
          category: 'X',
          oktaKey: 'x:y',
          help: 'h',
          inputs: [],
          outputs: [],
        },
      ],
    }
    expect(findCardProperty(flowJsonSchema(catalogue))?.examples).toEqual(['only.one'])
  })

  test('connectorJsonSchema is an object schema with a name property', () => {
    const schema = connectorJsonSchema()
    expect(schema.type).toBe('object')
    const properties = schema.properties as Record<string, Record<string, unknown>>
    expect(properties.name?.type).toBe('string')
    expect(properties.baseUrl).toBeDefined()
    expect(schema.additionalProperties).toBe(false)
  })
})
