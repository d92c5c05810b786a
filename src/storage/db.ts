// The IndexedDB schema. DB_NAME and the store names are a persisted format: DO NOT CHANGE them
// without a migration in `upgrade` (and a test for it).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { ProjectFiles } from '../definition'

export const DB_NAME = 'connector-playground'
export const DB_VERSION = 1

export interface ProjectRecord {
  id: string
  name: string
  files: ProjectFiles
  createdAt: number
  updatedAt: number
  /** Incremented on every save; a save names the rev it started from (compare-and-swap). */
  rev: number
  /** Where it came from: a template id, `share`, or `blank`. */
  origin: string
}

export interface PlaygroundDb extends DBSchema {
  projects: { key: string; value: ProjectRecord; indexes: { byUpdated: number } }
  settings: { key: string; value: unknown }
}

export type Db = IDBPDatabase<PlaygroundDb>

export function openPlaygroundDb(): Promise<Db> {
  return openDB<PlaygroundDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const projects = db.createObjectStore('projects', { keyPath: 'id' })
        projects.createIndex('byUpdated', 'updatedAt')
        db.createObjectStore('settings')
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app (another tab) wants to upgrade: let it instead of blocking it.
      ;(event.target as IDBDatabase).close()
    },
  })
}
