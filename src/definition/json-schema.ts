// JSON Schemas for the editor, generated from the zod schema source (schema.ts), so the markers
// and completions Monaco shows can never disagree with the validator the engine uses.
import { z } from 'zod'
import type { CardCatalogue } from './card-spec'
import { ConnectorSchema, FlowSchema, WorkflowSchema } from './schema'

export type JsonSchema = Record<string, unknown>

export function connectorJsonSchema(): JsonSchema {
  return z.toJSONSchema(ConnectorSchema, { unrepresentable: 'any' }) as JsonSchema
}

/** Offers the catalogue's card ids as completions wherever a step's `card` appears. */
function withCardExamples(schema: JsonSchema, catalogue: CardCatalogue): JsonSchema {
  const cards = catalogue.list()
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const record = node as Record<string, unknown>
    const properties = record.properties as Record<string, JsonSchema> | undefined
    if (properties?.card && properties.inputs) {
      properties.card = {
        ...properties.card,
        examples: cards.map((c) => c.id),
        markdownDescription: cards.map((c) => `- \`${c.id}\` — ${c.name}: ${c.help}`).join('\n'),
      }
    }
    for (const value of Object.values(record)) visit(value)
  }
  visit(schema)
  return schema
}

/** The flow schema, with the catalogue's card ids offered as completions for `card`. */
export function flowJsonSchema(catalogue: CardCatalogue): JsonSchema {
  return withCardExamples(
    z.toJSONSchema(FlowSchema, { unrepresentable: 'any' }) as JsonSchema,
    catalogue,
  )
}

/** The consumer-flow (workflows/*.json) schema, with card ids offered as for flows. */
export function workflowJsonSchema(catalogue: CardCatalogue): JsonSchema {
  return withCardExamples(
    z.toJSONSchema(WorkflowSchema, { unrepresentable: 'any' }) as JsonSchema,
    catalogue,
  )
}
