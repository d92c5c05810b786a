// The platform's persistence port: connections (with their secrets) and each project's mock
// state and clock. The worker entry gives the IndexedDB implementation (src/storage); tests and
// the CLI use the in-memory one below. Records are plain data, so both keep them the same way.
import type { MockNetworkSnapshot } from '../mocks/mock-network'
import type { AuthType, ConnectionHealth } from './engine-api'

/** Tokens issued to a connection, with what the platform needs to refresh them on its own. */
export interface TokenSet {
  accessToken: string
  tokenType: string
  refreshToken?: string
  /** On the virtual clock. */
  expiresAt?: number
  scope?: string
  /** The grant the tokens came from, and how to renew them. */
  grant: 'authorization_code' | 'client_credentials'
  tokenUrl: string
  refreshUrl?: string
  clientId: string
  clientSecret?: string
  clientAuthentication: 'client_secret_basic' | 'client_secret_post'
}

export interface ConnectionRecord {
  id: string
  projectId: string
  name: string
  description: string
  authType: AuthType
  /** What the user entered, secrets included, plus resolved config values. */
  values: Record<string, string>
  /** The keys in `values` that are secret (passwords, client secrets, password parameters). */
  secretKeys: string[]
  scopes: string[]
  tokens?: TokenSet
  health: ConnectionHealth
  createdAt: number
  updatedAt: number
}

export interface MockStateRecord {
  projectId: string
  network: MockNetworkSnapshot
  /** How far the virtual clock runs ahead of the real one. */
  clockOffsetMs: number
  updatedAt: number
}

export interface PlatformStore {
  listConnections(projectId: string): Promise<ConnectionRecord[]>
  putConnection(record: ConnectionRecord): Promise<void>
  deleteConnection(id: string): Promise<void>
  getMockState(projectId: string): Promise<MockStateRecord | undefined>
  putMockState(record: MockStateRecord): Promise<void>
}

/** Keeps everything in memory (tests, the CLI, and a browser whose storage would not open). */
export function createMemoryPlatformStore(): PlatformStore {
  const connections = new Map<string, ConnectionRecord>()
  const mockStates = new Map<string, MockStateRecord>()
  return {
    listConnections: async (projectId) =>
      [...connections.values()]
        .filter((c) => c.projectId === projectId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map((c) => structuredClone(c)),
    putConnection: async (record) => {
      connections.set(record.id, structuredClone(record))
    },
    deleteConnection: async (id) => {
      connections.delete(id)
    },
    getMockState: async (projectId) => structuredClone(mockStates.get(projectId)),
    putMockState: async (record) => {
      mockStates.set(record.projectId, structuredClone(record))
    },
  }
}

/** A store that is still opening: every call waits for it (so the API can be exposed at once). */
export function deferredPlatformStore(opening: Promise<PlatformStore>): PlatformStore {
  return {
    listConnections: async (projectId) => (await opening).listConnections(projectId),
    putConnection: async (record) => (await opening).putConnection(record),
    deleteConnection: async (id) => (await opening).deleteConnection(id),
    getMockState: async (projectId) => (await opening).getMockState(projectId),
    putMockState: async (record) => (await opening).putMockState(record),
  }
}
