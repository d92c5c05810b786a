// The run trace, like Workflows' flow history: each card in order with its inputs, outputs,
// status and duration; the failing card marked; helper-flow runs nested and expandable.
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
            {failed() ? '✕' : '✓'}
          </span>
          <span class="step-card">{props.step.cardName}</span>
          <code class="step-id">{props.step.stepId}</code>
          <span class="step-duration">{formatMs(props.step.durationMs)}</span>
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
        <Show when={props.step.error}>
          {(error) => (
            <div class="step-error" role="alert">
              <strong>Error {error().code}:</strong> {error().message}
            </div>
          )}
        </Show>
        <Show when={props.step.children?.length}>
          <For each={props.step.children}>{(child) => <FlowRun trace={child} nested />}</For>
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
