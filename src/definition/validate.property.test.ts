// Property tests for loadProject: whatever a learner's edits do to a project — keys deleted,
// values replaced, flows renamed, steps duplicated, list items swapped, text cut off or typed
// into — validation never throws, no rule crashes, every diagnostic has a registered code, a
// severity and a 1-based range inside its file, and `ok` means exactly "no errors".
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { cardCatalogue } from '../engine/cards'
import { DIAGNOSTIC_CODES } from './codes'
import { formatDiagnostic } from './diagnostics'
import { loadProject } from './load-project'
import type { ProjectFiles } from './project'

const ROOT = join(import.meta.dirname, '../..')

function readProject(dir: string): ProjectFiles {
  const files: ProjectFiles = {}
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(path)
      else if (path !== 'expected.json') files[path] = readFileSync(join(dir, path), 'utf8')
    }
  }
  walk('')
  return files
}

/** The template and pass fixtures that between them use every flow kind and trigger. */
/** The skeleton of the Acme HR template (its other cards only repeat these shapes, and cost time). */
const CORE_FILES = [
  'connector.json',
  'flows/httpHelper.json',
  'flows/_authping.json',
  'flows/List Users.json',
]
const core = (files: ProjectFiles): ProjectFiles =>
  Object.fromEntries(Object.entries(files).filter(([path]) => CORE_FILES.includes(path)))

const SAMPLES: ProjectFiles[] = [
  core(readProject(join(ROOT, 'fixtures/templates/acme-hr'))),
  ...['REF001', 'CARD004', 'FLOW003', 'TRG003', 'TRG004', 'WF003', 'OPT002', 'CBDE000006H'].map(
    (code) => readProject(join(ROOT, 'test/fixtures/rules', code, 'pass')),
  ),
]

const SEVERITIES = ['error', 'warning', 'info']

/** Checks every invariant of a load; returns the project for further checks. */
function checkLoad(files: ProjectFiles) {
  const project = loadProject(files, cardCatalogue)
  for (const d of project.diagnostics) {
    const where = formatDiagnostic(d)
    expect(d.code === 'JSON001' || DIAGNOSTIC_CODES[d.code] !== undefined, where).toBe(true)
    expect(d.code, `a rule crashed: ${where}`).not.toBe('INTERNAL')
    expect(SEVERITIES, where).toContain(d.severity)
    expect(typeof d.message === 'string' && d.message.length > 0, where).toBe(true)
    expect(typeof d.pointer, where).toBe('string')
    const lines = (files[d.file] ?? '').split('\n').length
    const { startLine, startColumn, endLine, endColumn } = d.range
    expect(startLine >= 1 && startLine <= lines + 1, where).toBe(true)
    expect(endLine >= startLine && endLine <= lines + 1, where).toBe(true)
    expect(startColumn >= 1 && endColumn >= 1, where).toBe(true)
  }
  expect(project.ok).toBe(!project.diagnostics.some((d) => d.severity === 'error'))
  return project
}

// ─── Mutations ──────────────────────────────────────────────────────────────────────────────

type Json = unknown
type Path = (string | number)[]

/** Every position in a JSON value (the root included), depth first. */
function positions(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = [{ path, value }]
  if (Array.isArray(value)) {
    return here.concat(value.flatMap((item, i) => positions(item, [...path, i])))
  }
  if (value !== null && typeof value === 'object') {
    return here.concat(
      Object.entries(value).flatMap(([key, item]) => positions(item, [...path, key])),
    )
  }
  return here
}

function getAt(value: Json, path: Path): Json {
  return path.reduce<Json>(
    (node, key) => (node !== null && typeof node === 'object' ? (node as never)[key] : undefined),
    value,
  )
}

function setAt(root: Json, path: Path, replacement: Json): Json {
  if (path.length === 0) return replacement
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, Json>
  parent[path.at(-1) as string | number] = replacement
  return root
}

function deleteAt(root: Json, path: Path): Json {
  if (path.length === 0) return {}
  const parent = getAt(root, path.slice(0, -1))
  const key = path.at(-1)
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1)
  else if (parent !== null && typeof parent === 'object' && key !== undefined)
    Reflect.deleteProperty(parent, key)
  return root
}

const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length]

type Mutation =
  | { kind: 'deleteKey'; file: number; at: number }
  | { kind: 'replaceValue'; file: number; at: number; value: Json }
  | { kind: 'replaceText'; file: number; at: number; text: string }
  | { kind: 'renameFlow'; file: number; name: string }
  | { kind: 'duplicateStep'; file: number; at: number }
  | { kind: 'swapItems'; file: number; at: number; i: number; j: number }
  | { kind: 'truncate'; file: number; offset: number }
  | { kind: 'insertText'; file: number; offset: number; text: string }

/** References that are valid somewhere and wrong elsewhere. */
const REFERENCES = ['=input.x', '=input.id', '=nope.y', '=error.message', '=call.body', '=a..b']
const NAMES = ['_authping', '_revoke', 'httpHelper', 'Get Item', 'List Users', 'Fetch', '']

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('deleteKey' as const), file: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('replaceValue' as const),
    file: fc.nat(),
    at: fc.nat(),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom<Json>(...REFERENCES, '', 'flow.call', 'connector:Get Item'),
    ),
  }),
  fc.record({
    kind: fc.constant('replaceText' as const),
    file: fc.nat(),
    at: fc.nat(),
    text: fc.oneof(
      fc.constantFrom(...REFERENCES, ...NAMES, 'connector:Get Item', 'text.base64', 'flow.call'),
      fc.string({ maxLength: 10 }),
    ),
  }),
  fc.record({
    kind: fc.constant('renameFlow' as const),
    file: fc.nat(),
    name: fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 })),
  }),
  fc.record({ kind: fc.constant('duplicateStep' as const), file: fc.nat(), at: fc.nat() }),
  fc.record({
    kind: fc.constant('swapItems' as const),
    file: fc.nat(),
    at: fc.nat(),
    i: fc.nat(),
    j: fc.nat(),
  }),
  fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(), offset: fc.nat() }),
  fc.record({
    kind: fc.constant('insertText' as const),
    file: fc.nat(),
    offset: fc.nat(),
    text: fc.oneof(
      fc.string({ maxLength: 6, unit: 'binary' }),
      fc.constantFrom('{', '}', ',', '"', '\n', ']', '[', ':', '\\', '/*'),
    ),
  }),
)

/** Applies a mutation to a copy of the files; JSON-level ones skip files that do not parse. */
function apply(files: ProjectFiles, m: Mutation): ProjectFiles {
  const paths = Object.keys(files).sort()
  const file = pick(paths, m.file)
  if (file === undefined) return files
  const text = files[file] ?? ''
  const out = { ...files }
  if (m.kind === 'truncate') {
    out[file] = text.slice(0, m.offset % (text.length + 1))
    return out
  }
  if (m.kind === 'insertText') {
    const at = m.offset % (text.length + 1)
    out[file] = text.slice(0, at) + m.text + text.slice(at)
    return out
  }
  let value: Json
  try {
    value = JSON.parse(text)
  } catch {
    return files
  }
  const all = positions(value)
  switch (m.kind) {
    case 'deleteKey': {
      const target = pick(all.slice(1), m.at)
      if (target) value = deleteAt(value, target.path)
      break
    }
    case 'replaceValue': {
      const target = pick(all, m.at)
      if (target) value = setAt(value, target.path, m.value)
      break
    }
    case 'replaceText': {
      const target = pick(
        all.filter((p) => typeof p.value === 'string'),
        m.at,
      )
      if (target) value = setAt(value, target.path, m.text)
      break
    }
    case 'renameFlow':
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        ;(value as Record<string, Json>).name = m.name
      }
      break
    case 'duplicateStep': {
      const lists = all.filter(
        (p) =>
          Array.isArray(p.value) &&
          ['steps', 'then', 'else', 'try', 'catch'].includes(String(p.path.at(-1))),
      )
      const list = pick(lists, m.at)?.value as Json[] | undefined
      const step = list && pick(list, m.at)
      if (list && step !== undefined) list.push(structuredClone(step))
      break
    }
    case 'swapItems': {
      const arrays = all.filter((p) => Array.isArray(p.value) && (p.value as Json[]).length > 1)
      const list = pick(arrays, m.at)?.value as Json[] | undefined
      if (list) {
        const i = m.i % list.length
        const j = m.j % list.length
        ;[list[i], list[j]] = [list[j], list[i]]
      }
      break
    }
  }
  out[file] = JSON.stringify(value, null, 2)
  return out
}

// ─── Properties ─────────────────────────────────────────────────────────────────────────────

const sample = fc.nat({ max: SAMPLES.length - 1 }).map((i) => SAMPLES[i] ?? {})

describe('loadProject under random edits', () => {
  test('the samples themselves load cleanly of errors', () => {
    for (const files of SAMPLES) expect(checkLoad(files).ok).toBe(true)
  })

  test('one edit: never throws, and every diagnostic is well-formed', () => {
    fc.assert(
      fc.property(sample, mutation, (files, m) => {
        checkLoad(apply(files, m))
      }),
      { numRuns: 1200 },
    )
  })

  test('a few edits in a row: never throws, and every diagnostic is well-formed', () => {
    fc.assert(
      fc.property(sample, fc.array(mutation, { minLength: 2, maxLength: 5 }), (files, ms) => {
        checkLoad(ms.reduce(apply, files))
      }),
      { numRuns: 800 },
    )
  })

  test('files added or removed: never throws', () => {
    fc.assert(
      fc.property(
        sample,
        fc.nat(),
        fc.constantFrom('flows/x.json', 'workflows/w.json', 'notes.json', 'connector.json'),
        fc.jsonValue({ maxDepth: 3 }),
        (files, drop, path, value) => {
          const out = { ...files }
          const removed = pick(Object.keys(out).sort(), drop)
          if (removed !== undefined) Reflect.deleteProperty(out, removed)
          out[path] = JSON.stringify(value)
          checkLoad(out)
        },
      ),
      { numRuns: 300 },
    )
  })
})
