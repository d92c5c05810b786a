// Child process of the engine bench (bench/engine.mjs), run as
//   node --expose-gc bench/engine/memory.mjs <engine|plain> <items> <small items>
// Measures the peak heap of one For Each over <items> items: `list.forEach` with a helper flow
// (engine), or Array.prototype.forEach doing the same work (plain). The baseline is heapUsed after
// a full GC just before the run, with the input list and the loaded project already in memory. The
// heap is sampled every SAMPLE_EVERY items: through the engine's newId port (called once per
// helper run) or the plain loop's callback, because a run whose helpers never wait on real IO is
// one microtask chain that a setInterval timer cannot interrupt. For the engine it also reports the
// size of the run's trace as JSON, and the same for a run over <small items> items, so that the
// harness can tell whether the trace grows with the item count. Prints one JSON object.
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const SAMPLE_EVERY = 500
const [mode, itemsArg, smallArg] = process.argv.slice(2)
const count = Number(itemsArg)
const smallCount = Number(smallArg)
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc')
if (mode !== 'engine' && mode !== 'plain') throw new Error(`mode must be engine or plain: ${mode}`)

const bundle = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../results/engine-dist/engine.mjs',
)
const engine = await import(pathToFileURL(bundle).href)

const fullGc = () => {
  globalThis.gc()
  globalThis.gc()
}
let peak = 0
let samples = 0
const sample = () => {
  samples++
  const used = process.memoryUsage().heapUsed
  if (used > peak) peak = used
}
const every = (n) => {
  if (n % SAMPLE_EVERY === 0) sample()
}

const jsonBytes = (value) => Buffer.byteLength(JSON.stringify(value))
/** The trace's JSON size, in total and by part (top-level steps only; helper runs nest inside). */
function traceSize(trace) {
  const steps = trace?.steps ?? []
  const sum = (pick) => steps.reduce((total, step) => total + jsonBytes(pick(step) ?? null), 0)
  return {
    bytes: jsonBytes(trace),
    flowInputBytes: jsonBytes(trace?.input ?? null),
    stepInputBytes: sum((step) => step.inputs),
    stepOutputBytes: sum((step) => step.outputs),
    helperRunBytes: sum((step) => step.children),
    helperRunsKept: steps.reduce((total, step) => total + (step.children?.length ?? 0), 0),
    helperRunsOmitted: steps.reduce((total, step) => total + (step.omittedChildren ?? 0), 0),
  }
}

const project = mode === 'engine' ? engine.forEachProject() : undefined
const runOnce = async (list, onItem) => {
  if (mode === 'plain') {
    engine.plainForEach(list, onItem)
    return undefined
  }
  const result = await engine.runForEach(project, list, engine.benchPorts(onItem))
  if (result.status !== 'success') throw new Error(`For Each failed: ${result.error?.message}`)
  return result
}

// Warm up the code paths on a small list, untimed and unsampled.
await runOnce(engine.people(1000))

/** The measured run; its result (and trace) goes out of scope when this returns. */
async function measure() {
  const items = engine.people(count)
  fullGc()
  const baseline = process.memoryUsage().heapUsed
  peak = baseline
  const started = performance.now()
  const result = await runOnce(items, every)
  const ms = performance.now() - started
  sample() // The run's result (and its trace) is still referenced here.
  return {
    mode,
    items: count,
    baselineBytes: baseline,
    peakBytes: peak,
    samples,
    ms,
    ...(result ? { trace: traceSize(result.trace) } : {}),
  }
}

const out = await measure()
if (mode === 'engine') {
  fullGc()
  const small = await runOnce(engine.people(smallCount))
  out.smallItems = smallCount
  out.smallTrace = traceSize(small.trace)
}
process.stdout.write(`${JSON.stringify(out)}\n`)
