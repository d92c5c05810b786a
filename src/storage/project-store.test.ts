// Covers the project store on IndexedDB (fake-indexeddb in node): create/list/get, saves as
// compare-and-swap on `rev` (a stale tab cannot overwrite newer work), rename, delete,
// last-opened, and a quota error that leaves the stored project untouched.
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { beforeEach, expect, test } from 'vitest'
import { openPlaygroundDb, type Db } from './db'
import { createProjectStore, type ProjectStore } from './project-store'

let db: Db
let store: ProjectStore
let clock = 1_000

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory()
  db = await openPlaygroundDb()
  clock = 1_000
  store = createProjectStore(db, () => (clock += 10))
})

const content = (name: string) => ({ name, files: { 'connector.json': '{}' } })

test('create, get and list (most recently updated first)', async () => {
  const a = await store.create(content('A'), 'acme-hr')
  const b = await store.create(content('B'), 'blank')
  expect(a.rev).toBe(1)
  expect(await store.get(a.id)).toEqual(a)
  expect((await store.list()).map((p) => p.name)).toEqual(['B', 'A'])
  await store.save(a.id, { 'connector.json': '{"x":1}' }, a.rev)
  expect((await store.list()).map((p) => p.name)).toEqual(['A', 'B'])
  expect(b.origin).toBe('blank')
})

test('save is compare-and-swap: a save from an older rev is refused with the current record', async () => {
  const project = await store.create(content('P'), 'blank')
  const first = await store.save(project.id, { 'connector.json': '{"tab":"A"}' }, 1)
  expect(first).toMatchObject({ ok: true, rev: 2 })
  const stale = await store.save(project.id, { 'connector.json': '{"tab":"B"}' }, 1)
  expect(stale.ok).toBe(false)
  if (!stale.ok && stale.reason === 'conflict') {
    expect(stale.current.files['connector.json']).toBe('{"tab":"A"}')
    expect(stale.current.rev).toBe(2)
  } else throw new Error(`expected a conflict, got ${JSON.stringify(stale)}`)
  expect((await store.get(project.id))?.files['connector.json']).toBe('{"tab":"A"}')
})

test('saving a deleted project reports it missing', async () => {
  const project = await store.create(content('P'), 'blank')
  await store.remove(project.id)
  expect(await store.save(project.id, {}, 1)).toEqual({ ok: false, reason: 'missing' })
  expect(await store.get(project.id)).toBeUndefined()
})

test('rename bumps the rev and keeps the files; renaming a missing project gives undefined', async () => {
  const project = await store.create(content('Old'), 'blank')
  const renamed = await store.rename(project.id, 'New')
  expect(renamed).toMatchObject({ name: 'New', rev: 2, files: project.files })
  expect(await store.rename('nope', 'x')).toBeUndefined()
})

test('last opened project is remembered', async () => {
  expect(await store.lastOpened()).toBeUndefined()
  await store.setLastOpened('abc')
  expect(await store.lastOpened()).toBe('abc')
})

test('a quota error is reported as a message and the stored project is unchanged', async () => {
  const project = await store.create(content('P'), 'blank')
  const originalTransaction = db.transaction.bind(db)
  // The browser refuses the write: IDBObjectStore.put throws QuotaExceededError.
  db.transaction = ((...args: Parameters<Db['transaction']>) => {
    const tx = originalTransaction(...args)
    const objectStore = tx.store as unknown as { put: unknown }
    objectStore.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    }
    return tx
  }) as Db['transaction']
  const result = await store.save(project.id, { 'connector.json': '{"big":true}' }, 1)
  db.transaction = originalTransaction
  expect(result).toEqual({
    ok: false,
    reason: 'error',
    message: 'The browser has no room left for this site (storage quota exceeded)',
  })
  expect(await store.get(project.id)).toEqual(project)
})
