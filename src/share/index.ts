// Share links and file export/import codecs (pure).
export * from './share-link'
export * from './strip-secrets'
