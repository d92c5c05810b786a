// The `connector-playground` command line. bin/connector-playground.mjs runs the build of this
// module (dist-cli/cli.mjs, `npm run build:cli`). Commands live in one table: adding one (`run`,
// `cards` …) is a new module under commands/ and a row in COMMANDS.
import { parseArgs } from 'node:util'
import { version } from '../../package.json'
import type { Command, CommandArgs, CommandOptions } from './command'
import { cardsCommand } from './commands/cards'
import { runCommand } from './commands/run'
import { schemasCommand } from './commands/schemas'
import { validateCommand } from './commands/validate'
import { EXIT_OK, EXIT_USAGE, processIo, UsageError, type CliIo } from './io'

export type { CliIo } from './io'

export const COMMANDS: readonly Command[] = [
  validateCommand,
  runCommand,
  cardsCommand,
  schemasCommand,
]

/** Exit code when the CLI itself fails (a bug, or an unreadable file), not the project. */
export const EXIT_INTERNAL = 3

const NAME = 'connector-playground'

const helpOption: CommandOptions = { help: { type: 'boolean', short: 'h' } }

export function usage(): string {
  const visible = COMMANDS.filter((c) => !c.hidden)
  const width = Math.max(...visible.map((c) => c.name.length)) + 2
  return `Usage: ${NAME} <command> [options]

Build, check and run Okta Workflows-style connector projects. Flows run against the playground's
in-process mock services, never the real internet.

Commands:
${visible.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help     Show this help (${NAME} <command> --help for a command's own)
  -v, --version  Print the version

Examples:
  ${NAME} validate fixtures/templates/acme-hr
  ${NAME} run fixtures/templates/acme-hr "List Users" --connection demo --input '{"limit": 2}'
  ${NAME} cards --json
`
}

function parse(argv: readonly string[], options: CommandOptions): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    })
    return { values, positionals }
  } catch (error) {
    // parseArgs throws a TypeError that names the unknown or malformed option.
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const command = COMMANDS.find((c) => c.name === argv[0])
  if (command) {
    try {
      const args = parse(argv.slice(1), { ...command.options, ...helpOption })
      if (args.values.help === true) {
        io.stdout(command.usage)
        return EXIT_OK
      }
      return await command.run(args, io)
    } catch (error) {
      if (error instanceof UsageError) error.command ??= command.name
      throw error
    }
  }

  const { values, positionals } = parse(argv, {
    ...helpOption,
    version: { type: 'boolean', short: 'v' },
  })
  if (values.version === true) {
    io.stdout(`${version}\n`)
    return EXIT_OK
  }
  if (values.help === true) {
    io.stdout(usage())
    return EXIT_OK
  }
  const [name] = positionals
  if (name === undefined) {
    io.stderr(usage())
    return EXIT_USAGE
  }
  const known = COMMANDS.filter((c) => !c.hidden).map((c) => c.name)
  throw new UsageError(`unknown command "${name}" (commands: ${known.join(', ')})`)
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `${NAME} ${error.command} --help` : `${NAME} --help`
      io.stderr(`${NAME}: ${error.message}\nRun "${help}" for usage.\n`)
      return EXIT_USAGE
    }
    if (isSystemError(error)) {
      // A file that cannot be read (permissions, a vanished file): the message says which.
      io.stderr(`${NAME}: ${error.message}\n`)
      return EXIT_INTERNAL
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
    io.stderr(`${NAME}: internal error: ${detail}\n`)
    return EXIT_INTERNAL
  }
}
