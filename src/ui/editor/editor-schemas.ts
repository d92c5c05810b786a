// The JSON Schemas Monaco validates and completes project files with, built once from the zod
// schema source when the editor chunk loads (so zod's JSON Schema generator stays out of the
// entry). Card ids are not listed here: the language services complete them, with more context.
import {
  catalogueFromSpecs,
  connectorJsonSchema,
  flowJsonSchema,
  workflowJsonSchema,
  type JsonSchema,
} from '../../definition'

function withoutCardExamples(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    const properties = (node as Record<string, unknown>).properties as
      Record<string, Record<string, unknown>> | undefined
    const card = properties?.card
    if (card && properties.inputs) {
      const { examples: _examples, markdownDescription: _long, ...rest } = card
      properties.card = rest
    }
    for (const value of Object.values(node)) visit(value)
  }
  visit(schema)
  return schema
}

const none = catalogueFromSpecs([])

export const EDITOR_SCHEMAS = {
  connector: connectorJsonSchema(),
  flow: withoutCardExamples(flowJsonSchema(none)),
  workflow: withoutCardExamples(workflowJsonSchema(none)),
}
