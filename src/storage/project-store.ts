// Projects in IndexedDB: list, create, open, save (compare-and-swap on `rev`, so a stale tab
// cannot silently overwrite newer work), rename and delete. All persistence of projects goes
// through this module; UI code never touches IndexedDB.
import type { ProjectContent, ProjectFiles } from '../definition'
import type { Db, ProjectRecord } from './db'

export type ProjectSummary = Pick<
  ProjectRecord,
  'id' | 'name' | 'updatedAt' | 'createdAt' | 'origin'
>

export type SaveResult =
  | { ok: true; rev: number; updatedAt: number }
  | { ok: false; reason: 'conflict'; current: ProjectRecord }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'error'; message: string }

const LAST_OPENED = 'lastOpenedProjectId'

export interface ProjectStore {
  list(): Promise<ProjectSummary[]>
  get(id: string): Promise<ProjectRecord | undefined>
  create(content: ProjectContent, origin: string): Promise<ProjectRecord>
  save(id: string, files: ProjectFiles, baseRev: number): Promise<SaveResult>
  rename(id: string, name: string): Promise<ProjectRecord | undefined>
  remove(id: string): Promise<void>
  lastOpened(): Promise<string | undefined>
  setLastOpened(id: string): Promise<void>
}

function describeError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return 'The browser has no room left for this site (storage quota exceeded)'
  }
  return error instanceof Error ? error.message : String(error)
}

export function createProjectStore(db: Db, now: () => number = Date.now): ProjectStore {
  return {
    async list() {
      const all = await db.getAllFromIndex('projects', 'byUpdated')
      return all.reverse().map(({ id, name, updatedAt, createdAt, origin }) => ({
        id,
        name,
        updatedAt,
        createdAt,
        origin,
      }))
    },
    get: (id) => db.get('projects', id),
    async create(content, origin) {
      const time = now()
      const record: ProjectRecord = {
        id: crypto.randomUUID(),
        name: content.name,
        files: { ...content.files },
        createdAt: time,
        updatedAt: time,
        rev: 1,
        origin,
      }
      await db.add('projects', record)
      return record
    },
    async save(id, files, baseRev) {
      try {
        const tx = db.transaction('projects', 'readwrite', { durability: 'strict' })
        const current = await tx.store.get(id)
        if (!current) {
          await tx.done
          return { ok: false, reason: 'missing' }
        }
        if (current.rev !== baseRev) {
          await tx.done
          return { ok: false, reason: 'conflict', current }
        }
        const updated: ProjectRecord = {
          ...current,
          files: { ...files },
          rev: current.rev + 1,
          updatedAt: now(),
        }
        await tx.store.put(updated)
        await tx.done
        return { ok: true, rev: updated.rev, updatedAt: updated.updatedAt }
      } catch (error) {
        return { ok: false, reason: 'error', message: describeError(error) }
      }
    },
    async rename(id, name) {
      const tx = db.transaction('projects', 'readwrite')
      const current = await tx.store.get(id)
      if (!current) {
        await tx.done
        return undefined
      }
      const updated = { ...current, name, rev: current.rev + 1, updatedAt: now() }
      await tx.store.put(updated)
      await tx.done
      return updated
    },
    async remove(id) {
      // A project's connections (and their secrets) and mock state go with it.
      const tx = db.transaction(['projects', 'connections', 'mockStates'], 'readwrite')
      const connections = tx.objectStore('connections')
      for (const key of await connections.index('byProject').getAllKeys(id)) {
        await connections.delete(key)
      }
      await tx.objectStore('mockStates').delete(id)
      await tx.objectStore('projects').delete(id)
      await tx.done
    },
    async lastOpened() {
      const value = await db.get('settings', LAST_OPENED)
      return typeof value === 'string' ? value : undefined
    },
    async setLastOpened(id) {
      await db.put('settings', id, LAST_OPENED)
    },
  }
}
