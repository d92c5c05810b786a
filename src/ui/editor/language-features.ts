// Monaco adapters for the playground's language services (src/definition/language): completion of
// references, card ids and flow names; hovers; go to definition (across files, through the app);
// and quick fixes for the validator's markers. They merge with Monaco's own JSON Schema features.
// Registered once per Monaco load; the mounted editor supplies the project through a host.
import type { CardCatalogue, Diagnostic, ProjectFiles, SourceRange } from '../../definition'
import {
  completionsAt,
  definitionAt,
  hoverAt,
  quickFixesFor,
  type CompletionKind,
  type FileEdit,
} from '../../definition/language'
import { DIAGNOSTIC_CODES } from '../../definition/codes'
import { monaco } from './monaco'

/** What the features read from the app: the open project, the cards, and where to go. */
export interface LanguageHost {
  projectId(): string
  files(): ProjectFiles
  catalogue(): CardCatalogue
  diagnostics(): readonly Diagnostic[]
  /** Opens a file of the project and selects a range in it. */
  openLocation(file: string, range: SourceRange): void
  /** Applies edits through the app (for files without an editor model). */
  applyEdits(edits: readonly FileEdit[]): void
}

const APPLY_EDITS_COMMAND = 'playground.applyEdits'

let host: LanguageHost | undefined
let registered = false

export function setLanguageHost(next: LanguageHost | undefined): void {
  host = next
}

/** The model URI of a project file (the editor keeps one model per file). */
export function fileUri(projectId: string, path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/${projectId}/${path}` })
}

/** The project file a model URI stands for, if it belongs to the open project. */
function pathOf(uri: monaco.Uri): string | undefined {
  if (!host || uri.scheme !== 'file') return undefined
  const prefix = `/${host.projectId()}/`
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined
}

interface Request {
  host: LanguageHost
  path: string
  files: ProjectFiles
  catalogue: CardCatalogue
}

/** The project as the model shows it right now (the model is ahead of the store by a tick). */
function requestFor(model: monaco.editor.ITextModel): Request | undefined {
  const path = pathOf(model.uri)
  if (!host || path === undefined) return undefined
  return {
    host,
    path,
    files: { ...host.files(), [path]: model.getValue() },
    catalogue: host.catalogue(),
  }
}

const toRange = (r: SourceRange): monaco.IRange => ({
  startLineNumber: r.startLine,
  startColumn: r.startColumn,
  endLineNumber: r.endLine,
  endColumn: r.endColumn,
})

const fromRange = (r: monaco.IRange): SourceRange => ({
  startLine: r.startLineNumber,
  startColumn: r.startColumn,
  endLine: r.endLineNumber,
  endColumn: r.endColumn,
})

const KINDS: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  scope: monaco.languages.CompletionItemKind.Module,
  step: monaco.languages.CompletionItemKind.Variable,
  field: monaco.languages.CompletionItemKind.Field,
  card: monaco.languages.CompletionItemKind.Function,
  flow: monaco.languages.CompletionItemKind.Reference,
}

function markerCode(marker: monaco.editor.IMarkerData): string | undefined {
  return typeof marker.code === 'string' ? marker.code : marker.code?.value
}

/** The diagnostic a playground marker was made from (it carries the JSON pointer). */
function diagnosticOf(request: Request, marker: monaco.editor.IMarkerData): Diagnostic | undefined {
  const code = markerCode(marker)
  return request.host
    .diagnostics()
    .find(
      (d) =>
        d.file === request.path &&
        d.code === code &&
        d.range.startLine === marker.startLineNumber &&
        d.range.startColumn === marker.startColumn &&
        d.message === marker.message,
    )
}

export function registerLanguageFeatures(): void {
  if (registered) return
  registered = true

  monaco.languages.registerCompletionItemProvider('json', {
    triggerCharacters: ['=', '.', '"'],
    provideCompletionItems(model, position) {
      const request = requestFor(model)
      if (!request) return { suggestions: [] }
      const items = completionsAt(
        request.files,
        request.catalogue,
        request.path,
        model.getOffsetAt(position),
      )
      return {
        suggestions: items.map((item) => {
          const suggestion: monaco.languages.CompletionItem = {
            label: item.label,
            kind: KINDS[item.kind],
            insertText: item.insertText,
            range: toRange(item.range),
            sortText: item.sortText,
          }
          if (item.detail) suggestion.detail = item.detail
          if (item.documentation) suggestion.documentation = { value: item.documentation }
          if (item.additionalEdits) {
            suggestion.additionalTextEdits = item.additionalEdits.map((edit) => ({
              range: toRange(edit.range),
              text: edit.text,
            }))
          }
          return suggestion
        }),
      }
    },
  })

  const explainCode = (code: string): string | undefined => {
    const info = DIAGNOSTIC_CODES[code]
    if (!info) return undefined
    const scope = info.deploymentOnly ? ' *(stops a deployment, not a test run)*' : ''
    return `**${code}** — ${info.title}${scope}\n\n${info.explanation}`
  }

  monaco.languages.registerHoverProvider('json', {
    provideHover(model, position) {
      const request = requestFor(model)
      if (!request) return undefined
      const hover = hoverAt(
        request.files,
        request.catalogue,
        request.path,
        model.getOffsetAt(position),
      )
      // A playground marker here: explain its code (Monaco shows the message itself).
      const codes = monaco.editor
        .getModelMarkers({ resource: model.uri, owner: 'playground' })
        .filter((m) =>
          new monaco.Range(
            m.startLineNumber,
            m.startColumn,
            m.endLineNumber,
            m.endColumn,
          ).containsPosition(position),
        )
        .map((m) => (typeof m.code === 'string' ? m.code : m.code?.value))
        .filter((code, i, all): code is string => code !== undefined && all.indexOf(code) === i)
        .map((code) => explainCode(code))
        .filter((text): text is string => text !== undefined)
      const contents = [...(hover ? [hover.markdown] : []), ...codes].map((value) => ({ value }))
      if (contents.length === 0) return null
      return hover ? { contents, range: toRange(hover.range) } : { contents }
    },
  })

  monaco.languages.registerDefinitionProvider('json', {
    provideDefinition(model, position) {
      const request = requestFor(model)
      if (!request) return undefined
      const location = definitionAt(
        request.files,
        request.catalogue,
        request.path,
        model.getOffsetAt(position),
      )
      return location
        ? { uri: fileUri(request.host.projectId(), location.file), range: toRange(location.range) }
        : null
    },
  })

  // Go to definition in another file: the app opens that file, then the editor reveals the range.
  monaco.editor.registerEditorOpener({
    openCodeEditor(_source, resource, selectionOrPosition) {
      const path = pathOf(resource)
      if (!host || path === undefined || host.files()[path] === undefined) return false
      let range: SourceRange = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }
      if (selectionOrPosition && 'startLineNumber' in selectionOrPosition) {
        range = fromRange(selectionOrPosition)
      } else if (selectionOrPosition) {
        const { lineNumber, column } = selectionOrPosition
        range = {
          startLine: lineNumber,
          startColumn: column,
          endLine: lineNumber,
          endColumn: column,
        }
      }
      host.openLocation(path, range)
      return true
    },
  })

  monaco.editor.registerCommand(APPLY_EDITS_COMMAND, (_accessor, edits: FileEdit[]) =>
    host?.applyEdits(edits),
  )

  monaco.languages.registerCodeActionProvider(
    'json',
    {
      provideCodeActions(model, _range, context) {
        const request = requestFor(model)
        const actions: monaco.languages.CodeAction[] = []
        if (!request) return { actions, dispose() {} }
        for (const marker of context.markers) {
          if (marker.source !== 'playground') continue
          const diagnostic = diagnosticOf(request, marker)
          if (!diagnostic) continue
          for (const fix of quickFixesFor(diagnostic, request.files, request.catalogue)) {
            const edits = fix.edits.map((edit) => ({
              resource: fileUri(request.host.projectId(), edit.file),
              textEdit: { range: toRange(edit.range), text: edit.text },
              versionId: undefined,
            }))
            const action: monaco.languages.CodeAction = {
              title: fix.title,
              kind: 'quickfix',
              diagnostics: [marker],
              isPreferred: fix.preferred ?? false,
            }
            // Edits to open models go through Monaco (one undo step, cursor kept); they reach
            // the app through the models' change events. Anything else goes through the app.
            if (edits.every((edit) => monaco.editor.getModel(edit.resource))) {
              action.edit = { edits }
            } else {
              action.command = {
                id: APPLY_EDITS_COMMAND,
                title: fix.title,
                arguments: [fix.edits],
              }
            }
            actions.push(action)
          }
        }
        return { actions, dispose() {} }
      },
    },
    { providedCodeActionKinds: ['quickfix'] },
  )
}
