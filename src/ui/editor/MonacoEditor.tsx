// The editor adapter: one Monaco editor, one model per project file, JSON Schema markers and
// completion from the format's schema, the validator's diagnostics as markers, and Ctrl/Cmd+Enter
// to run. Loaded lazily (see LazyEditor.tsx); the rest of the app only sees these props.
import { createEffect, on, onCleanup, onMount } from 'solid-js'
import type { Diagnostic, JsonSchema, ProjectFiles } from '../../definition'
import { jsonDefaults, monaco } from './monaco'

export interface EditorReveal {
  file: string
  line: number
  column: number
  /** Changes on every request, so revealing the same place twice works. */
  nonce: number
}

export interface MonacoEditorProps {
  /** Changes when another project is opened: all models are replaced. */
  projectId: string
  files: ProjectFiles
  activeFile: string
  diagnostics: readonly Diagnostic[]
  schemas: { connector: JsonSchema; flow: JsonSchema }
  reveal: EditorReveal | undefined
  onChange: (path: string, text: string) => void
  onRun: () => void
  onReady?: () => void
}

/** Codes Monaco's own JSON service already marks (syntax and schema): not marked twice. */
const MARKED_BY_MONACO = new Set(['JSON001', 'SCHEMA001'])

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const

export default function MonacoEditor(props: MonacoEditorProps) {
  let container!: HTMLDivElement
  let editor: monaco.editor.IStandaloneCodeEditor | undefined
  const models = new Map<string, monaco.editor.ITextModel>()
  const viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>()
  let applyingExternalChange = false

  const uriFor = (projectId: string, path: string) =>
    monaco.Uri.from({ scheme: 'file', path: `/${projectId}/${path}` })

  const disposeModels = () => {
    for (const model of models.values()) model.dispose()
    models.clear()
    viewStates.clear()
  }

  const modelFor = (path: string): monaco.editor.ITextModel => {
    let model = models.get(path)
    if (!model) {
      model = monaco.editor.createModel(
        props.files[path] ?? '',
        'json',
        uriFor(props.projectId, path),
      )
      const owned = model
      // Monaco's listener is an event handler: reading props here is intended.
      // eslint-disable-next-line solid/reactivity
      owned.onDidChangeContent(() => {
        if (!applyingExternalChange) props.onChange(path, owned.getValue())
      })
      models.set(path, owned)
    }
    return model
  }

  const applySchemas = () => {
    jsonDefaults.setDiagnosticsOptions({
      validate: true,
      allowComments: false,
      enableSchemaRequest: false,
      schemaValidation: 'error',
      schemas: [
        {
          uri: 'playground://schemas/connector.json',
          fileMatch: ['**/connector.json'],
          schema: props.schemas.connector,
        },
        {
          uri: 'playground://schemas/flow.json',
          fileMatch: ['**/flows/*.json'],
          schema: props.schemas.flow,
        },
      ],
    })
  }

  onMount(() => {
    applySchemas()
    editor = monaco.editor.create(container, {
      model: modelFor(props.activeFile),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      theme: 'vs',
    })
    // A Monaco command is an event handler: reading props here is intended.
    // eslint-disable-next-line solid/reactivity
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => props.onRun())
    container.dataset.ready = 'true'
    performance.mark('editor-ready')
    props.onReady?.()
  })

  createEffect(on(() => props.schemas, applySchemas, { defer: true }))

  createEffect(
    on(
      () => props.projectId,
      () => {
        if (!editor) return
        editor.setModel(null)
        disposeModels()
        editor.setModel(modelFor(props.activeFile))
      },
      { defer: true },
    ),
  )

  createEffect(
    on(
      () => props.activeFile,
      (path, previous) => {
        if (!editor) return
        if (previous) viewStates.set(previous, editor.saveViewState())
        editor.setModel(modelFor(path))
        const state = viewStates.get(path)
        if (state) editor.restoreViewState(state)
        editor.focus()
      },
      { defer: true },
    ),
  )

  // Text replaced from outside the editor (e.g. a reload of the project) flows into the models.
  createEffect(() => {
    for (const [path, model] of models) {
      const text = props.files[path]
      if (text !== undefined && text !== model.getValue()) {
        applyingExternalChange = true
        model.setValue(text)
        applyingExternalChange = false
      }
    }
  })

  createEffect(() => {
    const byFile = new Map<string, Diagnostic[]>()
    for (const d of props.diagnostics) {
      if (MARKED_BY_MONACO.has(d.code)) continue
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), d])
    }
    for (const [path, model] of models) {
      monaco.editor.setModelMarkers(
        model,
        'playground',
        (byFile.get(path) ?? []).map((d) => ({
          severity: SEVERITY[d.severity],
          message: d.message,
          code: d.code,
          startLineNumber: d.range.startLine,
          startColumn: d.range.startColumn,
          endLineNumber: d.range.endLine,
          endColumn: d.range.endColumn,
          source: 'playground',
        })),
      )
    }
  })

  createEffect(
    on(
      () => props.reveal,
      (reveal) => {
        if (!editor || !reveal || reveal.file !== props.activeFile) return
        editor.setPosition({ lineNumber: reveal.line, column: reveal.column })
        editor.revealLineInCenter(reveal.line)
        editor.focus()
      },
    ),
  )

  onCleanup(() => {
    editor?.dispose()
    disposeModels()
  })

  return <div ref={container} class="monaco-host" data-testid="editor" />
}
