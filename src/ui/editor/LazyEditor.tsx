// Lazy boundary for Monaco: the editor chunk (Monaco, its workers, the JSON language) loads only
// when the editor is first shown, so the app shell paints without it.
import { lazy, Suspense } from 'solid-js'
import type { MonacoEditorProps } from './MonacoEditor'

const MonacoEditor = lazy(() => import('./MonacoEditor'))

export default function LazyEditor(props: MonacoEditorProps) {
  return (
    <Suspense fallback={<div class="editor-loading">Loading editor…</div>}>
      <MonacoEditor {...props} />
    </Suspense>
  )
}
