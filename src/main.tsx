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
import './ui/styles.css'

async function main() {
  const root = document.getElementById('app')
  if (!root) throw new Error('index.html has no #app element')
  preloadEditor()
  const engine = createEngineClient()
  let app: ReturnType<typeof createAppStore>
  try {
    const store = createProjectStore(await openPlaygroundDb())
    app = createAppStore({
      store,
      engine,
      templates: TEMPLATES,
      location: window.location,
      replaceUrl: (url) => history.replaceState(null, '', url),
    })
  } catch (error) {
    root.textContent = `This browser would not open the playground's storage (IndexedDB): ${String(error)}`
    return
  }
  render(
    () => (
      <AppContext.Provider value={app}>
        <App templates={TEMPLATES} />
      </AppContext.Provider>
    ),
    root,
  )
  await app.actions.start()
  const { startServiceWorkerMocks } = await import('./mocks/browser')
  app.actions.setMockStatus(
    await startServiceWorkerMocks((request) => engine.respondToMockRequest(request)),
  )
}

void main()
