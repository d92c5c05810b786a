/// <reference types="vite/client" />
// Bench baseline (see bench/run.mjs): a page that only mounts Monaco, through the playground's own
// loader (src/ui/editor/monaco.ts: same features, JSON language and workers) and with the editor
// options of src/ui/editor/MonacoEditor.tsx, on a template flow file. It signals readiness the same
// way as the playground: the `editor-ready` performance mark and data-ready on the editor host.
import flowText from '../../fixtures/templates/acme-hr/flows/httpHelper.json?raw'
import { monaco } from '../../src/ui/editor/monaco'

const host = document.querySelector<HTMLDivElement>('[data-testid=editor]')
if (!host) throw new Error('bench/bare/index.html has no editor host')

const model = monaco.editor.createModel(
  flowText,
  'json',
  monaco.Uri.from({ scheme: 'file', path: '/bare/flows/httpHelper.json' }),
)
monaco.editor.create(host, {
  model,
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 13,
  tabSize: 2,
  scrollBeyondLastLine: false,
  fixedOverflowWidgets: true,
  theme: 'vs',
})
host.dataset.ready = 'true'
performance.mark('editor-ready')
