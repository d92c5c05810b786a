// The shape of a CLI command. main.ts keeps them in one table, so adding `run` or `cards` later is
// one new module and one table row.
import type { ParseArgsConfig } from 'node:util'
import type { CliIo } from './io'

export type CommandOptions = NonNullable<ParseArgsConfig['options']>

export interface CommandArgs {
  positionals: string[]
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
}

export interface Command {
  name: string
  /** One line for the command list in `--help`. */
  summary: string
  /** The usage line(s) and option list shown by `<command> --help`. */
  usage: string
  /** Kept out of the command list (maintenance commands such as `schemas`). */
  hidden?: boolean
  options: CommandOptions
  /** Runs the command and returns the exit code. Throws UsageError for bad arguments. */
  run(args: CommandArgs, io: CliIo): Promise<number> | number
}
