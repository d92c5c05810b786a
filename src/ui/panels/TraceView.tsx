// The run trace, like Workflows' flow history: each card in order with its inputs, outputs,
// status and duration (wall, and virtual time waited); the failing card marked; container
// branches and helper-flow runs nested and expandable; retries, handled errors, Continue If stops
// and the helper runs left out of a long loop's trace are all said.
import { For, Show } from 'solid-js'
import type { FlowTrace, StepTrace } from '../../engine'
import JsonView from './JsonView'

function formatMs(ms: number): string {
  return ms < 1
    ? '<1 ms'
    : ms < 1000
      ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms`
      : `${(ms / 1000).toFixed(2)} s`
}

/** Virtual time reads best in the largest whole unit: 2 min, 1 h 30 min, 3 d. */
function formatVirtual(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 1) return `${Math.round(ms / 1000)} s`
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`
  return `${Math.round(hours / 24)} d`
}

function StepRow(props: { step: StepTrace }) {
  const failed = () => props.step.status === 'failed'
  return (
    <li
      class="trace-step"
      classList={{ failed: failed() }}
      data-testid="trace-step"
      data-status={props.step.status}
    >
      <details open={failed()}>
        <summary>
          <span class="step-status" aria-label={props.step.status}>
            {failed() ? '✕' : props.step.handledError ? '!' : '✓'}
          </span>
          <span class="step-card">{props.step.cardName}</span>
          <code class="step-id">{props.step.stepId}</code>
          <Show when={props.step.retries}>
            {(retries) => (
              <span class="step-note" data-testid="step-retries">
                retried {retries()}×
              </span>
            )}
          </Show>
          <span class="step-duration">
            {formatMs(props.step.durationMs)}
            <Show when={props.step.virtualMs}>
              {(virtual) => (
                <span class="virtual" title="Virtual time: waits pass at once in the playground">
                  {' '}
                  + {formatVirtual(virtual())} waited
                </span>
              )}
            </Show>
          </span>
        </summary>
        <div class="step-io">
          <div>
            <h5>Inputs</h5>
            <JsonView value={props.step.inputs} />
          </div>
          <div>
            <h5>Outputs</h5>
            <JsonView value={props.step.outputs} />
          </div>
        </div>
        <Show when={props.step.stopped !== undefined}>
          <div class="step-info">
            Continue If did not hold: stopped with “{props.step.stopped}”.
          </div>
        </Show>
        <Show when={props.step.handledError}>
          {(error) => (
            <div class="step-info" data-testid="handled-error">
              Error handling dealt with: <strong>{error().code}</strong> {error().message}
            </div>
          )}
        </Show>
        <Show when={props.step.error}>
          {(error) => (
            <div class="step-error" role="alert">
              <strong>Error {error().code}:</strong> {error().message}
            </div>
          )}
        </Show>
        <For each={props.step.lists}>
          {(list) => (
            <div class="step-list" data-testid="step-list" data-list={list.name}>
              <div class="step-list-title">{list.name}</div>
              <ol class="trace-steps">
                <For each={list.steps}>{(inner) => <StepRow step={inner} />}</For>
              </ol>
            </div>
          )}
        </For>
        <Show when={props.step.children?.length}>
          <For each={props.step.children}>
            {(child, index) => (
              <>
                <Show
                  when={
                    props.step.omittedChildren &&
                    index() === Math.floor((props.step.children?.length ?? 0) / 2)
                  }
                >
                  <div class="omitted" data-testid="omitted-runs">
                    … {props.step.omittedChildren?.toLocaleString()} more helper runs not kept in
                    the trace …
                  </div>
                </Show>
                <FlowRun trace={child} nested />
              </>
            )}
          </For>
        </Show>
      </details>
    </li>
  )
}

export function FlowRun(props: { trace: FlowTrace; nested?: boolean }) {
  return (
    <div
      class="flow-run"
      classList={{ nested: props.nested }}
      data-testid={props.nested ? 'nested-run' : 'flow-run'}
    >
      <div class="flow-run-title">
        <span>{props.nested ? 'Helper flow' : 'Flow'}</span> <strong>{props.trace.flow}</strong>
        <span class={`badge ${props.trace.status}`}>{props.trace.status}</span>
        <span class="muted">{formatMs(props.trace.durationMs)}</span>
      </div>
      <ol class="trace-steps">
        <For each={props.trace.steps}>{(step) => <StepRow step={step} />}</For>
      </ol>
    </div>
  )
}
