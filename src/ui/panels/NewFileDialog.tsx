// New flow / New workflow: pick a kind (or a trigger type) and a name; the file is created from a
// skeleton that validates cleanly, and opened. Problems with the name are said inline.
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { CardCatalogue, FlowKind } from '../../definition'
import { FLOW_KINDS } from '../../definition/flow-kinds'
import {
  FLOW_KIND_LABELS,
  fixedFlowName,
  newFlowFile,
  newWorkflowFile,
  TRIGGER_LABELS,
  TRIGGER_TYPES,
  type TriggerType,
} from '../../definition/language'
import { useApp } from '../state/app-context'
import Dialog from './Dialog'

const FLOW_KIND_HELP: Record<FlowKind, string> = {
  action: 'A card users add to their flows: inputs, then the steps, then Return Outputs.',
  helper: 'Called by other flows (Call Flow, dynamic dropdowns, error handling).',
  authping: 'Checks that a connection works. Named _authping; one per connector.',
  revoke: 'Revokes a connection’s tokens when it is deleted. Named _revoke.',
  webhookEvent: 'An event card fed by the service’s webhook deliveries.',
  webhookRegistration: 'Registers the event URL with the service when an event flow is turned on.',
  webhookDeregistration: 'Removes that registration when the flow is turned off.',
  pollingMonitor: 'An event card that polls the service on a schedule.',
}

const TRIGGER_HELP: Record<TriggerType, string> = {
  manual: 'Runs when you press Run.',
  schedule: 'Runs on a schedule (every day at 09:00 to start with).',
  event: 'Starts from one of this connector’s event cards.',
  apiEndpoint: 'Another system calls it over HTTP.',
  helper: 'Called by other workflows.',
  delegated: 'Run by an admin from the Admin Console.',
}

export default function NewFileDialog(props: {
  mode: 'flow' | 'workflow'
  catalogue: CardCatalogue
  onClose: () => void
}) {
  const { state, actions } = useApp()
  const [kind, setKind] = createSignal<FlowKind>('action')
  const [trigger, setTrigger] = createSignal<TriggerType>('manual')
  const [name, setName] = createSignal('')
  const [submitted, setSubmitted] = createSignal(false)

  const fixedName = () => (props.mode === 'flow' ? fixedFlowName(kind()) : undefined)
  const result = createMemo(() => {
    const files = state.project?.files ?? {}
    return props.mode === 'flow'
      ? newFlowFile(files, props.catalogue, kind(), name())
      : newWorkflowFile(files, props.catalogue, trigger(), name())
  })
  /** Errors show once the user has typed a name or tried to create (not on an empty form). */
  const error = () => {
    const r = result()
    if (r.ok) return undefined
    return submitted() || name().trim() !== '' || fixedName() !== undefined ? r.error : undefined
  }

  const create = (event: Event) => {
    event.preventDefault()
    setSubmitted(true)
    const r = result()
    if (!r.ok) return
    if (actions.createFile(r.path, r.text)) props.onClose()
  }

  const title = () => (props.mode === 'flow' ? 'New flow' : 'New workflow')

  return (
    <Dialog
      title={title()}
      testId="new-file-dialog"
      onClose={() => props.onClose()}
      footer={
        <>
          <button type="button" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-file-form"
            class="primary"
            data-testid="create-file"
            disabled={error() !== undefined}
          >
            Create
          </button>
        </>
      }
    >
      <form id="new-file-form" class="new-file-form" onSubmit={create}>
        <Show
          when={props.mode === 'flow'}
          fallback={
            <label>
              Trigger
              <select
                data-testid="new-file-trigger"
                value={trigger()}
                onChange={(e) => setTrigger(e.currentTarget.value as TriggerType)}
              >
                <For each={TRIGGER_TYPES}>
                  {(type) => <option value={type}>{TRIGGER_LABELS[type]}</option>}
                </For>
              </select>
              <span class="help">{TRIGGER_HELP[trigger()]}</span>
            </label>
          }
        >
          <label>
            Kind
            <select
              data-testid="new-file-kind"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as FlowKind)}
            >
              <For each={FLOW_KINDS}>{(k) => <option value={k}>{FLOW_KIND_LABELS[k]}</option>}</For>
            </select>
            <span class="help">{FLOW_KIND_HELP[kind()]}</span>
          </label>
        </Show>
        <label>
          Name
          <input
            data-testid="new-file-name"
            value={fixedName() ?? name()}
            disabled={fixedName() !== undefined}
            placeholder={props.mode === 'flow' ? 'e.g. Get User' : 'e.g. Nightly sync'}
            autofocus
            aria-invalid={error() !== undefined}
            aria-describedby="new-file-feedback"
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <p
          id="new-file-feedback"
          class={error() ? 'form-error' : 'muted'}
          role={error() ? 'alert' : undefined}
          data-testid="new-file-feedback"
        >
          {(() => {
            const r = result()
            if (error()) return error()
            if (r.ok) return `Creates ${r.path}`
            return props.mode === 'flow'
              ? 'Flow names use letters, numbers and spaces.'
              : 'Name the workflow.'
          })()}
        </p>
      </form>
    </Dialog>
  )
}
