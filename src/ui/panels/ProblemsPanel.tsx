// The Problems list: every diagnostic of the project, located; clicking one opens the file at
// the exact place.
import { For, Show } from 'solid-js'
import type { Diagnostic } from '../../definition'

export default function ProblemsPanel(props: {
  diagnostics: readonly Diagnostic[]
  onSelect: (diagnostic: Diagnostic) => void
}) {
  return (
    <section class="problems" aria-label="Problems" data-testid="problems">
      <h3>
        Problems <span class="count">{props.diagnostics.length}</span>
      </h3>
      <Show when={props.diagnostics.length > 0} fallback={<p class="muted">No problems.</p>}>
        <ul>
          <For each={props.diagnostics}>
            {(d) => (
              <li>
                <button
                  class={`problem ${d.severity}`}
                  data-testid="problem"
                  onClick={() => props.onSelect(d)}
                >
                  <span class="problem-where">
                    {d.file}:{d.range.startLine}:{d.range.startColumn}
                  </span>
                  <span class="problem-code">{d.code}</span>
                  <span class="problem-message">{d.message}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
