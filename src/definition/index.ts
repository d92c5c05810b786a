// The connector format's public surface: types, the schema, loading and diagnostics.
export * from './card-spec'
export * from './diagnostics'
export * from './json-schema'
export * from './json-source'
export * from './load-project'
export * from './project'
export * from './schema'
