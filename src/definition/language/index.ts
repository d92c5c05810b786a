// Language services for the editor: completion, hover, go to definition and quick fixes over the
// project's files, plus new-file skeletons and file-name rules. Pure functions of the files and
// the card catalogue; ranges are 1-based lines and columns, like diagnostics. The Monaco adapter
// (src/ui/editor/language-features.ts) converts them.
export { completionsAt, type CompletionKind, type LanguageCompletion } from './completions'
export { definitionAt, type LanguageLocation } from './definition'
export { hoverAt, type LanguageHover } from './hover'
export {
  FLOW_KIND_LABELS,
  TRIGGER_LABELS,
  TRIGGER_TYPES,
  fileNameFor,
  fileNameProblem,
  fixedFlowName,
  newFlowFile,
  newWorkflowFile,
  renamedPath,
  type NewFile,
  type RenameResult,
  type TriggerType,
} from './new-files'
export { RESERVED_FLOW_NAMES, quickFixesFor, type QuickFix } from './quick-fixes'
export { closestName, editDistance } from './suggest'
export {
  applyFileEdits,
  applyTextEdits,
  offsetAt,
  positionAt,
  type FileEdit,
  type TextEdit,
} from './text'
