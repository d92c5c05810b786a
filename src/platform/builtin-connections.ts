// The test connections every project starts with: one per mock service, signed in to that
// service's seeded demo account. Their secrets stay inside the engine worker; the page only ever
// sees the summaries.
import type { ConnectionSummary } from './engine-api'

interface BuiltinConnection extends ConnectionSummary {
  auth: Record<string, unknown>
}

const CONNECTIONS: readonly BuiltinConnection[] = [
  {
    id: 'hr-demo',
    name: 'Acme HR demo account',
    service: 'hr',
    authType: 'basic',
    account: 'demo',
    auth: { username: 'demo', password: 'Acme-Demo-7431' },
  },
]

export function connectionSummaries(): ConnectionSummary[] {
  return CONNECTIONS.map(({ auth: _auth, ...summary }) => summary)
}

export function connectionAuth(id: string): Record<string, unknown> | undefined {
  const connection = CONNECTIONS.find((c) => c.id === id)
  return connection ? { ...connection.auth } : undefined
}
