// The project tree: connector.json, then the flows/ and workflows/ folders with their files.
// New flow / New workflow create a skeleton that validates; files can be renamed in place (same
// folder, `.json` kept; collisions and unsafe names are refused inline) and deleted after a
// confirmation. connector.json is neither renamed nor deleted. Every change autosaves.
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { CardCatalogue } from '../../definition'
import {
  CONNECTOR_FILE,
  FLOWS_DIR,
  sortProjectPaths,
  WORKFLOWS_DIR,
} from '../../definition/project'
import { renamedPath } from '../../definition/language'
import { useApp } from '../state/app-context'
import ConfirmDialog from './ConfirmDialog'
import NewFileDialog from './NewFileDialog'

interface Folder {
  name: string
  prefix: string
  empty: string
}

const FOLDERS: readonly Folder[] = [
  { name: 'flows', prefix: FLOWS_DIR, empty: 'No flows yet.' },
  { name: 'workflows', prefix: WORKFLOWS_DIR, empty: 'No workflows yet.' },
]

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1)

function FileRow(props: { path: string; onDelete?: (path: string) => void }) {
  const { state, actions } = useApp()
  const [editing, setEditing] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const folder = () => props.path.slice(0, props.path.lastIndexOf('/') + 1)
  const hasErrors = () =>
    state.diagnostics.some((d) => d.file === props.path && d.severity === 'error')
  const errorId = () => `rename-error-${props.path.replace(/[^A-Za-z0-9]/g, '-')}`

  const submit = (event: SubmitEvent) => {
    event.preventDefault()
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem(
      'name',
    ) as HTMLInputElement
    const result = renamedPath(state.project?.files ?? {}, props.path, input.value)
    if (!result.ok) {
      setError(result.error)
      input.focus()
      return
    }
    if (result.path !== props.path && !actions.renameFile(props.path, result.path)) {
      setError(`${props.path} could not be renamed.`)
      return
    }
    setError(undefined)
    setEditing(false)
  }

  return (
    <li class="tree-row" classList={{ editing: editing() }}>
      <Show
        when={editing()}
        fallback={
          <>
            <button
              class="tree-file"
              classList={{ active: state.activeFile === props.path }}
              data-testid="file-entry"
              data-path={props.path}
              aria-current={state.activeFile === props.path ? 'page' : undefined}
              title={props.path}
              onClick={() => actions.openFile(props.path)}
            >
              <span class="file-icon" aria-hidden="true">
                {'{ }'}
              </span>
              <span class="file-name">
                <Show when={folder()}>
                  <span class="visually-hidden">{folder()}</span>
                </Show>
                {baseName(props.path)}
              </span>
              <Show when={hasErrors()}>
                <span class="file-error" aria-label="has errors">
                  ●
                </span>
              </Show>
            </button>
            <Show when={props.onDelete}>
              <span class="tree-actions">
                <button
                  class="tree-action"
                  aria-label={`Rename ${props.path}`}
                  title="Rename"
                  data-testid="rename-file"
                  onClick={() => {
                    setError(undefined)
                    setEditing(true)
                  }}
                >
                  <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
                    <path
                      d="M11.1 2.2a1.5 1.5 0 0 1 2.1 0l.6.6a1.5 1.5 0 0 1 0 2.1l-7.6 7.6-3.3.9.9-3.3z"
                      fill="none"
                      stroke="currentColor"
                      stroke-width="1.3"
                      stroke-linejoin="round"
                    />
                  </svg>
                </button>
                <button
                  class="tree-action danger-text"
                  aria-label={`Delete ${props.path}`}
                  title="Delete"
                  data-testid="delete-file"
                  onClick={() => props.onDelete?.(props.path)}
                >
                  <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
                    <path
                      d="M2.5 4h11M6 4V2.6h4V4M4 4l.7 9.4h6.6L12 4M6.7 6.5v4.5M9.3 6.5v4.5"
                      fill="none"
                      stroke="currentColor"
                      stroke-width="1.3"
                      stroke-linecap="round"
                      stroke-linejoin="round"
                    />
                  </svg>
                </button>
              </span>
            </Show>
          </>
        }
      >
        <form class="tree-rename" onSubmit={submit}>
          <div class="tree-rename-field">
            <input
              name="name"
              aria-label={`New name for ${props.path}`}
              data-testid="rename-input"
              value={baseName(props.path).replace(/\.json$/, '')}
              aria-invalid={error() !== undefined}
              aria-describedby={error() ? errorId() : undefined}
              ref={(el) => queueMicrotask(() => el.select())}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault()
                  setEditing(false)
                  setError(undefined)
                }
              }}
            />
            <span class="muted">.json</span>
          </div>
          <Show when={error()}>
            <p class="form-error tree-error" role="alert" id={errorId()} data-testid="rename-error">
              {error()}
            </p>
          </Show>
          <div class="tree-rename-buttons">
            <button
              type="button"
              class="small"
              onClick={() => {
                setEditing(false)
                setError(undefined)
              }}
            >
              Cancel
            </button>
            <button type="submit" class="primary small" data-testid="rename-save">
              Save
            </button>
          </div>
        </form>
      </Show>
    </li>
  )
}

export default function ProjectTree(props: { catalogue: CardCatalogue }) {
  const { state, actions } = useApp()
  const [creating, setCreating] = createSignal<'flow' | 'workflow'>()
  const [deleting, setDeleting] = createSignal<string>()
  const [collapsed, setCollapsed] = createSignal<Record<string, boolean>>({})

  const paths = createMemo(() => sortProjectPaths(Object.keys(state.project?.files ?? {})))
  const inFolder = (prefix: string) => paths().filter((p) => p.startsWith(prefix))
  const loose = () =>
    paths().filter(
      (p) => p !== CONNECTOR_FILE && !FOLDERS.some((folder) => p.startsWith(folder.prefix)),
    )

  return (
    <nav class="file-tree" aria-label="Project files" data-testid="project-tree">
      <div class="tree-header">
        <h3>Files</h3>
        <div class="tree-header-actions">
          <button
            class="tree-new"
            data-testid="new-flow"
            disabled={!state.project}
            onClick={() => setCreating('flow')}
          >
            + Flow
          </button>
          <button
            class="tree-new"
            data-testid="new-workflow"
            disabled={!state.project}
            onClick={() => setCreating('workflow')}
          >
            + Workflow
          </button>
        </div>
      </div>
      <ul class="tree" role="list">
        <Show when={paths().includes(CONNECTOR_FILE)}>
          <FileRow path={CONNECTOR_FILE} />
        </Show>
        <For each={FOLDERS}>
          {(folder) => (
            <li class="tree-folder">
              <button
                class="folder-toggle"
                aria-expanded={!collapsed()[folder.name]}
                data-testid={`folder-${folder.name}`}
                onClick={() =>
                  setCollapsed({ ...collapsed(), [folder.name]: !collapsed()[folder.name] })
                }
              >
                <span class="chevron" aria-hidden="true">
                  {collapsed()[folder.name] ? '▸' : '▾'}
                </span>
                {folder.name}
                <span class="folder-count">{inFolder(folder.prefix).length}</span>
              </button>
              <Show when={!collapsed()[folder.name]}>
                <ul role="list">
                  <For
                    each={inFolder(folder.prefix)}
                    fallback={<li class="tree-empty muted">{folder.empty}</li>}
                  >
                    {(path) => <FileRow path={path} onDelete={(p) => setDeleting(p)} />}
                  </For>
                </ul>
              </Show>
            </li>
          )}
        </For>
        <For each={loose()}>
          {(path) => <FileRow path={path} onDelete={(p) => setDeleting(p)} />}
        </For>
      </ul>

      <Show when={creating()}>
        {(mode) => (
          <NewFileDialog
            mode={mode()}
            catalogue={props.catalogue}
            onClose={() => setCreating(undefined)}
          />
        )}
      </Show>
      <Show when={deleting()}>
        {(path) => (
          <ConfirmDialog
            title="Delete file?"
            message={`${path()} will be deleted from this project. This cannot be undone.`}
            confirmLabel="Delete file"
            onCancel={() => setDeleting(undefined)}
            onConfirm={() => {
              actions.deleteFile(path())
              setDeleting(undefined)
            }}
          />
        )}
      </Show>
    </nav>
  )
}
