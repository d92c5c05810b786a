// The committed JSON Schemas (schemas/*.json), generated from the zod schema source. Editors and
// other tools outside the playground can point `$schema` at them.
import {
  connectorJsonSchema,
  flowJsonSchema,
  workflowJsonSchema,
  type JsonSchema,
} from '../definition'
import { cardCatalogue } from '../engine/cards'

export const SCHEMA_FILES: Readonly<Record<string, () => JsonSchema>> = {
  'connector.schema.json': () => connectorJsonSchema(),
  'flow.schema.json': () => flowJsonSchema(cardCatalogue),
  'workflow.schema.json': () => workflowJsonSchema(cardCatalogue),
}

/** File name → text: 2-space JSON with a trailing newline. */
export function renderSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(SCHEMA_FILES).map(([file, make]) => [
      file,
      `${JSON.stringify(make(), null, 2)}\n`,
    ]),
  )
}
