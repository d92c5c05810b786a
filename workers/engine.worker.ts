// The engine worker's entry: prepare the environment for msw, build the EngineApi with the
// IndexedDB platform store (opening in the background), expose it.
import '../src/mocks/worker-environment'
import { expose } from 'comlink'
import type { EngineApi } from '../src/platform/engine-api'
import { createEngineApi } from '../src/platform/create-engine-api'
import { createMemoryPlatformStore, deferredPlatformStore } from '../src/platform/platform-store'
import { createIdbPlatformStore, openPlaygroundDb } from '../src/storage'

const opening = openPlaygroundDb().then(createIdbPlatformStore, (error: unknown) => {
  console.warn(
    'IndexedDB would not open in the engine worker; connections last this tab only.',
    error,
  )
  return createMemoryPlatformStore()
})
expose(createEngineApi({ store: deferredPlatformStore(opening) }) satisfies EngineApi)
