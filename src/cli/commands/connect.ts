// How the CLI signs in for `run --connection`: `demo` uses the demo credentials of the mock
// service the connector talks to; a JSON object gives the New Connection dialog's values
// (`{"username": …, "password": …}`, `{"subdomain": …, "api_key": …}`, `{"client_id": …}`).
// The connection is created as the app creates one — authorization, then `_authping` — and an
// authorization code connector is consented to non-interactively (as `account`, or the first one).
import { loadProject, type ProjectFiles } from '../../definition'
import { cardCatalogue } from '../../engine'
import type { createEngineApi } from '../../platform/create-engine-api'
import type { ConnectionOutcome } from '../../platform/engine-api'
import { UsageError } from '../io'
import { parseInputObject } from './run-input'

type Engine = ReturnType<typeof createEngineApi>

function demoValues(engine: Engine, files: ProjectFiles): Record<string, string> {
  const connector = loadProject(files, cardCatalogue).connector
  const auth = connector?.authentication
  const urls = [connector?.baseUrl, auth && 'tokenUrl' in auth ? auth.tokenUrl : undefined]
  for (const url of urls) {
    if (!url) continue
    const service = engine.network.services.find((s) => s.matches(new URL(url)))
    const demo = service?.demoCredentials()[0]
    if (demo) return demo.values
  }
  throw new UsageError(
    `no mock service has demo credentials for ${connector?.baseUrl ?? 'this connector'}; pass the values as JSON instead`,
  )
}

export async function connectForRun(
  engine: Engine,
  files: ProjectFiles,
  spec: string,
): Promise<ConnectionOutcome> {
  const raw = spec === 'demo' ? demoValues(engine, files) : parseInputObject(spec, '--connection')
  const values = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  )
  const draft = { name: 'CLI connection', values }
  const auth = loadProject(files, cardCatalogue).connector?.authentication
  if (auth?.type !== 'oauth2AuthorizationCode') return engine.createConnection(files, draft)
  const start = await engine.beginAuthorization(files, draft)
  if (!start.ok) return { ok: false, message: start.message }
  const account = values.account ?? start.consent.accounts[0]?.id
  return engine.completeAuthorization(start.pendingId, {
    allow: true,
    ...(account ? { account } : {}),
  })
}
