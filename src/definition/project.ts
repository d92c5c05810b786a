// A project as files: the shape shared by storage, share links, templates and the engine.
// A project is a small tree of JSON documents keyed by their path.

export const CONNECTOR_FILE = 'connector.json'
export const FLOWS_DIR = 'flows/'
export const WORKFLOWS_DIR = 'workflows/'

/** Path → file text. Paths are relative, use `/`, and never start with `/`. */
export type ProjectFiles = Record<string, string>

/** What a project is, independent of where it is kept. */
export interface ProjectContent {
  name: string
  files: ProjectFiles
}

export function isFlowFile(path: string): boolean {
  return path.startsWith(FLOWS_DIR) && path.endsWith('.json')
}

export function isWorkflowFile(path: string): boolean {
  return path.startsWith(WORKFLOWS_DIR) && path.endsWith('.json')
}

/** Sorts paths as the project tree shows them: connector.json first, then by path. */
export function sortProjectPaths(paths: readonly string[]): string[] {
  return [...paths].sort((a, b) => {
    if (a === CONNECTOR_FILE) return -1
    if (b === CONNECTOR_FILE) return 1
    return a.localeCompare(b)
  })
}
