// The project list: open, rename and delete projects (deleting asks first), and start a new
// project from a template.
import { createSignal, For, Show } from 'solid-js'
import type { Template } from '../../../fixtures/templates'
import { useApp } from '../state/app-context'
import ConfirmDialog from './ConfirmDialog'
import Dialog from './Dialog'

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export default function ProjectsDialog(props: {
  templates: readonly Template[]
  onClose: () => void
}) {
  const { state, actions } = useApp()
  const [renaming, setRenaming] = createSignal<string>()
  const [deleting, setDeleting] = createSignal<{ id: string; name: string }>()

  return (
    <Dialog title="Projects" testId="projects-dialog" onClose={() => props.onClose()}>
      <h3>Your projects</h3>
      <ul class="project-list" aria-label="Your projects">
        <For each={state.projects}>
          {(project) => (
            <li
              class="project-row"
              data-testid="project-row"
              classList={{ current: state.project?.id === project.id }}
            >
              <Show
                when={renaming() === project.id}
                fallback={
                  <button
                    class="project-open"
                    onClick={async () => {
                      await actions.openProject(project.id)
                      props.onClose()
                    }}
                  >
                    <span class="project-name">{project.name}</span>
                    <span class="muted">Edited {formatTime(project.updatedAt)}</span>
                  </button>
                }
              >
                <form
                  class="rename-form"
                  onSubmit={async (event) => {
                    event.preventDefault()
                    const input = event.currentTarget.elements.namedItem('name') as HTMLInputElement
                    await actions.renameProject(project.id, input.value)
                    setRenaming(undefined)
                  }}
                >
                  <input name="name" aria-label="Project name" value={project.name} autofocus />
                  <button type="submit">Save</button>
                </form>
              </Show>
              <button onClick={() => setRenaming(project.id)} aria-label={`Rename ${project.name}`}>
                Rename
              </button>
              <button
                class="danger-text"
                onClick={() => setDeleting({ id: project.id, name: project.name })}
                aria-label={`Delete ${project.name}`}
              >
                Delete
              </button>
            </li>
          )}
        </For>
      </ul>
      <h3>New from a template</h3>
      <ul class="template-list">
        <For each={props.templates}>
          {(template) => (
            <li>
              <button
                class="template-card"
                data-testid={`template-${template.id}`}
                onClick={async () => {
                  await actions.createFromTemplate(template.id)
                  props.onClose()
                }}
              >
                <strong>{template.title}</strong>
                <span class="muted">{template.summary}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={deleting()}>
        {(target) => (
          <ConfirmDialog
            title="Delete project?"
            message={`"${target().name}" and all its files will be deleted from this browser. This cannot be undone.`}
            confirmLabel="Delete project"
            onCancel={() => setDeleting(undefined)}
            onConfirm={() => {
              const id = target().id
              setDeleting(undefined)
              void actions.deleteProject(id)
            }}
          />
        )}
      </Show>
    </Dialog>
  )
}
