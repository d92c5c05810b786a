// `connector-playground schemas --write <dir>` (hidden): writes the JSON Schemas generated from
// src/definition/schema.ts. `npm run generate:schemas` runs it, then Prettier, into schemas/.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from '../command'
import { EXIT_OK, UsageError } from '../io'
import { renderSchemas } from '../schemas'

export const schemasCommand: Command = {
  name: 'schemas',
  summary: 'Write the generated JSON Schemas (npm run generate:schemas)',
  hidden: true,
  usage: `Usage: connector-playground schemas --write <dir>

Writes connector.schema.json, flow.schema.json and workflow.schema.json, generated from
src/definition/schema.ts, into <dir>. Use \`npm run generate:schemas\`, which also formats them.
`,
  options: { write: { type: 'string' } },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`schemas takes no arguments besides --write`)
    if (typeof values.write !== 'string') throw new UsageError('schemas needs --write <dir>')
    const dir = resolve(io.cwd, values.write)
    mkdirSync(dir, { recursive: true })
    for (const [file, text] of Object.entries(renderSchemas())) {
      writeFileSync(join(dir, file), text)
      io.stdout(`wrote ${join(values.write, file)}\n`)
    }
    return EXIT_OK
  },
}
