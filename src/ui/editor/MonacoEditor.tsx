// The editor adapter: one Monaco editor, one model per project file, JSON Schema markers and
// completion from the format's schema, the validator's diagnostics as markers, the playground's
// language features (references, cards, flows, quick fixes; see language-features.ts), and
// Ctrl/Cmd+Enter to run. Loaded lazily (see LazyEditor.tsx); the app only sees these props.
import { createEffect, on, onCleanup, onMount, untrack } from 'solid-js'
import type { CardCatalogue, Diagnostic, ProjectFiles, SourceRange } from '../../definition'
import type { FileEdit } from '../../definition/language'
import { fileUri, registerLanguageFeatures, setLanguageHost } from './language-features'
import { EDITOR_SCHEMAS } from './editor-schemas'
import { jsonDefaults, monaco } from './monaco'

export interface EditorReveal {
  file: string
  line: number
  column: number
  /** With an end, the range is selected rather than just given the cursor. */
  endLine?: number
  endColumn?: number
  /** Changes on every request, so revealing the same place twice works. */
  nonce: number
}

export interface MonacoEditorProps {
  /** Changes when another project is opened: all models are replaced. */
  projectId: string
  files: ProjectFiles
  activeFile: string
  diagnostics: readonly Diagnostic[]
  catalogue: CardCatalogue
  reveal: EditorReveal | undefined
  onChange: (path: string, text: string) => void
  /** Go to definition in another file: open it and select the range. */
  onOpenLocation: (file: string, range: SourceRange) => void
  /** Edits to files the editor has no model for (quick fixes normally edit the models). */
  onApplyEdits: (edits: readonly FileEdit[]) => void
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
  let modelsProject: string | undefined
  let shownPath: string | undefined
  let applyingExternalChange = false

  const disposeModels = () => {
    for (const model of models.values()) model.dispose()
    models.clear()
    viewStates.clear()
  }

  const createModel = (path: string, text: string): monaco.editor.ITextModel => {
    const model = monaco.editor.createModel(text, 'json', fileUri(props.projectId, path))
    // Monaco's listener is an event handler: reading props here is intended.
    // eslint-disable-next-line solid/reactivity
    model.onDidChangeContent(() => {
      if (!applyingExternalChange) props.onChange(path, model.getValue())
    })
    models.set(path, model)
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
          schema: EDITOR_SCHEMAS.connector,
        },
        {
          uri: 'playground://schemas/flow.json',
          fileMatch: ['**/flows/*.json'],
          schema: EDITOR_SCHEMAS.flow,
        },
        {
          uri: 'playground://schemas/workflow.json',
          fileMatch: ['**/workflows/*.json'],
          schema: EDITOR_SCHEMAS.workflow,
        },
      ],
    })
  }

  const applyMarkers = () => {
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
  }

  /**
   * Keeps one model per project file (so go to definition and quick fixes reach every file),
   * brings text changed outside the editor into the models, and shows the active file's model.
   */
  const syncModels = () => {
    const files = props.files
    const projectId = props.projectId
    if (modelsProject !== projectId) {
      editor?.setModel(null)
      disposeModels()
      shownPath = undefined
      modelsProject = projectId
    }
    let created = false
    for (const [path, text] of Object.entries(files)) {
      const model = models.get(path)
      if (!model) {
        createModel(path, text)
        created = true
      } else if (model.getValue() !== text) {
        // Text replaced from outside (a rename, a reload): an undoable edit, not a reset.
        applyingExternalChange = true
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null)
        applyingExternalChange = false
      }
    }
    const active = props.activeFile
    const target = models.get(active)
    if (editor && target && shownPath !== active) {
      if (shownPath !== undefined && editor.getModel()) {
        viewStates.set(shownPath, editor.saveViewState())
      }
      editor.setModel(target)
      const state = viewStates.get(active)
      if (state) editor.restoreViewState(state)
      const switching = shownPath !== undefined
      shownPath = active
      if (switching) editor.focus()
    }
    for (const [path, model] of models) {
      if (files[path] !== undefined) continue
      if (editor?.getModel() === model) editor.setModel(null)
      model.dispose()
      models.delete(path)
      viewStates.delete(path)
      if (shownPath === path) shownPath = undefined
    }
    if (created) untrack(applyMarkers)
  }

  onMount(() => {
    applySchemas()
    registerLanguageFeatures()
    // The host is read by Monaco's providers, i.e. in event handlers: reading props is intended.
    setLanguageHost({
      projectId: () => props.projectId,
      files: () => props.files,
      catalogue: () => props.catalogue,
      diagnostics: () => props.diagnostics,
      openLocation: (file, range) => props.onOpenLocation(file, range),
      applyEdits: (edits) => props.onApplyEdits(edits),
    })
    editor = monaco.editor.create(container, {
      model: null,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      theme: 'vs',
      // JSON is all strings: suggest as you type inside them too (as VS Code does for JSON).
      quickSuggestions: { other: true, comments: false, strings: true },
      lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
    })
    untrack(syncModels)
    // A Monaco command is an event handler: reading props here is intended.
    // eslint-disable-next-line solid/reactivity
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => props.onRun())
    container.dataset.ready = 'true'
    performance.mark('editor-ready')
    props.onReady?.()
  })

  createEffect(
    on(
      () => [props.projectId, props.activeFile, props.files, ...Object.values(props.files)],
      () => syncModels(),
      { defer: true },
    ),
  )

  createEffect(applyMarkers)

  createEffect(
    on(
      () => props.reveal,
      (reveal) => {
        if (!editor || !reveal || reveal.file !== props.activeFile) return
        if (reveal.endLine !== undefined && reveal.endColumn !== undefined) {
          editor.setSelection({
            startLineNumber: reveal.line,
            startColumn: reveal.column,
            endLineNumber: reveal.endLine,
            endColumn: reveal.endColumn,
          })
        } else {
          editor.setPosition({ lineNumber: reveal.line, column: reveal.column })
        }
        editor.revealLineInCenter(reveal.line)
        editor.focus()
      },
    ),
  )

  onCleanup(() => {
    setLanguageHost(undefined)
    editor?.dispose()
    disposeModels()
  })

  return <div ref={container} class="monaco-host" data-testid="editor" />
}
