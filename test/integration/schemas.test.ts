// The committed JSON Schemas (schemas/*.json) must be exactly what src/definition/schema.ts and the
// card catalogue generate today: a drifted copy fails here, with the command that fixes it.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { describe, expect, test } from 'vitest'
import { renderSchemas } from '../../src/cli/schemas'
import { ConnectorSchema, FlowSchema, WorkflowSchema } from '../../src/definition'

const schemasDir = join(import.meta.dirname, '../../schemas')
const FIX = 'run `npm run generate:schemas` and commit the result'

/** The generated text as the committed file holds it: after `prettier --write schemas`. */
async function formatted(file: string, text: string): Promise<string> {
  const path = join(schemasDir, file)
  return format(text, { ...(await resolveConfig(path)), filepath: path })
}

const generated = renderSchemas()

describe('committed JSON Schemas', () => {
  test('schemas/ holds exactly the generated files', () => {
    const committed = readdirSync(schemasDir).filter((f) => f.endsWith('.json'))
    expect(committed.sort(), `schemas/ differs from the generated set: ${FIX}`).toEqual(
      Object.keys(generated).sort(),
    )
  })

  test.each(Object.keys(generated))('schemas/%s is up to date with schema.ts', async (file) => {
    const path = join(schemasDir, file)
    expect(existsSync(path), `schemas/${file} is missing: ${FIX}`).toBe(true)
    const expected = await formatted(file, generated[file] ?? '')
    const actual = readFileSync(path, 'utf8')
    // Compare the data first, for a readable diff; then the text, so formatting drift fails too.
    expect(JSON.parse(actual), `schemas/${file} is out of date: ${FIX}`).toEqual(
      JSON.parse(expected),
    )
    expect(actual === expected, `schemas/${file} is not formatted as generated: ${FIX}`).toBe(true)
  })

  test('the schemas describe the three file kinds and offer card ids', () => {
    const connector = JSON.parse(generated['connector.schema.json'] ?? '{}')
    const flow = JSON.parse(generated['flow.schema.json'] ?? '{}')
    const workflow = JSON.parse(generated['workflow.schema.json'] ?? '{}')
    expect(Object.keys(connector.properties)).toEqual(Object.keys(ConnectorSchema.shape))
    expect(Object.keys(flow.properties)).toEqual(Object.keys(FlowSchema.shape))
    expect(Object.keys(workflow.properties)).toEqual(Object.keys(WorkflowSchema.shape))
    for (const text of [generated['flow.schema.json'], generated['workflow.schema.json']]) {
      expect(text).toContain('"examples"')
      expect(text).toContain('"flow.call"')
    }
  })
})
