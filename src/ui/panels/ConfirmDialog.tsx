// Asks before something that cannot be undone.
import Dialog from './Dialog'

export interface ConfirmDialogProps {
  title: string
  message: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}

export default function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog
      title={props.title}
      testId="confirm-dialog"
      onClose={() => props.onCancel()}
      footer={
        <>
          <button onClick={() => props.onCancel()}>Cancel</button>
          <button class="danger" onClick={() => props.onConfirm()}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.message}</p>
    </Dialog>
  )
}
