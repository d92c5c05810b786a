// What a command may touch besides the file system: its output streams and the working directory.
// main() takes it as an argument so that tests can run commands in-process.
//
// The reference below is for tsconfig.app.json, whose "src" include takes in src/cli too; the CLI
// is really checked by tsconfig.node.json. Drop it once tsconfig.app.json excludes src/cli.

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** The directory relative paths are resolved against and printed relative to. */
  cwd: string
}

/** A problem with how the command was called: printed on stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
  /** The command whose arguments were wrong, so the hint can point at its own help. */
  command: string | undefined
}

export const EXIT_OK = 0
export const EXIT_PROBLEMS = 1
export const EXIT_USAGE = 2

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  }
}
