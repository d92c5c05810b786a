// Persistence (IndexedDB): projects, and the platform's connections and mock state. The only
// module that knows idb.
export * from './db'
export * from './platform-store'
export * from './project-store'
