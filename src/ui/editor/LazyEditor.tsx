// Lazy boundary for Monaco: the editor chunk (Monaco, its workers, the JSON language) loads only
// when the editor is first shown, so the app shell paints without it.
import { lazy, Suspense } from 'solid-js'
import type { MonacoEditorProps } from './MonacoEditor'

const loadEditor = () => import('./MonacoEditor')
const MonacoEditor = lazy(loadEditor)

/** Starts fetching the editor chunk now, in parallel with storage and the engine worker. */
export function preloadEditor(): void {
  void loadEditor()
}

export default function LazyEditor(props: MonacoEditorProps) {
  return (
    <Suspense fallback={<div class="editor-loading">Loading editor…</div>}>
      <MonacoEditor {...props} />
    </Suspense>
  )
}
