// The platform's persistence in IndexedDB: connections (their secrets included — they never
// leave this device) and each project's mock state and clock. It implements the PlatformStore
// port the engine worker's platform is built with.
import type { PlatformStore } from '../platform/platform-store'
import type { Db } from './db'

export function createIdbPlatformStore(db: Db): PlatformStore {
  return {
    listConnections: async (projectId) =>
      (await db.getAllFromIndex('connections', 'byProject', projectId)).sort(
        (a, b) => a.createdAt - b.createdAt,
      ),
    putConnection: async (record) => {
      await db.put('connections', record)
    },
    deleteConnection: async (id) => {
      await db.delete('connections', id)
    },
    getMockState: (projectId) => db.get('mockStates', projectId),
    putMockState: async (record) => {
      await db.put('mockStates', record)
    },
  }
}
