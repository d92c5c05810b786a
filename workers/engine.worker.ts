// The engine worker's entry: prepare the environment for msw, build the EngineApi, expose it.
import '../src/mocks/worker-environment'
import { expose } from 'comlink'
import type { EngineApi } from '../src/platform/engine-api'
import { createEngineApi } from '../src/platform/create-engine-api'

expose(createEngineApi() satisfies EngineApi)
