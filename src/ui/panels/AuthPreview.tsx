// The live preview of the New Connection dialog beside connector.json, like the Preview pane of
// Connector Builder's Authentication dialog. It follows every edit; while the file does not
// parse (mid-typing), it says why and keeps showing the last version that did.
import { createMemo, Show } from 'solid-js'
import { connectionForm, type ConnectionFormModel } from '../connection-form'
import { useApp } from '../state/app-context'
import NewConnectionDialog from './NewConnectionDialog'

export default function AuthPreview() {
  const { state } = useApp()
  const result = createMemo(() => connectionForm(state.project?.files['connector.json']))
  /** The last model of this project that read cleanly, so the preview does not flicker. */
  const lastGood = createMemo<{ project?: string; model?: ConnectionFormModel }>((last) => {
    const project = state.project?.id
    const current = result()
    if (current.ok) return { project, model: current.model }
    return last.project === project ? last : { project }
  }, {})
  const shown = () => lastGood().model
  const error = () => {
    const current = result()
    return current.ok ? undefined : current.error
  }

  return (
    <section class="auth-preview" data-testid="auth-preview" aria-labelledby="auth-preview-title">
      <h3 id="auth-preview-title">Connection dialog preview</h3>
      <p class="help">
        What someone sees when they create a connection to this connector. Try the fields; nothing
        is sent from the preview.
      </p>
      <Show when={error()}>
        {(message) => (
          <p class="callout warning" role="status" data-testid="auth-preview-error">
            The connection dialog can't be previewed: {message()}
            <Show when={shown()}>
              <span class="auth-preview-stale"> Showing the last version that could be read.</span>
            </Show>
          </p>
        )}
      </Show>
      <Show when={shown()}>
        {(model) => (
          <div classList={{ 'auth-preview-frame': true, stale: error() !== undefined }}>
            <NewConnectionDialog mode="preview" model={model()} />
          </div>
        )}
      </Show>
    </section>
  )
}
