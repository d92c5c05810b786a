// `connector-playground run` and `cards` as users run them: the bin on the built bundle, flows run
// against the in-process mock services with the app's engine and test connections.
//
// Like cli.test.ts, it builds the CLI when the bundle is missing or older than its sources, but it
// runs a private copy (the bin and the bundle in a temporary folder): vitest runs test files in
// parallel, and a rebuild of dist-cli/ by one file must not pull the bundle from under the other.
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = join(import.meta.dirname, '../..')
const bin = join(repo, 'bin/connector-playground.mjs')
const bundle = join(repo, 'dist-cli/cli.mjs')
const template = 'fixtures/templates/acme-hr'

/** Everything the bundle is built from: the CLI and the engine, mocks and platform it runs. */
const SOURCES = ['src/cli', 'src/definition', 'src/engine', 'src/platform', 'src/mocks', 'cli']

function newestSource(): number {
  let newest = statSync(join(repo, 'package.json')).mtimeMs
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  for (const dir of SOURCES) visit(join(repo, dir))
  return newest
}

let tmp: string
/** The private install: <sandbox>/bin/connector-playground.mjs runs <sandbox>/dist-cli/cli.mjs. */
let sandbox: string

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cp-cli-run-'))
  sandbox = join(tmp, 'install')
  mkdirSync(join(sandbox, 'bin'), { recursive: true })
  copyFileSync(bin, join(sandbox, 'bin/connector-playground.mjs'))
  const out = join(sandbox, 'dist-cli')
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) {
    mkdirSync(out)
    copyFileSync(bundle, join(out, 'cli.mjs'))
    return
  }
  // The same build as `npm run build:cli`, into the private copy.
  const vite = join(repo, 'node_modules/vite/bin/vite.js')
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'cli/vite.config.ts', '--outDir', out],
    { cwd: repo, encoding: 'utf8' },
  )
  expect(build.status, `building the CLI failed:\n${build.stdout}\n${build.stderr}`).toBe(0)
}, 120_000)

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], cwd = repo): Run {
  const run = spawnSync(
    process.execPath,
    [join(sandbox, 'bin/connector-playground.mjs'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

interface Report {
  status: string
  outputs: { users?: unknown[]; total?: number } | null
  error: { message: string; code: number; method: string; flo: string } | null
  trace?: Trace | null
  diagnostics?: { code: string; path: string }[]
}

interface Trace {
  flow: string
  status: string
  steps: { stepId: string; children?: Trace[] }[]
}

const PASSWORD = 'Acme-Demo-7431'
const BASIC = Buffer.from(`demo:${PASSWORD}`).toString('base64')

describe('connector-playground run', () => {
  test('List Users with the demo connection prints its outputs (exit 0)', () => {
    const run = cli([
      'run',
      template,
      'List Users',
      '--connection',
      'demo',
      '--input',
      '{"limit":2}',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const outputs = JSON.parse(run.stdout) as { users: unknown[]; total: number }
    expect(outputs.users).toHaveLength(2)
    expect(outputs.total).toBe(12)
  })

  test('without a connection the API answers 401: "Run failed" on stderr (exit 1)', () => {
    const run = cli(['run', template, 'List Users', '--input', '{"limit":2}'])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(
      /^Run failed: HTTP 401 .*\(code 401, at step call of List Users\)\n$/,
    )
  })

  test('--input-file reads the input from a file', () => {
    const file = join(tmp, 'input.json')
    writeFileSync(file, '{\n  "limit": 3\n}\n')
    const run = cli(['run', template, 'List Users', '--connection', 'demo', '--input-file', file])
    expect(run.status).toBe(0)
    expect((JSON.parse(run.stdout) as { users: unknown[] }).users).toHaveLength(3)
  })

  test('--trace prints status, outputs, error and the redacted trace with the helper run nested', () => {
    const args = ['run', template, 'List Users', '--connection', 'demo', '--input', '{"limit":2}']
    const run = cli([...args, '--trace'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const report = JSON.parse(run.stdout) as Report
    expect(Object.keys(report)).toEqual(['status', 'outputs', 'error', 'trace'])
    expect(report.status).toBe('success')
    expect(report.error).toBeNull()
    expect(report.outputs?.users).toHaveLength(2)
    const call = report.trace?.steps.find((s) => s.stepId === 'call')
    expect(call?.children?.map((c) => c.flow)).toEqual(['httpHelper'])
    expect(call?.children?.[0]?.steps.map((s) => s.stepId)).toContain('request')
    // The connection's secrets never reach the output, neither as given nor as the Basic header.
    expect(run.stdout).not.toContain(PASSWORD)
    expect(run.stdout).not.toContain(BASIC)
  })

  test('--json prints status, outputs and error; a failed run too, with the stderr line', () => {
    const ok = cli(['run', template, 'List Users', '--connection', 'demo', '--json'])
    expect(ok.status).toBe(0)
    const report = JSON.parse(ok.stdout) as Report
    expect(Object.keys(report)).toEqual(['status', 'outputs', 'error'])
    expect(report.outputs?.total).toBe(12)

    const failed = cli(['run', template, 'List Users', '--json'])
    expect(failed.status).toBe(1)
    const failure = JSON.parse(failed.stdout) as Report
    expect(failure.status).toBe('failed')
    expect(failure.outputs).toBeNull()
    expect(failure.error).toMatchObject({ code: 401, method: 'call', flo: 'List Users' })
    expect(failed.stderr).toContain('Run failed: HTTP 401')
  })

  test('an unknown flow is a usage error (exit 2) with a did-you-mean and the flows', () => {
    const run = cli(['run', template, 'List User', '--connection', 'demo'])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('no flow is named "List User" — did you mean "List Users"?')
    for (const flow of [
      '"List Users" (action)',
      '"httpHelper" (helper)',
      '"_authping" (authping)',
    ]) {
      expect(run.stderr).toContain(flow)
    }
    expect(run.stderr).toContain('connector-playground run --help')
  })

  test('--input that is not JSON is a usage error (exit 2) at its position', () => {
    const run = cli(['run', template, 'List Users', '--input', '{"limit":2,}'])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('--input is not valid JSON:')
    expect(run.stderr).toContain('at line 1, column 12')
    expect(run.stderr).toContain('  {"limit":2,}\n             ^\n')
  })

  test('--input that is not an object, or a missing --input-file, is a usage error (exit 2)', () => {
    const array = cli(['run', template, 'List Users', '--input', '[2]'])
    expect(array.status).toBe(2)
    expect(array.stderr).toContain('--input must be a JSON object')
    const missing = cli(['run', template, 'List Users', '--input-file', 'no/such.json'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('--input-file no/such.json')
  })

  test('a --connection that is neither demo nor a JSON object is a usage error (exit 2)', () => {
    const run = cli(['run', template, 'List Users', '--connection', 'prod'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('--connection is not valid JSON')
  })

  test('refused credentials stop before the run: _authping fails (exit 1)', () => {
    const run = cli([
      'run',
      template,
      'List Users',
      '--connection',
      '{"username": "demo", "password": "wrong"}',
    ])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Connection failed: _authping failed: .*401/)
    expect(run.stderr).not.toContain('wrong')
  })

  test('--options sets the card options: Custom API Action with a Request Type', () => {
    const run = cli([
      'run',
      template,
      'Custom API Action',
      '--connection',
      'demo',
      '--options',
      '{"request_type": "GET"}',
      '--input',
      '{"relative_url": "/me"}',
    ])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const outputs = JSON.parse(run.stdout) as { status_code: number; body: { username: string } }
    expect(outputs.status_code).toBe(200)
    expect(outputs.body.username).toBe('demo')
  })

  test('explicit connection values work like demo', () => {
    const run = cli([
      'run',
      template,
      'List Users',
      '--connection',
      `{"username": "demo", "password": "${PASSWORD}"}`,
      '--input',
      '{"limit":1}',
    ])
    expect(run.stderr).toBe('')
    expect((JSON.parse(run.stdout) as { users: unknown[] }).users).toHaveLength(1)
  })

  test('missing arguments are usage errors (exit 2); without a flow name the flows are listed', () => {
    expect(cli(['run']).status).toBe(2)
    const noFlow = cli(['run', template])
    expect(noFlow.status).toBe(2)
    expect(noFlow.stderr).toContain('run needs a flow name')
    expect(noFlow.stderr).toContain('"List Users"')
    const missing = cli(['run', 'no/such/project', 'List Users'])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('no/such/project: no such file or directory')
  })

  test('a project with blocking errors prints them as validate does and runs nothing (exit 1)', () => {
    const dir = join(tmp, 'broken')
    mkdirSync(join(dir, 'flows'), { recursive: true })
    writeFileSync(
      join(dir, 'connector.json'),
      JSON.stringify({ name: 'Temp', key: 'temp_ABC123', baseUrl: 'https://hr.example/api/v1' }),
    )
    writeFileSync(
      join(dir, 'flows/Broken.json'),
      '{\n  "name": "Broken",\n  "kind": "action"\n  "steps": []\n}\n',
    )
    const run = cli(['run', '.', 'Broken'], dir)
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^flows\/Broken\.json:4:3 JSON001 /m)
    expect(run.stderr).toMatch(
      /Run failed: the project has \d+ errors? that blocks? a run; nothing ran\n$/,
    )

    const json = cli(['run', '.', 'Broken', '--json'], dir)
    expect(json.status).toBe(1)
    const report = JSON.parse(json.stdout) as Report
    expect(report.status).toBe('failed')
    expect(report.diagnostics?.map((d) => `${d.path} ${d.code}`)).toContain(
      'flows/Broken.json JSON001',
    )
  })

  test('run --help documents the options and exit codes', () => {
    const run = cli(['run', '--help'])
    expect(run.status).toBe(0)
    for (const text of [
      '--input',
      '--input-file',
      '--connection',
      '--trace',
      '--json',
      'Exit codes',
    ]) {
      expect(run.stdout).toContain(text)
    }
  })
})

describe('connector-playground cards', () => {
  interface Spec {
    id: unknown
    name: unknown
    category: unknown
    oktaKey: unknown
  }

  test('--json prints the card specs', () => {
    const run = cli(['cards', '--json'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const cards = JSON.parse(run.stdout) as Spec[]
    expect(Array.isArray(cards)).toBe(true)
    expect(cards.length).toBeGreaterThan(100)
    for (const card of cards) {
      for (const key of ['id', 'name', 'category', 'oktaKey'] as const) {
        expect(typeof card[key], `${String(card.id)}.${key}`).toBe('string')
      }
    }
    const ids = cards.map((c) => c.id)
    expect(ids).toContain('list.map')
    expect(ids).toContain('text.concatenate')
  })

  test('the text table is grouped by category, with a count line', () => {
    const run = cli(['cards'])
    expect(run.status).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^ID +NAME +CATEGORY +OKTA KEY$/)
    expect(lines).toContainEqual(expect.stringMatching(/^Text \(\d+\)$/))
    expect(lines).toContainEqual(
      expect.stringMatching(/^text\.concatenate +Concatenate +Text +\S+$/),
    )
    const count = /^(\d+) cards in (\d+) categories$/.exec(lines.at(-1) ?? '')
    expect(count).not.toBeNull()
    const json = JSON.parse(cli(['cards', '--json']).stdout) as Spec[]
    expect(Number(count?.[1])).toBe(json.length)
    expect(Number(count?.[2])).toBe(new Set(json.map((c) => c.category)).size)
  })

  test('cards takes no arguments (exit 2)', () => {
    expect(cli(['cards', 'text']).status).toBe(2)
  })
})

describe('--help', () => {
  test('lists run and cards', () => {
    const run = cli(['--help'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^ {2}run {2,}/m)
    expect(run.stdout).toMatch(/^ {2}cards {2,}/m)
  })
})
