// The page's state of the platform for the open project: its connections, the mock services
// (faults, counts, log, the virtual clock) and the request console's history, with the actions
// the Connections, Mock services and Console pages call. It also drives the OAuth consent popup:
// the popup is a thin app route (ConsentScreen) that shows what the provider's authorize endpoint
// described and posts the user's decision back here; the engine worker does the protocol.
import { batch, createContext, useContext } from 'solid-js'
import { createStore, reconcile, unwrap } from 'solid-js/store'
import type { ProjectFiles } from '../../definition'
import type { EngineClient } from '../../engine-client/create-engine-client'
import type {
  ConnectionDraft,
  ConnectionOutcome,
  ConnectionSummary,
  ConsentDecision,
  ConsentDetails,
  ConsoleExchange,
  ConsoleRequest,
  Fault,
  MockState,
  ProjectSession,
} from '../../platform/engine-api'

/** Messages between the opener and the consent popup (same origin, checked both ways). */
export const OAUTH_CHANNEL = 'connector-playground-oauth'

export type ConsentMessage =
  | { channel: typeof OAUTH_CHANNEL; type: 'ready' }
  | { channel: typeof OAUTH_CHANNEL; type: 'consent'; consent: ConsentDetails }
  | { channel: typeof OAUTH_CHANNEL; type: 'decision'; decision: ConsentDecision }
  | { channel: typeof OAUTH_CHANNEL; type: 'done'; ok: boolean; message: string }
  | { channel: typeof OAUTH_CHANNEL; type: 'failed'; message: string }

export function isConsentMessage(value: unknown): value is ConsentMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { channel?: unknown }).channel === OAUTH_CHANNEL &&
    typeof (value as { type?: unknown }).type === 'string'
  )
}

/** The app route the popup opens (the provider's screen, played by the app). */
export const CONSENT_ROUTE = '?oauth-consent=1'

export interface PlatformState {
  projectId: string | undefined
  connections: ConnectionSummary[]
  mocks: MockState | undefined
  /** Console exchanges, newest first (at most 20; redacted by the worker). */
  console: ConsoleExchange[]
  /** An authorization waiting for the user in the popup. */
  authorizing: boolean
}

export interface PlatformDeps {
  engine: EngineClient
  /** The open project's files (the connector definition and its system flows). */
  files: () => ProjectFiles | undefined
  /** Opens the consent popup; injected so tests can supply a fake window. */
  openPopup?: (url: string) => Window | null
  /** The window that receives the popup's messages. */
  host?: Pick<Window, 'addEventListener' | 'removeEventListener' | 'location'>
}

const POPUP_FEATURES = 'popup,width=520,height=700'

export function createPlatformState(deps: PlatformDeps) {
  const [state, setState] = createStore<PlatformState>({
    projectId: undefined,
    connections: [],
    mocks: undefined,
    console: [],
    authorizing: false,
  })
  const host = deps.host ?? window
  const openPopup =
    deps.openPopup ?? ((url: string) => window.open(url, 'playground-oauth', POPUP_FEATURES))

  const files = (): ProjectFiles => ({ ...(deps.files() ?? {}) })

  const setMocks = (mocks: MockState) => setState('mocks', reconcile(mocks))

  /** Applies an outcome's connection to the list, and refreshes the list when it is gone. */
  const applyOutcome = async (outcome: ConnectionOutcome): Promise<ConnectionOutcome> => {
    setState('connections', reconcile(await deps.engine.listConnections(), { key: 'id' }))
    void refreshMocks()
    return outcome
  }

  const refreshMocks = async () => setMocks(await deps.engine.mockState())

  /**
   * Runs an authorization code sign-in: opens the popup at once (inside the click, so it is not
   * blocked), asks the worker for the authorize URL and consent screen, hands the screen to the
   * popup, and finishes with the user's decision. Closing the popup cancels.
   */
  const authorizeInPopup = (draft: ConnectionDraft, reauthorizeId?: string) => {
    if (state.authorizing) {
      return Promise.resolve<ConnectionOutcome>({
        ok: false,
        message: 'A sign-in is already waiting in the sign-in window; finish or close it first.',
      })
    }
    const popup = openPopup(CONSENT_ROUTE)
    if (!popup) {
      return Promise.resolve<ConnectionOutcome>({
        ok: false,
        message:
          'The browser blocked the sign-in window; allow pop-ups for this site and try again.',
      })
    }
    setState('authorizing', true)
    const origin = host.location.origin
    return new Promise<ConnectionOutcome>((resolve) => {
      let consent: ConsentDetails | undefined
      let pendingId: string | undefined
      let popupReady = false
      let finished = false
      const post = (message: ConsentMessage) => popup.postMessage(message, origin)
      const finish = (outcome: ConnectionOutcome) => {
        if (finished) return
        finished = true
        clearInterval(closedWatch)
        host.removeEventListener('message', onMessage)
        setState('authorizing', false)
        if (!popup.closed) {
          post({ channel: OAUTH_CHANNEL, type: 'done', ok: outcome.ok, message: outcome.message })
        }
        resolve(outcome)
      }
      const sendConsent = () => {
        if (popupReady && consent) post({ channel: OAUTH_CHANNEL, type: 'consent', consent })
      }
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== origin || event.source !== popup || !isConsentMessage(event.data)) {
          return
        }
        const message = event.data
        if (message.type === 'ready') {
          popupReady = true
          sendConsent()
        } else if (message.type === 'decision' && pendingId) {
          const id = pendingId
          pendingId = undefined
          void deps.engine
            .completeAuthorization(id, message.decision)
            .then(applyOutcome)
            .then(finish, (error: unknown) => finish({ ok: false, message: String(error) }))
        }
      }
      host.addEventListener('message', onMessage as EventListener)
      const closedWatch = setInterval(() => {
        if (popup.closed && pendingId !== undefined) {
          finish({ ok: false, message: 'The sign-in window was closed before you decided.' })
        }
      }, 300)
      void deps.engine.beginAuthorization(files(), draft, reauthorizeId).then(
        (start) => {
          if (!start.ok) {
            if (!popup.closed)
              post({ channel: OAUTH_CHANNEL, type: 'failed', message: start.message })
            finish({ ok: false, message: start.message })
            return
          }
          pendingId = start.pendingId
          consent = start.consent
          sendConsent()
        },
        (error: unknown) => finish({ ok: false, message: String(error) }),
      )
    })
  }

  const actions = {
    /** Takes a freshly opened project session. */
    load(session: ProjectSession) {
      batch(() => {
        setState('projectId', session.projectId)
        setState('connections', reconcile(session.connections, { key: 'id' }))
        setMocks(session.mocks)
        setState('console', [])
      })
    },
    refreshMocks,
    async refreshConnections() {
      setState('connections', reconcile(await deps.engine.listConnections(), { key: 'id' }))
    },
    /** Basic, Custom and client credentials; authorization code goes through the popup. */
    async createConnection(draft: ConnectionDraft): Promise<ConnectionOutcome> {
      return applyOutcome(await deps.engine.createConnection(files(), draft))
    },
    authorizeInPopup,
    async reauthorize(id: string, draft: ConnectionDraft): Promise<ConnectionOutcome> {
      return applyOutcome(await deps.engine.reauthorizeConnection(id, files(), draft))
    },
    async rename(id: string, name: string, description?: string) {
      return applyOutcome(await deps.engine.renameConnection(id, name, description))
    },
    async test(id: string) {
      return applyOutcome(await deps.engine.testConnection(id, files()))
    },
    async revoke(id: string) {
      return applyOutcome(await deps.engine.revokeConnection(id, files()))
    },
    async remove(id: string) {
      return applyOutcome(await deps.engine.deleteConnection(id, files()))
    },
    async setFaults(serviceId: string, faults: Fault[]) {
      // Store values are proxies; the worker needs plain, cloneable data.
      setMocks(await deps.engine.setFaults(serviceId, structuredClone(unwrap(faults))))
    },
    async expireTokens(serviceId: string) {
      setMocks(await deps.engine.expireTokens(serviceId))
      await actions.refreshConnections()
    },
    async revokeCredentials(serviceId: string) {
      setMocks(await deps.engine.revokeCredentials(serviceId))
      await actions.refreshConnections()
    },
    async resetMocks(serviceId?: string, seed?: string) {
      setMocks(await deps.engine.resetMocks(serviceId, seed))
    },
    async advanceClock(ms: number) {
      setMocks(await deps.engine.advanceClock(ms))
      await actions.refreshConnections()
    },
    async sendRequest(request: ConsoleRequest): Promise<ConsoleExchange> {
      const exchange = await deps.engine.sendRequest(request)
      setState('console', (list) => [exchange, ...list].slice(0, 20))
      void refreshMocks()
      return exchange
    },
  }

  return { state, actions }
}

export type PlatformStateStore = ReturnType<typeof createPlatformState>

export const PlatformContext = createContext<PlatformStateStore>()

export function usePlatform(): PlatformStateStore {
  const platform = useContext(PlatformContext)
  if (!platform) throw new Error('usePlatform() outside <PlatformContext.Provider>')
  return platform
}
