// The Run panel: pick a flow and a test connection, fill the card's inputs, Run (or Ctrl/Cmd+Enter),
// and read the outputs and the per-card trace. When the project has errors, it says why it cannot run.
import { createMemo, For, Match, Show, Switch } from 'solid-js'
import type { Field } from '../../definition'
import { useApp } from '../state/app-context'
import { usePlatform } from '../state/platform-state'
import JsonView from './JsonView'
import { FlowRun } from './TraceView'

function InputField(props: { flow: string; field: Field }) {
  const { state, actions } = useApp()
  const value = () => state.inputs[props.flow]?.[props.field.key]
  const id = () => `input-${props.field.key}`
  const label = () => props.field.label ?? props.field.key
  const set = (v: unknown) => actions.setInput(props.flow, props.field.key, v)
  return (
    <div class="field">
      <label for={id()}>
        {label()}
        {props.field.required && (
          <span class="required" aria-label="required">
            *
          </span>
        )}
        <span class="type">
          {props.field.list ? `List of ${props.field.type}` : props.field.type}
        </span>
      </label>
      <Switch
        fallback={
          <input
            id={id()}
            value={(value() as string | undefined) ?? ''}
            onInput={(e) => set(e.currentTarget.value === '' ? undefined : e.currentTarget.value)}
          />
        }
      >
        <Match when={props.field.type === 'number' && !props.field.list}>
          <input
            id={id()}
            type="number"
            value={(value() as number | undefined) ?? ''}
            onInput={(e) =>
              set(e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))
            }
          />
        </Match>
        <Match when={props.field.type === 'boolean' && !props.field.list}>
          <input
            id={id()}
            type="checkbox"
            checked={value() === true}
            onChange={(e) => set(e.currentTarget.checked)}
          />
        </Match>
        <Match when={props.field.type === 'object' || props.field.list}>
          <textarea
            id={id()}
            rows={3}
            placeholder={props.field.list ? '["a", "b"]' : '{ "key": "value" }'}
            onInput={(e) => {
              const text = e.currentTarget.value
              try {
                set(text.trim() === '' ? undefined : (JSON.parse(text) as unknown))
                e.currentTarget.setCustomValidity('')
              } catch {
                e.currentTarget.setCustomValidity('Not valid JSON')
              }
            }}
          />
        </Match>
      </Switch>
      {props.field.help && <p class="help">{props.field.help}</p>}
    </div>
  )
}

export default function RunPanel() {
  const { state, actions } = useApp()
  const platform = usePlatform()
  const flows = createMemo(() => actions.listFlows())
  const selected = createMemo(() => flows().find((f) => f.name === state.selectedFlow))
  const errorCount = () => state.diagnostics.filter((d) => d.severity === 'error').length
  const result = () => state.run.result

  return (
    <section class="run-panel" aria-label="Run">
      <div class="run-controls">
        <label>
          Flow
          <select
            data-testid="flow-select"
            value={state.selectedFlow ?? ''}
            onChange={(e) => actions.selectFlow(e.currentTarget.value)}
          >
            <For each={flows()}>
              {(flow) => (
                <option value={flow.name} selected={flow.name === state.selectedFlow}>
                  {flow.name} ({flow.kind})
                </option>
              )}
            </For>
          </select>
        </label>
        <label>
          Connection
          <select
            data-testid="connection-select"
            value={state.connectionId ?? ''}
            onChange={(e) => actions.selectConnection(e.currentTarget.value || undefined)}
          >
            <option value="" selected={!state.connectionId}>
              No connection
            </option>
            <For each={platform.state.connections}>
              {(c) => (
                <option value={c.id} selected={c.id === state.connectionId}>
                  {c.name} ({c.account}){c.health.state === 'ok' ? '' : ` — ${c.health.state}`}
                </option>
              )}
            </For>
          </select>
        </label>
      </div>
      <Show when={selected()}>
        {(flow) => (
          <form
            class="run-inputs"
            onSubmit={(e) => {
              e.preventDefault()
              void actions.run()
            }}
          >
            <Show
              when={flow().inputs.length > 0}
              fallback={<p class="muted">This flow has no inputs.</p>}
            >
              <For each={flow().inputs}>
                {(field) => <InputField flow={flow().name} field={field} />}
              </For>
            </Show>
            <div class="run-buttons">
              <button
                type="submit"
                class="primary"
                data-testid="run-button"
                disabled={state.run.status === 'running' || !state.engine}
                title="Run (Ctrl/Cmd+Enter)"
              >
                {state.run.status === 'running' ? 'Running…' : 'Run'}
              </button>
              <Show when={state.run.status === 'running'}>
                <button type="button" onClick={() => void actions.cancelRun()}>
                  Cancel
                </button>
              </Show>
              <span class="muted kbd-hint">Ctrl/Cmd+Enter</span>
            </div>
          </form>
        )}
      </Show>
      <Show when={errorCount() > 0 && state.run.status !== 'running'}>
        <p class="callout error" data-testid="cannot-run">
          The project has {errorCount()} error{errorCount() === 1 ? '' : 's'}, so Run will not start
          it. See Problems below.
        </p>
      </Show>
      <Show when={result()}>
        {(run) => (
          <div class="run-result" data-testid="run-result" data-status={run().status}>
            <h3>
              Result <span class={`badge ${run().status}`}>{run().status}</span>
              <span class="muted">{run().stepsExecuted} cards</span>
            </h3>
            <Show when={run().error}>
              {(error) => (
                <p class="callout error" role="alert" data-testid="run-error">
                  {error().message}
                </p>
              )}
            </Show>
            <Show when={run().outputs}>
              <h4>Outputs</h4>
              <JsonView value={run().outputs} testId="run-outputs" />
            </Show>
            <Show when={run().trace}>{(trace) => <FlowRun trace={trace()} />}</Show>
          </div>
        )}
      </Show>
    </section>
  )
}
