// Reads a project from disk into the ProjectFiles map the validator takes. The validator itself
// stays pure (src/definition); all file-system access of the CLI lives here.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative, sep } from 'node:path'
import { CONNECTOR_FILE, type ProjectFiles } from '../definition'
import { UsageError } from './io'

/** Folders never read: dependencies and hidden folders (.git, .vscode …). */
const SKIPPED_DIRS = new Set(['node_modules'])

/** A guard against pointing the CLI at a home directory or `/` by mistake. */
export const MAX_PROJECT_FILES = 5000

/** A project-relative path, with `/` whatever the platform. */
export function toProjectPath(root: string, file: string): string {
  return relative(root, file).split(sep).join('/')
}

/**
 * Every *.json file under `root`, keyed by its project-relative path. Files that are not part of
 * the format are read too, so that the validator can warn about them (PROJ002).
 */
export function readProjectDir(root: string): ProjectFiles {
  const files: ProjectFiles = {}
  let count = 0
  const visit = (dir: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )
    for (const entry of entries) {
      const path = join(dir, entry.name)
      // Dirent types do not follow symbolic links, so a link cycle cannot trap the walk.
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) visit(path)
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        count += 1
        if (count > MAX_PROJECT_FILES) {
          throw new UsageError(
            `${root} holds more than ${MAX_PROJECT_FILES} JSON files: is it a project directory?`,
          )
        }
        files[toProjectPath(root, path)] = readFileSync(path, 'utf8')
      }
    }
  }
  visit(root)
  return files
}

/**
 * The project a single file belongs to: the nearest folder above it that holds connector.json;
 * failing that, the folder above flows/ or workflows/, or else the file's own folder.
 */
export function findProjectRoot(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, CONNECTOR_FILE))) return dir
    if (dirname(dir) === dir) break
  }
  const folder = dirname(file)
  const name = basename(folder)
  return name === 'flows' || name === 'workflows' ? dirname(folder) : folder
}
