// The engine bench's node entry (`npm run bench`, built by bench/engine/vite.config.ts into
// bench/results/engine-dist/engine.mjs): the workloads of bench/engine.mjs, each as an engine run
// (a project loaded with loadProject and run with runFlow, deterministic ports, no network) and as
// the plain-JavaScript code that does the same work. Timing and memory sampling stay in the .mjs
// harness; nothing here measures or asserts anything.
import {
  FlowSchema,
  loadProject,
  parseLocatedJson,
  type LoadedProject,
  type ProjectFiles,
} from '../../src/definition'
import {
  cardCatalogue,
  runFlow,
  seededRandom,
  type EnginePorts,
  type RunLimits,
  type RunResult,
} from '../../src/engine'

export interface Person {
  id: number
  first: string
  last: string
}

export interface NamedPerson {
  id: number
  name: string
}

/** The 100,000-item input (the same for the engine and for plain JS). */
export function people(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i,
    first: `First${i % 1000}`,
    last: `Last${i % 997}`,
  }))
}

// ─── Ports and projects ─────────────────────────────────────────────────────────────────────────

const FIXED_NOW = Date.UTC(2026, 0, 1)

/**
 * Deterministic ports: a fixed clock (`now` and `elapsed` never move, so durations in the trace
 * are 0 and the wall-time budget never trips), counter ids, a seeded random, instant waits, and an
 * HTTP port that rejects. `onNewId` is called once per flow run (the top flow and each helper
 * call): the memory bench samples the heap there, because a run whose helpers never await real IO
 * is one microtask chain that timers cannot interrupt.
 */
export function benchPorts(onNewId?: (count: number) => void): EnginePorts {
  let ids = 0
  return {
    http: () => Promise.reject(new Error('The bench has no network')),
    now: () => FIXED_NOW,
    elapsed: () => 0,
    newId: () => {
      ids++
      onNewId?.(ids)
      return `exec-${ids}`
    },
    random: seededRandom(1),
    wait: () => Promise.resolve(),
  }
}

const CONNECTOR = { name: 'Bench', key: 'bench', baseUrl: 'https://bench.example' }

function projectFiles(flows: readonly Record<string, unknown>[]): ProjectFiles {
  const files: ProjectFiles = { 'connector.json': JSON.stringify(CONNECTOR) }
  for (const flow of flows) files[`flows/${String(flow.name)}.json`] = JSON.stringify(flow)
  return files
}

/** Loads the files as the playground does; a project the validator would not run is a bug here. */
function load(files: ProjectFiles): LoadedProject {
  const project = loadProject(files, cardCatalogue)
  const errors = project.diagnostics.filter((d) => d.severity === 'error')
  if (!project.runnable || errors.length > 0) {
    const first = errors[0]
    throw new Error(
      `bench project does not validate (${errors.length} errors; first: ${first?.file} ${first?.pointer} ${first?.message})`,
    )
  }
  return project
}

/** The helper both item workloads call: `{ id, name: first + ' ' + last }`. */
const toNamed = {
  name: 'toNamed',
  kind: 'helper',
  inputs: [{ key: 'person', type: 'object' }],
  outputs: [{ key: 'output', type: 'object' }],
  steps: [
    {
      id: 'name',
      card: 'text.concatenate',
      inputs: { first: '=input.person.first', space: ' ', last: '=input.person.last' },
    },
    {
      id: 'named',
      card: 'object.construct',
      inputs: { id: '=input.person.id', name: '=name.output' },
    },
    { id: 'ret', card: 'flow.return', inputs: { output: '=named.output' } },
  ],
}

const peopleInput = [{ key: 'people', type: 'object', list: true }]

/** Map: `list.map` over the input list with the toNamed helper (concurrency 1, the default). */
export function mapProject(): LoadedProject {
  return load(
    projectFiles([
      {
        name: 'Map People',
        kind: 'action',
        inputs: peopleInput,
        outputs: [{ key: 'named', type: 'object', list: true }],
        steps: [
          {
            id: 'map',
            card: 'list.map',
            flow: 'toNamed',
            inputs: { list: '=input.people', itemKey: 'person' },
          },
          { id: 'done', card: 'flow.returnOutputs', inputs: { named: '=map.output' } },
        ],
      },
      toNamed,
    ]),
  )
}

/** For Each: `list.forEach` over the input list with the same helper; its results are dropped. */
export function forEachProject(): LoadedProject {
  return load(
    projectFiles([
      {
        name: 'Each Person',
        kind: 'action',
        inputs: peopleInput,
        steps: [
          {
            id: 'each',
            card: 'list.forEach',
            flow: 'toNamed',
            inputs: { list: '=input.people', itemKey: 'person' },
          },
        ],
      },
      toNamed,
    ]),
  )
}

/**
 * The files of a chain of `count` Assign steps: step i reads step i-1's value (the first reads the
 * input), so every card resolves one reference and builds one output object.
 */
export function chainFiles(count: number): ProjectFiles {
  const steps = Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    card: 'flow.assign',
    inputs: { value: i === 0 ? '=input.value' : `=s${i - 1}.value` },
  }))
  return projectFiles([
    {
      name: CHAIN,
      kind: 'action',
      inputs: [{ key: 'value', type: 'number' }],
      outputs: [{ key: 'value', type: 'number' }],
      steps: [
        ...steps,
        { id: 'done', card: 'flow.returnOutputs', inputs: { value: `=s${count - 1}.value` } },
      ],
    },
  ])
}

const CHAIN = 'Assign Chain'
const CHAIN_FILE = `flows/${CHAIN}.json`

/** loadProject of the chain, every rule included (the bench times it: see chainProject). */
export function loadChain(count: number): LoadedProject {
  return load(chainFiles(count))
}

/**
 * The chain, ready to run. loadProject's rules grow faster than linearly with a flow's length
 * (tens of seconds for 10,000 steps), so the full rule check runs on a `checked`-step chain of
 * the same shape, and the long flow goes through the parser and the schema only, then replaces
 * the short one. runFlow reads nothing else of the project.
 */
export function chainProject(count: number, checked = 200): LoadedProject {
  const project = loadChain(Math.min(count, checked))
  const text = chainFiles(count)[CHAIN_FILE] ?? ''
  const source = parseLocatedJson(CHAIN_FILE, text)
  const flow = FlowSchema.parse(source.value)
  const loaded = { file: CHAIN_FILE, flow, source }
  project.flows.set(CHAIN, loaded)
  project.flowFiles = project.flowFiles.map((f) => (f.file === CHAIN_FILE ? loaded : f))
  return project
}

// ─── Engine runs ────────────────────────────────────────────────────────────────────────────────

/** Budgets large enough for every workload here: the bench measures work, not the limits. */
const LIMITS: Partial<RunLimits> = { maxSteps: 10_000_000, maxDurationMs: 3_600_000 }

export function run(
  project: LoadedProject,
  flow: string,
  input: Record<string, unknown>,
  ports: EnginePorts = benchPorts(),
): Promise<RunResult> {
  return runFlow(project, { flow, input }, ports, { limits: LIMITS })
}

export const runMap = (project: LoadedProject, list: Person[]) =>
  run(project, 'Map People', { people: list })

export const runForEach = (project: LoadedProject, list: Person[], ports?: EnginePorts) =>
  run(project, 'Each Person', { people: list }, ports)

export const runChain = (project: LoadedProject) => run(project, CHAIN, { value: 1 })

// ─── The same work in plain JavaScript ──────────────────────────────────────────────────────────

const named = (person: Person): NamedPerson => ({
  id: person.id,
  name: person.first + ' ' + person.last,
})

export function plainMap(list: Person[]): NamedPerson[] {
  return list.map(named)
}

/** Plain For Each: builds and drops each object; `onItem` is the memory bench's sampling hook. */
export function plainForEach(list: Person[], onItem?: (count: number) => void): void {
  let sink = 0
  list.forEach((person, i) => {
    sink += named(person).name.length
    onItem?.(i + 1)
  })
  if (sink < 0) throw new Error('unreachable')
}

const assign = (inputs: { value: unknown }) => ({ ...inputs })

/** `count` function calls that each copy the previous call's output, kept like a flow's scope. */
export function plainChain(count: number): unknown {
  const outputs = new Array<{ value: unknown }>(count)
  let previous: { value: unknown } = { value: 1 }
  for (let i = 0; i < count; i++) {
    previous = assign({ value: previous.value })
    outputs[i] = previous
  }
  return outputs[count - 1]?.value
}
