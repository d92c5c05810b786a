// The app's state and actions: the open project and its files, autosave, validation, runs,
// projects management, share links, and the status of the mock transport. Components read the
// store and call actions; persistence and the engine are reached only through the deps given.
import { batch } from 'solid-js'
import { createStore, produce, reconcile, unwrap } from 'solid-js/store'
import type { Diagnostic, Field, ProjectContent, ProjectFiles } from '../../definition'
import { CONNECTOR_FILE, isFlowFile, sortProjectPaths } from '../../definition/project'
import { applyFileEdits, type FileEdit } from '../../definition/language'
import type { RunResult } from '../../engine'
import type { EngineClient } from '../../engine-client/create-engine-client'
import type { EngineInfo, ProjectSession } from '../../platform/engine-api'
import { decodeShareLink, encodeShareLink, type StrippedSecret } from '../../share'
import type { ProjectRecord, ProjectStore, ProjectSummary } from '../../storage'
import type { Template } from '../../../fixtures/templates'

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error'
export type MockStatus = 'starting' | 'service-worker' | 'in-process'

export interface Notice {
  kind: 'error' | 'info'
  text: string
}

export interface RunState {
  status: 'idle' | 'running' | 'done'
  runId?: string
  flow?: string
  result?: RunResult
}

export interface ShareState {
  url: string
  stripped: StrippedSecret[]
}

export interface AppState {
  ready: boolean
  projects: ProjectSummary[]
  project: ProjectRecord | undefined
  activeFile: string
  saveState: SaveState
  saveError: string | undefined
  diagnostics: Diagnostic[]
  /** How many validations have completed (tests and tools wait on it). */
  validations: number
  engine: EngineInfo | undefined
  mockStatus: MockStatus
  run: RunState
  selectedFlow: string | undefined
  connectionId: string | undefined
  /** Run-panel input values per flow name. */
  inputs: Record<string, Record<string, unknown>>
  notice: Notice | undefined
  share: ShareState | undefined
}

export interface AppDeps {
  store: ProjectStore
  engine: EngineClient
  templates: readonly Template[]
  /** The page's location, injected so tests and other hosts can supply their own. */
  location: { hash: string; href: string }
  replaceUrl: (url: string) => void
  autosaveDelayMs?: number
  /** Receives the project's platform session (connections, mocks) each time one opens. */
  onSession?: (session: ProjectSession) => void
}

export type AppStore = ReturnType<typeof createAppStore>

export interface FlowSummary {
  file: string
  name: string
  kind: string
  inputs: Field[]
}

/** Reads what the Run panel needs from a flow file, tolerating files that do not parse. */
export function summarizeFlow(files: ProjectFiles, file: string): FlowSummary {
  try {
    const parsed = JSON.parse(files[file] ?? '') as Record<string, unknown>
    const inputs = Array.isArray(parsed.inputs)
      ? (parsed.inputs as Field[]).filter((f) => f && typeof f.key === 'string')
      : []
    return {
      file,
      name: typeof parsed.name === 'string' ? parsed.name : file,
      kind: typeof parsed.kind === 'string' ? parsed.kind : 'unknown',
      inputs,
    }
  } catch {
    return {
      file,
      name: file.replace(/^flows\//, '').replace(/\.json$/, ''),
      kind: 'unknown',
      inputs: [],
    }
  }
}

export function createAppStore(deps: AppDeps) {
  const [state, setState] = createStore<AppState>({
    ready: false,
    projects: [],
    project: undefined,
    activeFile: CONNECTOR_FILE,
    saveState: 'saved',
    saveError: undefined,
    diagnostics: [],
    validations: 0,
    engine: undefined,
    mockStatus: 'starting',
    run: { status: 'idle' },
    selectedFlow: undefined,
    connectionId: undefined,
    inputs: {},
    notice: undefined,
    share: undefined,
  })

  const autosaveDelay = deps.autosaveDelayMs ?? 300
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let validateTimer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> | undefined

  const refreshProjects = async () => setState('projects', await deps.store.list())

  const validateSoon = () => {
    clearTimeout(validateTimer)
    validateTimer = setTimeout(() => void validateNow(), 150)
  }

  const validateNow = async () => {
    const project = state.project
    if (!project) return
    const diagnostics = await deps.engine.validate({ ...project.files })
    if (diagnostics && state.project?.id === project.id) {
      batch(() => {
        setState('diagnostics', reconcile(diagnostics))
        setState('validations', (n) => n + 1)
      })
    }
  }

  /** Writes the current files; on a conflict the newer copy is kept and ours becomes a copy. */
  const flushSave = async (): Promise<void> => {
    clearTimeout(saveTimer)
    if (saving) await saving
    const project = state.project
    if (!project || state.saveState !== 'unsaved') return
    setState('saveState', 'saving')
    const files = { ...project.files }
    saving = (async () => {
      const result = await deps.store.save(project.id, files, project.rev)
      if (result.ok) {
        batch(() => {
          if (state.project?.id === project.id) {
            setState('project', 'rev', result.rev)
            setState('project', 'updatedAt', result.updatedAt)
          }
          // Edits made while saving keep the state 'unsaved' (set by editFile).
          if (state.saveState === 'saving') setState('saveState', 'saved')
          setState('saveError', undefined)
        })
      } else if (result.reason === 'conflict') {
        const copy = await deps.store.create(
          { name: `${project.name} (conflicting copy)`, files },
          'conflict',
        )
        await refreshProjects()
        batch(() => {
          setState('saveState', 'saved')
          setState('notice', {
            kind: 'info',
            text: `This project was changed in another tab. Your version was kept as "${copy.name}".`,
          })
        })
      } else {
        const message = result.reason === 'missing' ? 'the project was deleted' : result.message
        batch(() => {
          setState('saveState', 'error')
          setState('saveError', message)
        })
        // Keep the edits in memory and try again later; nothing typed is dropped.
        saveTimer = setTimeout(() => {
          if (state.saveState === 'error') {
            setState('saveState', 'unsaved')
            void flushSave()
          }
        }, 5_000)
      }
    })()
    await saving
    saving = undefined
  }

  const openProject = async (id: string) => {
    await flushSave()
    const record = await deps.store.get(id)
    if (!record) {
      setState('notice', { kind: 'error', text: 'That project no longer exists.' })
      return
    }
    batch(() => {
      setState('project', reconcile(record))
      const flows = listFlows()
      const preferred = deps.templates.find((t) => t.id === record.origin)?.defaultFlow
      const first =
        flows.find((f) => f.name === preferred) ??
        // A card that can run at once (no required inputs), then any card.
        flows.find((f) => f.kind === 'action' && !f.inputs.some((i) => i.required)) ??
        flows.find((f) => f.kind === 'action') ??
        flows[0]
      setState('selectedFlow', first?.name)
      setState('activeFile', first?.file ?? CONNECTOR_FILE)
      setState('saveState', 'saved')
      setState('diagnostics', [])
      setState('run', { status: 'idle' })
      setState('share', undefined)
    })
    await deps.store.setLastOpened(id)
    // The session's connections reach the Run panel through the platform state (App selects).
    const session = deps.engine.openProject(id).then((opened) => {
      if (state.project?.id === id) deps.onSession?.(opened)
    })
    await Promise.all([validateNow(), session])
  }

  const createFromContent = async (content: ProjectContent, origin: string) => {
    const record = await deps.store.create(content, origin)
    await refreshProjects()
    await openProject(record.id)
    return record
  }

  /** Opens a `#p1/…` link as a NEW project; existing projects are never touched. */
  const importShareLink = async (hash: string): Promise<boolean> => {
    const decoded = await decodeShareLink(hash)
    if (!decoded.ok) {
      setState('notice', {
        kind: 'error',
        text: `The shared link could not be opened: ${decoded.error} Your projects were not changed.`,
      })
      return false
    }
    const record = await createFromContent(
      { name: `${decoded.project.name} (shared)`, files: decoded.project.files },
      'share',
    )
    setState('notice', {
      kind: 'info',
      text: `Opened a shared project as a new project, "${record.name}". Nothing runs until you press Run.`,
    })
    return true
  }

  /** After any change to the files: autosave (at once for structural changes) and revalidate. */
  const changed = (immediately = false) => {
    setState('saveState', 'unsaved')
    clearTimeout(saveTimer)
    saveTimer = setTimeout(() => void flushSave(), immediately ? 0 : autosaveDelay)
    validateSoon()
  }

  /** Keeps the Run panel on a flow that exists after files were removed. */
  const keepSelectedFlow = () => {
    const flows = listFlows()
    if (flows.some((f) => f.name === state.selectedFlow)) return
    const next = flows.find((f) => f.kind === 'action') ?? flows[0]
    setState('selectedFlow', next?.name)
  }

  function listFlows(): FlowSummary[] {
    const project = state.project
    if (!project) return []
    return sortProjectPaths(Object.keys(project.files))
      .filter(isFlowFile)
      .map((file) => summarizeFlow(project.files, file))
  }

  const actions = {
    async start() {
      // The engine worker boots in parallel; opening the project does not wait for it.
      const engineReady = deps.engine.info().then((info) => {
        setState('engine', info)
      })
      await refreshProjects()
      const opened = await actions.importFromLocation()
      if (!opened) {
        const last = await deps.store.lastOpened()
        const target = state.projects.find((p) => p.id === last) ?? state.projects[0]
        if (target) await openProject(target.id)
        else {
          const template = deps.templates[0]
          if (template) await createFromContent(template.content, template.id)
        }
      }
      await engineReady
      setState('ready', true)
    },
    /** Opens a share link in the address bar (at start, or pasted into an open tab). */
    async importFromLocation(): Promise<boolean> {
      const hash = deps.location.hash
      if (!hash.startsWith('#p')) return false
      // Take the project out of the address bar so a reload does not import it twice.
      deps.replaceUrl(deps.location.href.split('#')[0] ?? '')
      await flushSave()
      return importShareLink(hash)
    },
    setMockStatus: (status: MockStatus) => setState('mockStatus', status),
    editFile(path: string, text: string) {
      if (!state.project || state.project.files[path] === text) return
      batch(() => {
        setState('project', 'files', path, text)
        changed()
      })
    },
    /** Adds a file and opens it. False when the path is taken. */
    createFile(path: string, text: string): boolean {
      if (!state.project || state.project.files[path] !== undefined) return false
      batch(() => {
        setState('project', 'files', path, text)
        setState('activeFile', path)
        changed(true)
      })
      return true
    },
    /** Moves a file to a new path; the editor stays on it. False when that cannot be done. */
    renameFile(from: string, to: string): boolean {
      const files = state.project?.files
      if (!files || from === CONNECTOR_FILE || files[from] === undefined) return false
      if (from === to) return true
      if (files[to] !== undefined) return false
      batch(() => {
        setState(
          'project',
          'files',
          produce((draft) => {
            draft[to] = draft[from] ?? ''
            Reflect.deleteProperty(draft, from)
          }),
        )
        if (state.activeFile === from) setState('activeFile', to)
        changed(true)
      })
      return true
    },
    /** Deletes a file (never connector.json). */
    deleteFile(path: string): boolean {
      const files = state.project?.files
      if (!files || path === CONNECTOR_FILE || files[path] === undefined) return false
      batch(() => {
        setState(
          'project',
          'files',
          produce((draft) => {
            Reflect.deleteProperty(draft, path)
          }),
        )
        if (state.activeFile === path) setState('activeFile', CONNECTOR_FILE)
        keepSelectedFlow()
        changed(true)
      })
      return true
    },
    /** Applies text edits across files (e.g. a quick fix), each file saved like an edit. */
    applyEdits(edits: readonly FileEdit[]) {
      const project = state.project
      if (!project) return
      const next = applyFileEdits(project.files, edits)
      batch(() => {
        for (const [path, text] of Object.entries(next)) actions.editFile(path, text)
      })
    },
    flushSave,
    openFile: (path: string) => setState('activeFile', path),
    openProject,
    async createFromTemplate(templateId: string) {
      const template = deps.templates.find((t) => t.id === templateId)
      if (!template) return
      const taken = new Set(state.projects.map((p) => p.name))
      let name = template.content.name
      for (let n = 2; taken.has(name); n++) name = `${template.content.name} ${n}`
      await flushSave()
      await createFromContent({ ...template.content, name }, template.id)
    },
    async renameProject(id: string, name: string) {
      const trimmed = name.trim()
      if (!trimmed) return
      await flushSave()
      const updated = await deps.store.rename(id, trimmed)
      if (updated && state.project?.id === id) {
        setState('project', 'name', updated.name)
        setState('project', 'rev', updated.rev)
      }
      await refreshProjects()
    },
    async deleteProject(id: string) {
      if (state.project?.id === id) clearTimeout(saveTimer)
      await deps.store.remove(id)
      await refreshProjects()
      if (state.project?.id === id) {
        setState('project', undefined)
        const next = state.projects[0]
        if (next) await openProject(next.id)
        else {
          const template = deps.templates[0]
          if (template) await createFromContent(template.content, template.id)
        }
      }
    },
    listFlows,
    selectFlow: (name: string) => setState('selectedFlow', name),
    selectConnection: (id: string | undefined) => setState('connectionId', id),
    setInput(flow: string, key: string, value: unknown) {
      setState(
        'inputs',
        produce((inputs) => {
          inputs[flow] = { ...(inputs[flow] ?? {}), [key]: value }
        }),
      )
    },
    async run() {
      const project = state.project
      const flow = state.selectedFlow
      if (!project || !flow || state.run.status === 'running') return
      const handle = deps.engine.runFlow({
        files: { ...project.files },
        flow,
        // Store values are proxies; the worker needs plain, cloneable data.
        input: structuredClone(unwrap(state.inputs[flow] ?? {})),
        ...(state.connectionId ? { connectionId: state.connectionId } : {}),
      })
      setState('run', { status: 'running', runId: handle.runId, flow })
      const result = await handle.result
      if (state.run.runId === handle.runId)
        setState('run', { status: 'done', runId: handle.runId, flow, result })
    },
    async cancelRun() {
      if (state.run.status === 'running' && state.run.runId)
        await deps.engine.cancel(state.run.runId)
    },
    async share() {
      const project = state.project
      if (!project) return
      const { fragment, stripped } = await encodeShareLink({
        name: project.name,
        files: { ...project.files },
      })
      const base = deps.location.href.split('#')[0] ?? ''
      setState('share', { url: `${base}#${fragment}`, stripped })
    },
    closeShare: () => setState('share', undefined),
    dismissNotice: () => setState('notice', undefined),
  }

  return { state, actions }
}
