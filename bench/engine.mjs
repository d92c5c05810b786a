// The engine section of the benchmark (called by bench/run.mjs; `npm run bench -- --engine-only`
// runs it alone). Builds bench/engine/entry.ts for node with Vite (bench/engine/vite.config.ts →
// bench/results/engine-dist/engine.mjs), then measures the interpreter against plain JavaScript
// doing the same work, in this one run, with deterministic ports (fixed clock, seeded random,
// counter ids, an HTTP port that rejects):
//  1. Map: `list.map` over 100,000 items `{ id, first, last }` (the flow's input) with a helper
//     flow of Concatenate + Construct + Return building `{ id, name }`, against
//     Array.prototype.map building the same objects. Median wall ms of BENCH_ENGINE_RUNS runs
//     (default 3), interleaved (each round: the engine once, plain JS 5 times), after one untimed
//     round of the same.
//  2. Per card: a flow of 10,000 Assign steps (each reads the previous one's output) against
//     10,000 plain function calls doing the same copy. Median of BENCH_ENGINE_CARD_RUNS runs
//     (default 15) after 5 untimed rounds, in µs per card. The flow is rule-checked at 200 steps (see chainProject in
//     entry.ts); loadProject itself is timed on 1,000- and 2,000-step chains of the same shape.
//  3. Memory: one `list.forEach` of 100,000 items with the same helper, in a child
//     `node --expose-gc` (bench/engine/memory.mjs): peak heapUsed above the heap just before the
//     run, against the plain forEach loop in its own child, and the size of the run's trace as
//     JSON, also at 1,000 items, to tell whether the trace grows with the item count.
// Every figure is a ratio against its plain-JS baseline from the same run; nothing is asserted.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const vite = join(root, 'node_modules/vite/bin/vite.js')
const bundle = join(root, 'bench/results/engine-dist/engine.mjs')

const ITEMS = 100_000
const CARDS = 10_000
const LOAD_STEPS = [1_000, 2_000]
const SMALL_TRACE_ITEMS = 1_000
const WARM_ROUNDS = 5
const PLAIN_REPEAT = 5

function runsFrom(name, fallback) {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be ≥ 1, got ${value}`)
  return value
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

// A full GC before every timed task, so that no run pays for the garbage of the one before (the
// 100,000-item runs leave large traces behind). Exposing gc after startup only affects this process.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc')

/** Wall ms of `task()`, awaited, after a full GC. */
async function time(task) {
  gc()
  const started = performance.now()
  const value = await task()
  return { ms: performance.now() - started, value }
}

function buildBundle() {
  const started = Date.now()
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'bench/engine/vite.config.ts'],
    { cwd: root, encoding: 'utf8' },
  )
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    throw new Error('vite build --config bench/engine/vite.config.ts failed')
  }
  console.log(`built the engine bench bundle in ${((Date.now() - started) / 1000).toFixed(1)}s`)
}

function check(result, what) {
  if (result.status !== 'success') {
    throw new Error(`${what}: the run ${result.status}: ${result.error?.message ?? ''}`)
  }
  return result
}

// --- 2. per card --------------------------------------------------------------------------------

async function perCard(engine, runs) {
  const project = engine.chainProject(CARDS)
  const engineMs = []
  const plainMs = []
  let stepsExecuted = 0
  for (let i = -WARM_ROUNDS; i < runs; i++) {
    // Untimed rounds first (i < 0): JIT warm-up for both sides.
    const run = await time(() => engine.runChain(project))
    stepsExecuted = check(run.value, 'Assign chain').stepsExecuted
    const plain = await time(() => engine.plainChain(CARDS))
    if (i < 0) continue
    engineMs.push(run.ms)
    plainMs.push(plain.ms)
  }
  const engineUs = (median(engineMs) * 1000) / stepsExecuted
  const plainUs = (median(plainMs) * 1000) / CARDS
  return {
    cards: CARDS,
    stepsExecuted,
    runs,
    engineMs,
    plainMs,
    engineUsPerCard: engineUs,
    plainUsPerCall: plainUs,
    ratio: engineUs / plainUs,
  }
}

async function loadScaling(engine) {
  const samples = Object.fromEntries(LOAD_STEPS.map((n) => [n, []]))
  engine.loadChain(100) // Warm-up.
  for (let i = 0; i < 2; i++) {
    for (const steps of LOAD_STEPS)
      samples[steps].push((await time(() => engine.loadChain(steps))).ms)
  }
  const [small, large] = LOAD_STEPS.map((n) => median(samples[n]))
  return {
    steps: LOAD_STEPS,
    samplesMs: samples,
    medianMs: Object.fromEntries(LOAD_STEPS.map((n) => [n, median(samples[n])])),
    ratio: large / small,
    linearRatio: LOAD_STEPS[1] / LOAD_STEPS[0],
  }
}

// --- 1. map -------------------------------------------------------------------------------------

async function map(engine, runs) {
  const project = engine.mapProject()
  const items = engine.people(ITEMS)
  // One untimed round on the full list first, so that both sides are compiled for the full size.
  check(await engine.runMap(project, items), 'Map warm-up')
  for (let j = 0; j < PLAIN_REPEAT; j++) await time(() => engine.plainMap(items))

  const engineMs = []
  const plainMs = []
  for (let i = 0; i < runs; i++) {
    const run = await time(() => engine.runMap(project, items))
    const named = check(run.value, 'Map').outputs?.named
    engineMs.push(run.ms)
    // The plain side takes milliseconds and varies with the young generation's state: it runs
    // PLAIN_REPEAT times per round, and its median is over all of them.
    for (let j = 0; j < PLAIN_REPEAT; j++) {
      const plain = await time(() => engine.plainMap(items))
      const last = ITEMS - 1
      if (
        named?.length !== ITEMS ||
        JSON.stringify(named[last]) !== JSON.stringify(plain.value[last])
      ) {
        throw new Error('Map: the engine and plain JS built different lists')
      }
      plainMs.push(plain.ms)
    }
  }
  return {
    items: ITEMS,
    runs,
    engineMs,
    plainMs,
    engineMedianMs: median(engineMs),
    plainMedianMs: median(plainMs),
    ratio: median(engineMs) / median(plainMs),
  }
}

// --- 3. memory ----------------------------------------------------------------------------------

function memoryChild(mode) {
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(root, 'bench/engine/memory.mjs'),
      mode,
      String(ITEMS),
      String(SMALL_TRACE_ITEMS),
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
  )
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    throw new Error(`bench/engine/memory.mjs ${mode} failed`)
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1))
}

function memory() {
  const engine = memoryChild('engine')
  const plain = memoryChild('plain')
  const above = (m) => m.peakBytes - m.baselineBytes
  const { trace, smallTrace } = engine
  const traceGrowth = trace.bytes / smallTrace.bytes
  return {
    items: ITEMS,
    engine,
    plain,
    enginePeakAboveBaselineBytes: above(engine),
    plainPeakAboveBaselineBytes: above(plain),
    ratio: above(engine) / above(plain),
    trace: {
      items: ITEMS,
      smallItems: SMALL_TRACE_ITEMS,
      bytes: trace.bytes,
      smallBytes: smallTrace.bytes,
      growth: traceGrowth,
      itemGrowth: ITEMS / SMALL_TRACE_ITEMS,
      // Bounded: 100× the items leave the trace within 2× its size.
      bounded: traceGrowth < 2,
      parts: trace,
      smallParts: smallTrace,
    },
  }
}

// --- report -------------------------------------------------------------------------------------

const int = (value) => Math.round(value).toLocaleString('en-US')
const ms = (value) => `${value < 10 ? value.toFixed(2) : int(value)} ms`
const us = (value) => `${value < 1 ? value.toFixed(3) : value.toFixed(2)} µs`
const mb = (bytes) =>
  bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`
const x = (ratio) => `**${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(0)}×**`

function table({ runs, cardRuns, mapResult, card, load, mem }) {
  const t = mem.trace
  const parts = t.parts
  const lines = [
    `Engine vs plain JS, node ${process.version}; map: median of ${runs} runs, per card: median of ${cardRuns} runs`,
    '',
    '| figure | engine | plain JS | engine / plain |',
    '| --- | ---: | ---: | ---: |',
    `| list.map, ${int(ITEMS)} items, 3-card helper | ${ms(mapResult.engineMedianMs)} | ${ms(mapResult.plainMedianMs)} | ${x(mapResult.ratio)} |`,
    `| per card, ${int(CARDS)} Assign steps | ${us(card.engineUsPerCard)} | ${us(card.plainUsPerCall)} | ${x(card.ratio)} |`,
    `| peak heap above baseline, list.forEach of ${int(ITEMS)} | ${mb(mem.enginePeakAboveBaselineBytes)} | ${mb(mem.plainPeakAboveBaselineBytes)} | ${x(mem.ratio)} |`,
    '',
    '| figure | smaller | larger | larger / smaller |',
    '| --- | ---: | ---: | ---: |',
    `| For Each trace as JSON, ${int(t.smallItems)} → ${int(t.items)} items | ${mb(t.smallBytes)} | ${mb(t.bytes)} | ${x(t.growth)} (items: ${int(t.itemGrowth)}×) |`,
    `| loadProject, Assign chain, ${int(load.steps[0])} → ${int(load.steps[1])} steps | ${ms(load.medianMs[load.steps[0]])} | ${ms(load.medianMs[load.steps[1]])} | ${x(load.ratio)} (steps: ${load.linearRatio}×) |`,
    '',
    t.bounded
      ? `Trace: bounded (${int(parts.helperRunsKept)} helper runs kept, ${int(parts.helperRunsOmitted)} omitted).`
      : `FINDING: the For Each trace is NOT bounded: it grows with the item count (${mb(t.smallBytes)} → ${mb(t.bytes)}). ` +
        `At ${int(t.items)} items: flow input ${mb(parts.flowInputBytes)}, step inputs ${mb(parts.stepInputBytes)}, ` +
        `helper runs ${mb(parts.helperRunBytes)} (${int(parts.helperRunsKept)} kept, ${int(parts.helperRunsOmitted)} omitted).`,
    '',
    'How to read: the ratios are the figure (both sides measured in this same run); absolute ms',
    'and sizes vary with the machine. Peak heap is sampled every 500 items (heapUsed, garbage included).',
  ]
  return lines.join('\n')
}

/** Runs the engine section; returns the printed table and the `engine` results. */
export async function runEngineBench() {
  const runs = runsFrom('BENCH_ENGINE_RUNS', 3)
  const cardRuns = runsFrom('BENCH_ENGINE_CARD_RUNS', 15)
  const started = Date.now()
  buildBundle()
  const engine = await import(pathToFileURL(bundle).href)

  // Small heap first: the per-card figures, then the 100,000-item runs, then the children.
  const card = await perCard(engine, cardRuns)
  const load = await loadScaling(engine)
  const mapResult = await map(engine, runs)
  const mem = memory()
  const seconds = (Date.now() - started) / 1000

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    seconds,
    ports: 'fixed clock (now and elapsed constant), seeded random, counter ids, HTTP rejects',
    map: mapResult,
    perCard: card,
    loadProject: load,
    memory: mem,
    ratios: {
      mapEngineOverPlain: mapResult.ratio,
      perCardEngineOverPlain: card.ratio,
      forEachPeakHeapEngineOverPlain: mem.ratio,
      traceBytes100kOver1k: mem.trace.growth,
      loadProject2kOver1k: load.ratio,
    },
  }
  return { table: table({ runs, cardRuns, mapResult, card, load, mem }), results, seconds }
}
