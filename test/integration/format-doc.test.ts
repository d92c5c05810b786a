// docs/format.md is the format's reference: every complete example in it must pass the schema,
// and every property, kind, type and other enumerated value of schema.ts must be documented there.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { describe, expect, test } from 'vitest'
import {
  ConnectorSchema,
  FlowSchema,
  SCOPES_BY_KIND,
  WorkflowSchema,
  formatDiagnostic,
  loadProject,
  scopesForTrigger,
  type ProjectFiles,
  type Trigger,
} from '../../src/definition'
import { cardCatalogue } from '../../src/engine/cards'

const doc = readFileSync(join(import.meta.dirname, '../../docs/format.md'), 'utf8')

interface Example {
  path: string
  line: number
  text: string
}

/** Every `<!-- example: <path> -->` with the ```json block that follows it. */
function examples(markdown: string): Example[] {
  const found: Example[] = []
  const pattern = /<!--\s*example:\s*(.+?)\s*-->\s*\n```json\n([\s\S]*?)\n```/g
  for (const match of markdown.matchAll(pattern)) {
    const line = markdown.slice(0, match.index).split('\n').length
    found.push({ path: match[1] ?? '', line, text: match[2] ?? '' })
  }
  return found
}

function schemaFor(path: string): z.ZodType | undefined {
  if (path === 'connector.json') return ConnectorSchema
  if (path.startsWith('flows/') && path.endsWith('.json')) return FlowSchema
  if (path.startsWith('workflows/') && path.endsWith('.json')) return WorkflowSchema
  return undefined
}

/** Property names, enum values and literals anywhere inside a zod schema. */
function vocabulary(root: z.ZodType): { properties: Set<string>; values: Set<string> } {
  const properties = new Set<string>()
  const values = new Set<string>()
  const seen = new Set<unknown>()
  const visit = (schema: unknown): void => {
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return
    seen.add(schema)
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
    if (!def) return
    switch (def.type) {
      case 'object':
        for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
          properties.add(key)
          visit(value)
        }
        break
      case 'enum':
        for (const value of Object.values(def.entries as Record<string, string>)) values.add(value)
        break
      case 'literal':
        for (const value of def.values as unknown[]) values.add(String(value))
        break
      case 'lazy':
        visit((def.getter as () => unknown)())
        break
      default:
        for (const key of ['innerType', 'element', 'in', 'out', 'keyType', 'valueType']) {
          visit(def[key])
        }
        for (const key of ['options', 'items']) {
          if (Array.isArray(def[key])) for (const item of def[key]) visit(item)
        }
    }
  }
  visit(root)
  return { properties, values }
}

const found = examples(doc)

describe('docs/format.md examples', () => {
  test('there is a complete example of every flow kind and trigger type', () => {
    const kinds = new Set<string>()
    const triggers = new Set<string>()
    for (const example of found) {
      const value = JSON.parse(example.text) as { kind?: string; trigger?: { type?: string } }
      if (example.path.startsWith('flows/') && value.kind) kinds.add(value.kind)
      if (example.path.startsWith('workflows/') && value.trigger?.type) {
        triggers.add(value.trigger.type)
      }
    }
    expect([...kinds].sort()).toEqual([...vocabulary(FlowSchema.shape.kind).values].sort())
    const triggerTypes =
      FlowSchema && WorkflowSchema.shape.trigger.options.map((o) => o.shape.type.value)
    expect([...triggers].sort()).toEqual([...triggerTypes].sort())
  })

  test('every ```json block is a marked example', () => {
    const blocks = doc.match(/```json\n/g)?.length ?? 0
    expect(found.length, 'precede each ```json block with <!-- example: <path> -->').toBe(blocks)
  })

  test.each(found.map((e) => [`${e.path} (line ${e.line})`, e] as const))(
    '%s passes the schema',
    (_name, example) => {
      const schema = schemaFor(example.path)
      expect(
        schema,
        `"${example.path}" is not connector.json, flows/… or workflows/…`,
      ).toBeDefined()
      let value: unknown
      expect(
        () => (value = JSON.parse(example.text)),
        'the example is not valid JSON',
      ).not.toThrow()
      const result = schema?.safeParse(value)
      const issues = result?.error?.issues.map((i) => `/${i.path.join('/')}: ${i.message}`) ?? []
      expect(issues, `docs/format.md line ${example.line}`).toEqual([])
    },
  )

  test('together they are one project the validator finds no errors in', () => {
    // The first example of each path (the Basic connector, the Basic httpHelper) and all the rest.
    const files: ProjectFiles = {}
    for (const example of found) files[example.path] ??= example.text
    const errors = loadProject(files, cardCatalogue)
      .diagnostics.filter((d) => d.severity === 'error')
      .map(formatDiagnostic)
    expect(errors, 'examples in docs/format.md that the rules reject').toEqual([])
  })
})

describe('docs/format.md covers schema.ts', () => {
  const all = [ConnectorSchema, FlowSchema, WorkflowSchema].map(vocabulary)
  const properties = new Set(all.flatMap((v) => [...v.properties]))
  const values = new Set(all.flatMap((v) => [...v.values]))

  test('every property name is documented', () => {
    expect(properties.size).toBeGreaterThan(50)
    const missing = [...properties].filter((name) => !doc.includes(`\`${name}\``))
    expect(missing, 'document these properties in docs/format.md (as `name`)').toEqual([])
  })

  test('every kind, type, operator and other enumerated value is documented', () => {
    const missing = [...values].filter((value) => !doc.includes(`\`${value}\``))
    expect(missing, 'document these values in docs/format.md (as `value`)').toEqual([])
  })

  test('every name a reference may start with is documented', () => {
    const triggers = WorkflowSchema.shape.trigger.options.map(
      (o) => ({ type: o.shape.type.value }) as Trigger,
    )
    const names = new Set([
      ...Object.values(SCOPES_BY_KIND).flatMap((scopes) => scopes.map((s) => s.name)),
      ...triggers.flatMap((t) => scopesForTrigger(t).map((s) => s.name)),
      'error',
    ])
    const missing = [...names].filter((name) => !doc.includes(`\`=${name}\``))
    expect(missing, 'document these reference names in docs/format.md (as `=name`)').toEqual([])
  })
})
