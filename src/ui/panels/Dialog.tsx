// A modal dialog on the native <dialog> element: focus trapping, Escape to close, and a labelled
// title for assistive technology come from the platform.
import { onMount, type JSX } from 'solid-js'

export interface DialogProps {
  title: string
  testId: string
  onClose: () => void
  children: JSX.Element
  footer?: JSX.Element
}

export default function Dialog(props: DialogProps) {
  let dialog!: HTMLDialogElement
  const titleId = () => `${props.testId}-title`
  onMount(() => dialog.showModal())
  return (
    <dialog
      ref={dialog}
      class="dialog"
      data-testid={props.testId}
      aria-labelledby={titleId()}
      onClose={() => props.onClose()}
      onCancel={(event) => {
        event.preventDefault()
        props.onClose()
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId()}>{props.title}</h2>
        <button class="icon-button" aria-label="Close" onClick={() => props.onClose()}>
          ×
        </button>
      </header>
      <div class="dialog-body">{props.children}</div>
      {props.footer && <footer class="dialog-footer">{props.footer}</footer>}
    </dialog>
  )
}
