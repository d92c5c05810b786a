// The app shell: header (project, share, status), the page tabs, and the pages — Editor (project
// files, the editor, the Run panel with Problems, and the live connection-dialog preview while
// connector.json is open), Connections, Mock services and the request Console. Wiring only;
// behaviour lives in the stores and the pages.
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  lazy,
  Match,
  onCleanup,
  onMount,
  Show,
  Suspense,
  Switch,
  untrack,
} from 'solid-js'
import type { Diagnostic, SourceRange } from '../definition'
import { catalogueFromSpecs } from '../definition/card-spec'
import type { Template } from '../../fixtures/templates'
import LazyEditor from './editor/LazyEditor'
import type { EditorReveal } from './editor/MonacoEditor'
import ProblemsPanel from './panels/ProblemsPanel'
import ProjectTree from './panels/ProjectTree'
import ProjectsDialog from './panels/ProjectsDialog'
import RunPanel from './panels/RunPanel'
import ShareDialog from './panels/ShareDialog'
import { useApp } from './state/app-context'
import { usePlatform } from './state/platform-state'

// The pages and the auth preview load on first use, so they stay out of the entry chunk.
const ConnectionsPage = lazy(() => import('./pages/ConnectionsPage'))
const ConsolePage = lazy(() => import('./pages/ConsolePage'))
const MocksPage = lazy(() => import('./pages/MocksPage'))
const AuthPreview = lazy(() => import('./panels/AuthPreview'))

type Page = 'editor' | 'connections' | 'mocks' | 'console'

const PAGES: readonly { id: Page; label: string }[] = [
  { id: 'editor', label: 'Editor' },
  { id: 'connections', label: 'Connections' },
  { id: 'mocks', label: 'Mock services' },
  { id: 'console', label: 'Request console' },
]

const SAVE_LABELS = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Not saved',
}

/**
 * The editor's own completion lists card ids with their names and help, so the schema's plain
 * list of ids (and its long description of every card) is left out rather than shown twice.
 */
export default function App(props: { templates: readonly Template[] }) {
  const { state, actions } = useApp()
  const platform = usePlatform()
  const [page, setPage] = createSignal<Page>('editor')
  const [showProjects, setShowProjects] = createSignal(false)
  const [reveal, setReveal] = createSignal<EditorReveal>()

  // The Run panel follows the connections: a new one is selected (it is what the user just made),
  // and a deleted selection falls back to the first that remains.
  let known: { project: string | undefined; ids: Set<string> } = {
    project: undefined,
    ids: new Set(),
  }
  createEffect(() => {
    const project = platform.state.projectId
    const ids = platform.state.connections.map((c) => c.id)
    untrack(() => {
      if (project !== known.project) {
        // Another project's session: its first connection, or none.
        known = { project, ids: new Set(ids) }
        actions.selectConnection(ids[0])
        return
      }
      const fresh = ids.find((id) => !known.ids.has(id))
      known.ids = new Set(ids)
      if (fresh !== undefined) actions.selectConnection(fresh)
      else if (state.connectionId !== undefined && !ids.includes(state.connectionId)) {
        actions.selectConnection(ids[0])
      }
    })
  })

  const catalogue = createMemo(() => catalogueFromSpecs(state.engine?.cards ?? []))

  const goTo = (d: Diagnostic) => {
    actions.openFile(d.file)
    setReveal({
      file: d.file,
      line: d.range.startLine,
      column: d.range.startColumn,
      nonce: Date.now(),
    })
  }

  const openLocation = (file: string, range: SourceRange) => {
    actions.openFile(file)
    setReveal({
      file,
      line: range.startLine,
      column: range.startColumn,
      endLine: range.endLine,
      endColumn: range.endColumn,
      nonce: Date.now(),
    })
  }

  const onKey = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault()
      void actions.run()
    }
  }
  const onHide = () => {
    if (document.visibilityState === 'hidden') void actions.flushSave()
  }
  const onHashChange = () => void actions.importFromLocation()
  onMount(() => {
    window.addEventListener('hashchange', onHashChange)
    window.addEventListener('keydown', onKey)
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('pagehide', onHide)
  })
  onCleanup(() => {
    window.removeEventListener('hashchange', onHashChange)
    window.removeEventListener('keydown', onKey)
    document.removeEventListener('visibilitychange', onHide)
    window.removeEventListener('pagehide', onHide)
  })

  return (
    <div class="app">
      <header class="app-header">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            ⚡
          </span>
          Connector Playground
        </div>
        <Show when={state.project}>
          {(project) => (
            <h1 class="project-title" data-testid="project-title">
              {project().name}
            </h1>
          )}
        </Show>
        <span
          class={`save-state ${state.saveState}`}
          data-testid="save-state"
          title={state.saveError ?? ''}
        >
          {SAVE_LABELS[state.saveState]}
          {state.saveError ? `: ${state.saveError}` : ''}
        </span>
        <div class="header-actions">
          <button data-testid="projects-button" onClick={() => setShowProjects(true)}>
            Projects
          </button>
          <button
            data-testid="share-button"
            onClick={() => void actions.share()}
            disabled={!state.project}
          >
            Share
          </button>
        </div>
        <span
          class={`mock-status ${state.mockStatus}`}
          data-testid="mock-status"
          data-status={state.mockStatus}
          title={
            state.mockStatus === 'service-worker'
              ? 'The mock service worker answers fetches to *.example from this page (try the devtools console).'
              : state.mockStatus === 'in-process'
                ? 'This page is not controlled by the mock service worker (e.g. after a hard reload). Flows still run against the mocks in-process; page fetches to *.example are not mocked. Reload to restore.'
                : 'Starting the mock service worker…'
          }
        >
          {state.mockStatus === 'service-worker'
            ? 'Mocks: service worker'
            : state.mockStatus === 'in-process'
              ? 'Mocks: in-process only'
              : 'Mocks: starting…'}
        </span>
      </header>

      <Show when={state.notice}>
        {(notice) => (
          <div
            class={`notice ${notice().kind}`}
            role={notice().kind === 'error' ? 'alert' : 'status'}
            data-testid="notice"
          >
            <span>{notice().text}</span>
            <button
              class="icon-button"
              aria-label="Dismiss"
              onClick={() => actions.dismissNotice()}
            >
              ×
            </button>
          </div>
        )}
      </Show>

      <nav class="page-tabs" role="tablist" aria-label="Pages">
        <For each={PAGES}>
          {(item) => (
            <button
              role="tab"
              class="page-tab"
              classList={{ active: page() === item.id }}
              aria-selected={page() === item.id}
              data-testid={`nav-${item.id}`}
              onClick={() => setPage(item.id)}
            >
              {item.label}
              <Show when={item.id === 'connections' && platform.state.connections.length > 0}>
                <span class="tab-count">{platform.state.connections.length}</span>
              </Show>
            </button>
          )}
        </For>
      </nav>

      <Suspense fallback={<div class="page muted">Loading…</div>}>
        <Switch>
          <Match when={page() === 'connections'}>
            <main class="page">
              <ConnectionsPage />
            </main>
          </Match>
          <Match when={page() === 'mocks'}>
            <main class="page">
              <MocksPage />
            </main>
          </Match>
          <Match when={page() === 'console'}>
            <main class="page">
              <ConsolePage />
            </main>
          </Match>
        </Switch>
      </Suspense>
      {/* The editor page stays mounted (Monaco keeps its models and view state); it is hidden. */}
      <main class="workspace" hidden={page() !== 'editor'}>
        <ProjectTree catalogue={catalogue()} />
        <section class="editor-pane" aria-label="Editor">
          <div class="editor-tab">{state.activeFile}</div>
          <Show when={state.project} fallback={<div class="editor-loading">Opening project…</div>}>
            {(project) => (
              <LazyEditor
                projectId={project().id}
                files={project().files}
                activeFile={state.activeFile}
                diagnostics={state.diagnostics}
                catalogue={catalogue()}
                reveal={reveal()}
                onChange={(path, text) => actions.editFile(path, text)}
                onOpenLocation={openLocation}
                onApplyEdits={(edits) => actions.applyEdits(edits)}
                onRun={() => void actions.run()}
              />
            )}
          </Show>
        </section>
        <aside class="side-pane" data-validations={state.validations}>
          <Show when={state.activeFile === 'connector.json'}>
            <AuthPreview />
          </Show>
          <RunPanel />
          <ProblemsPanel diagnostics={state.diagnostics} onSelect={goTo} />
        </aside>
      </main>

      <Show when={showProjects()}>
        <ProjectsDialog templates={props.templates} onClose={() => setShowProjects(false)} />
      </Show>
      <ShareDialog />
    </div>
  )
}
