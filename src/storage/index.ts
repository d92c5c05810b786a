// Persistence of projects (IndexedDB). The only module that knows idb.
export * from './db'
export * from './project-store'
