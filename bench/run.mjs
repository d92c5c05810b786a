// Benchmark: `npm run bench`. Builds the app and a baseline page, then measures, in one run:
//  1. Time from navigation to "editor ready" (the `editor-ready` performance mark, after
//     [data-testid=editor][data-ready=true] shows) for the playground (`/`) and for a bare page
//     that only mounts Monaco with the same setup (bench/bare), on a cold first visit (fresh
//     browser context: empty cache, no service worker, empty IndexedDB) and on a warm reload of
//     the same context. Runs are interleaved (playground, bare, playground, bare, …); the figures
//     are medians over BENCH_RUNS runs (default 7) and the playground/bare ratios.
//  2. Gzip size (level 9) of the JS the playground loads before the editor (the entry chunk and
//     its static imports, from the Vite manifest) against the Monaco editor chunk(s).
//  3. The engine section (bench/engine.mjs): the interpreter in node against plain JavaScript
//     doing the same work — list.map over 100,000 items, µs per card, peak heap and trace size
//     of a 100,000-item For Each. Env: BENCH_ENGINE_RUNS (default 3), BENCH_ENGINE_CARD_RUNS
//     (default 15).
// Ratios are the figure: absolute numbers depend on the machine. Nothing here asserts a threshold.
// Results also go to bench/results/latest.json (the engine section under its `engine` key).
//
// Flags (after `npm run bench --`): --engine-only runs only the engine section (no browser, no app
// build) and replaces only the `engine` key of an existing bench/results/latest.json.
import { chromium } from '@playwright/test'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { runEngineBench } from './engine.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const resultsDir = join(root, 'bench/results')
const latestJson = join(resultsDir, 'latest.json')
const engineOnly = process.argv.slice(2).includes('--engine-only')
const vite = join(root, 'node_modules/vite/bin/vite.js')
const benchConfig = 'bench/vite.bench.config.ts'
const runs = Number(process.env.BENCH_RUNS ?? 7)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be ≥ 1, got ${runs}`)
const systemChromium = '/usr/bin/chromium'
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync(systemChromium) ? systemChromium : undefined)
const targets = [
  { name: 'playground', port: 4180, args: [] },
  { name: 'bare', port: 4181, args: ['--config', benchConfig] },
]

// --- builds -------------------------------------------------------------------------------------

function build(args) {
  const started = Date.now()
  const result = spawnSync(process.execPath, [vite, 'build', ...args], {
    cwd: root,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    throw new Error(`vite build ${args.join(' ')} failed`)
  }
  console.log(
    `built ${args.join(' ') || 'the app'} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
  )
}

// --- sizes --------------------------------------------------------------------------------------

/** Manifest keys reachable from `keys` through static `imports` only. */
function staticClosure(manifest, keys) {
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const next of manifest[key]?.imports ?? []) visit(next)
  }
  keys.forEach(visit)
  return seen
}

function gzipTotal(manifest, keys) {
  const files = [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'))
  const bytes = files.map((file) => gzipSync(readFileSync(join(root, 'dist', file)), { level: 9 }))
  return { files, gzipBytes: bytes.reduce((sum, b) => sum + b.length, 0) }
}

function measureSizes() {
  const manifest = JSON.parse(readFileSync(join(root, 'dist/.vite/manifest.json'), 'utf8'))
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
  const initialKeys = staticClosure(manifest, entries)
  const editorEntries = Object.keys(manifest).filter((key) =>
    /(^|\/)MonacoEditor-[^/]*\.js$/.test(manifest[key].file),
  )
  if (entries.length === 0 || editorEntries.length === 0)
    throw new Error('dist/.vite/manifest.json has no entry chunk or no MonacoEditor-*.js chunk')
  const editorKeys = [...staticClosure(manifest, editorEntries)].filter((k) => !initialKeys.has(k))
  return { initial: gzipTotal(manifest, initialKeys), editor: gzipTotal(manifest, editorKeys) }
}

// --- servers ------------------------------------------------------------------------------------

const servers = []
function killServers() {
  for (const server of servers.splice(0)) {
    try {
      process.kill(-server.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
}
process.on('exit', killServers)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130))

async function startServer({ port, args }) {
  const child = spawn(
    process.execPath,
    [vite, 'preview', ...args, '--port', String(port), '--strictPort'],
    { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  servers.push(child)
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview on ${port} exited: ${stderr}`)
    try {
      if ((await fetch(`http://localhost:${port}/`)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`vite preview on ${port} did not answer within 30s: ${stderr}`)
}

// --- timings ------------------------------------------------------------------------------------

async function editorReady(page) {
  await page.waitForSelector('[data-testid=editor][data-ready=true]', { timeout: 60_000 })
  return page.evaluate(() => performance.getEntriesByName('editor-ready')[0].startTime)
}

/** One cold visit in a fresh context, then one warm reload in the same context. */
async function visit(browser, { port }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } })
  try {
    const page = await context.newPage()
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'commit' })
    const cold = await editorReady(page)
    await page.reload({ waitUntil: 'commit' })
    const warm = await editorReady(page)
    return { cold, warm }
  } finally {
    await context.close()
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

// --- main ---------------------------------------------------------------------------------------

async function engineSection() {
  console.log('\nEngine section')
  const { table, results, seconds } = await runEngineBench()
  console.log(`\n${table}\n\nEngine section took ${seconds.toFixed(0)}s`)
  return results
}

function writeResults(results) {
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(latestJson, `${JSON.stringify(results, null, 2)}\n`)
  console.log('\nWrote bench/results/latest.json')
}

/** --engine-only: the engine section, merged into the last full run's results. */
async function mainEngineOnly() {
  let previous = {}
  try {
    previous = JSON.parse(readFileSync(latestJson, 'utf8'))
  } catch {
    // No earlier results (or unreadable): start afresh.
  }
  const engine = await engineSection()
  writeResults({ ...previous, engine })
}

async function main() {
  build(['--manifest'])
  build(['--config', benchConfig])
  const sizes = measureSizes()
  await Promise.all(targets.map(startServer))

  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
  const version = browser.version()
  const samples = Object.fromEntries(targets.map((t) => [t.name, { cold: [], warm: [] }]))
  try {
    // One untimed round first: it warms the servers, the OS file cache and the browser process.
    for (const target of targets) await visit(browser, target)
    for (let i = 0; i < runs; i++) {
      for (const target of targets) {
        const { cold, warm } = await visit(browser, target)
        samples[target.name].cold.push(cold)
        samples[target.name].warm.push(warm)
      }
      process.stdout.write(`run ${i + 1}/${runs}${process.stdout.isTTY ? '\r' : '\n'}`)
    }
  } finally {
    await browser.close()
  }

  const medians = Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [
      name,
      { cold: median(s.cold), warm: median(s.warm) },
    ]),
  )
  const ratios = {
    coldPlaygroundOverBare: medians.playground.cold / medians.bare.cold,
    warmPlaygroundOverBare: medians.playground.warm / medians.bare.warm,
    initialJsOverEditorJs: sizes.initial.gzipBytes / sizes.editor.gzipBytes,
  }

  const ms = (value) => `${value.toFixed(0)} ms`
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`
  const x = (ratio) => `**${ratio.toFixed(2)}×**`
  const table = [
    `Editor ready, median of ${runs} runs (Chromium ${version})`,
    '',
    '| figure | playground | bare Monaco | playground / bare |',
    '| --- | ---: | ---: | ---: |',
    `| cold first visit | ${ms(medians.playground.cold)} | ${ms(medians.bare.cold)} | ${x(ratios.coldPlaygroundOverBare)} |`,
    `| warm reload | ${ms(medians.playground.warm)} | ${ms(medians.bare.warm)} | ${x(ratios.warmPlaygroundOverBare)} |`,
    '',
    'Playground JS, gzip -9',
    '',
    '| figure | before the editor | editor chunk(s) | before / editor |',
    '| --- | ---: | ---: | ---: |',
    `| size | ${kb(sizes.initial.gzipBytes)} (${sizes.initial.files.length} files) | ${kb(sizes.editor.gzipBytes)} (${sizes.editor.files.length} files) | ${x(ratios.initialJsOverEditorJs)} |`,
    '',
    'How to read: the ratios are the figure (both sides measured in this same run);',
    'absolute ms and bytes vary with the machine and the build.',
  ].join('\n')
  console.log(`\n${table}`)
  killServers()

  const engine = await engineSection()
  writeResults({
    date: new Date().toISOString(),
    runs,
    chromium: version,
    node: process.version,
    editorReadyMs: { samples, medians },
    sizes,
    ratios,
    engine,
  })
}

;(engineOnly ? mainEngineOnly() : main())
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(killServers)
