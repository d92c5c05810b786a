// The app shell: header (project, share, status), project files, the editor, and the Run panel
// with Problems. Wiring only; behaviour lives in the store and the panels.
import { createMemo, createSignal, onCleanup, onMount, Show } from 'solid-js'
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
  const [showProjects, setShowProjects] = createSignal(false)
  const [reveal, setReveal] = createSignal<EditorReveal>()

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

      <main class="workspace">
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
