// Bootstrap only: open storage, start the engine worker, render the app, then start the mock
// service worker (lazily, so MSW stays out of the entry chunk).
import { render } from 'solid-js/web'
import { TEMPLATES } from '../fixtures/templates'
import { createEngineClient } from './engine-client/create-engine-client'
import { createProjectStore, openPlaygroundDb } from './storage'
import App from './ui/App'
import { preloadEditor } from './ui/editor/LazyEditor'
import { AppContext } from './ui/state/app-context'
import { createAppStore } from './ui/state/app-store'
import { createPlatformState, PlatformContext } from './ui/state/platform-state'
import './ui/styles.css'

async function main() {
  const root = document.getElementById('app')
  if (!root) throw new Error('index.html has no #app element')
  if (new URLSearchParams(window.location.search).has('oauth-consent')) {
    // The OAuth consent popup: the mock provider's screen, played by the app (no engine here).
    const { default: ConsentScreen } = await import('./ui/ConsentScreen')
    render(() => <ConsentScreen />, root)
    return
  }
  preloadEditor()
  const engine = createEngineClient()
  let app: ReturnType<typeof createAppStore> | undefined
  const platform = createPlatformState({ engine, files: () => app?.state.project?.files })
  try {
    const store = createProjectStore(await openPlaygroundDb())
    app = createAppStore({
      store,
      engine,
      templates: TEMPLATES,
      location: window.location,
      replaceUrl: (url) => history.replaceState(null, '', url),
      onSession: (session) => platform.actions.load(session),
    })
  } catch (error) {
    root.textContent = `This browser would not open the playground's storage (IndexedDB): ${String(error)}`
    return
  }
  const started = app
  render(
    () => (
      <AppContext.Provider value={started}>
        <PlatformContext.Provider value={platform}>
          <App templates={TEMPLATES} />
        </PlatformContext.Provider>
      </AppContext.Provider>
    ),
    root,
  )
  await started.actions.start()
  const { startServiceWorkerMocks } = await import('./mocks/browser')
  started.actions.setMockStatus(
    await startServiceWorkerMocks((request) => engine.respondToMockRequest(request)),
  )
}

void main()
