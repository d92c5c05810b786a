#!/usr/bin/env node
// The `connector-playground` command. The CLI is TypeScript (src/cli) and Node 20 cannot run that,
// so this file runs its build, dist-cli/cli.mjs: `npm run build:cli`, which `npm install` and
// `npm ci` also run (the "prepare" script).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = new URL('../dist-cli/cli.mjs', import.meta.url)

if (!existsSync(fileURLToPath(built))) {
  const root = fileURLToPath(new URL('..', import.meta.url))
  console.error(
    `connector-playground: the CLI has not been built (${fileURLToPath(built)} is missing).\n` +
      `Run \`npm run build:cli\` in ${root} and try again.`,
  )
  process.exit(3)
}

const { main } = await import(built.href)
process.exitCode = await main(process.argv.slice(2))
