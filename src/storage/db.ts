// The IndexedDB schema. DB_NAME and the store names are a persisted format: DO NOT CHANGE them
// without a migration in `upgrade` (and a test for it).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { ProjectFiles } from '../definition'
import type { ConnectionRecord, MockStateRecord } from '../platform/platform-store'

export type { ConnectionRecord, MockStateRecord }

export const DB_NAME = 'connector-playground'
/** 1: projects, settings. 2: connections (secrets) and mock state, per project. */
export const DB_VERSION = 2

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
  connections: { key: string; value: ConnectionRecord; indexes: { byProject: string } }
  mockStates: { key: string; value: MockStateRecord }
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
      if (oldVersion < 2) {
        const connections = db.createObjectStore('connections', { keyPath: 'id' })
        connections.createIndex('byProject', 'projectId')
        db.createObjectStore('mockStates', { keyPath: 'projectId' })
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app (another tab) wants to upgrade: let it instead of blocking it.
      ;(event.target as IDBDatabase).close()
    },
  })
}
