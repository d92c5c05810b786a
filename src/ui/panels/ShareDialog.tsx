// Shows the share link for the open project: what is in it, what was left out, and a copy button.
import { createSignal, For, Show } from 'solid-js'
import { useApp } from '../state/app-context'
import Dialog from './Dialog'

export default function ShareDialog() {
  const { state, actions } = useApp()
  const [copied, setCopied] = createSignal(false)
  return (
    <Show when={state.share}>
      {(share) => (
        <Dialog
          title="Share this project"
          testId="share-dialog"
          onClose={() => actions.closeShare()}
        >
          <p>
            Anyone with this link gets a copy of the project's files. Connections and their secrets
            are never included; the project opens as a new project and runs nothing until Run is
            pressed.
          </p>
          <div class="share-row">
            <input
              class="share-url"
              data-testid="share-url"
              readOnly
              value={share().url}
              aria-label="Share link"
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              onClick={async () => {
                await navigator.clipboard.writeText(share().url).catch(() => undefined)
                setCopied(true)
              }}
            >
              {copied() ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p class="muted">{share().url.length.toLocaleString()} characters.</p>
          <Show when={share().stripped.length > 0}>
            <div class="callout warning" data-testid="share-stripped">
              <strong>Secret-looking values were left out of the link:</strong>
              <ul>
                <For each={share().stripped}>
                  {(item) => (
                    <li>
                      <code>{item.file}</code> at <code>{item.pointer}</code>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Show>
        </Dialog>
      )}
    </Show>
  )
}
