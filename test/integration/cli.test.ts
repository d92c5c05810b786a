// The command line as users run it: `node bin/connector-playground.mjs …` on the built bundle
// (dist-cli/cli.mjs), checking output, locations and exit codes.
import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const repo = join(import.meta.dirname, '../..')
const bin = join(repo, 'bin/connector-playground.mjs')
const bundle = join(repo, 'dist-cli/cli.mjs')

/** The newest modification time under the folders the bundle is built from. */
function newestSource(): number {
  let newest = statSync(join(repo, 'package.json')).mtimeMs
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) visit(path)
      else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  for (const dir of [
    'src/cli',
    'src/definition',
    'src/engine',
    'src/platform',
    'src/mocks',
    'src/share',
    'cli',
  ])
    visit(join(repo, dir))
  return newest
}

beforeAll(() => {
  // Build once when the bundle is missing or older than its sources, so a test never runs a stale CLI.
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource()) return
  const build = spawnSync('npm', ['run', 'build:cli'], { cwd: repo, encoding: 'utf8' })
  expect(build.status, `npm run build:cli failed:\n${build.stdout}\n${build.stderr}`).toBe(0)
}, 120_000)

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

function cli(args: string[], cwd = repo): Run {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

const CONNECTOR = JSON.stringify(
  {
    name: 'Temp',
    key: 'temp_ABC123',
    baseUrl: 'https://hr.example/api/v1',
  },
  null,
  2,
)

let tmp: string

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'project-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cp-cli-'))
})

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe('connector-playground validate', () => {
  test('the acme-hr template has no problems (exit 0)', () => {
    const run = cli(['validate', 'fixtures/templates/acme-hr'])
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^No problems in \d+ files\n$/)
  })

  test('a malformed flow is JSON001 at the right line and column (exit 1)', () => {
    const dir = project({
      'connector.json': CONNECTOR,
      'flows/Broken.json': '{\n  "name": "Broken",\n  "kind": "action"\n  "steps": []\n}\n',
    })
    const run = cli(['validate', dir], tmp)
    expect(run.status).toBe(1)
    const name = relative(tmp, dir)
    expect(run.stdout).toContain(`${name}/flows/Broken.json:4:3 JSON001 `)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 0 warnings in 2 files')
  })

  test('a schema error is SCHEMA001 at the offending value', () => {
    const flow = JSON.stringify(
      {
        name: 'Typed',
        kind: 'action',
        inputs: [{ key: 'email', type: 'string' }],
        steps: [],
      },
      null,
      2,
    )
    const dir = project({ 'connector.json': CONNECTOR, 'flows/Typed.json': flow })
    const run = cli(['validate', dir], dir)
    expect(run.status).toBe(1)
    // The `"string"` value sits on line 7, after `      "type": `.
    expect(flow.split('\n')[6]).toBe('      "type": "string"')
    expect(run.stdout).toMatch(/^flows\/Typed\.json:7:15 SCHEMA001 .+$/m)
  })

  test('--json prints the report only, with counts that match', () => {
    const dir = project({
      'connector.json': CONNECTOR,
      'flows/Broken.json': '{ "name": ',
      'flows/Extra.json': '{ "name": "Extra", "kind": "helper", "steps": [], "colour": "red" }',
      'notes.json': '{}',
    })
    const run = cli(['validate', '--json', dir], dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; severity: string; file: string; path: string }[]
      errors: number
      warnings: number
      files: number
    }
    expect(Object.keys(report).sort()).toEqual(['diagnostics', 'errors', 'files', 'warnings'])
    expect(report.files).toBe(4)
    const count = (severity: string) =>
      report.diagnostics.filter((d) => d.severity === severity).length
    expect(report.errors).toBe(count('error'))
    expect(report.warnings).toBe(count('warning'))
    expect(report.errors).toBeGreaterThanOrEqual(2)
    const codes = report.diagnostics.map((d) => `${d.file} ${d.code}`)
    expect(codes).toContain('flows/Broken.json JSON001')
    expect(codes).toContain('flows/Extra.json SCHEMA001')
    expect(codes).toContain('notes.json PROJ002')
  })

  test('warnings alone do not fail (exit 0)', () => {
    const dir = project({
      'connector.json': CONNECTOR,
      'flows/Ping.json': JSON.stringify({
        name: 'Ping',
        kind: 'action',
        steps: [{ id: 'done', card: 'flow.returnOutputs' }],
      }),
      'notes.json': '{}',
    })
    const run = cli(['validate', dir], dir)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toContain(
      'notes.json:1:1 PROJ002 notes.json is not part of the format (connector.json, flows/*.json, workflows/*.json) and is ignored',
    )
    expect(lines.at(-1)).toMatch(/^0 errors, [1-9]\d* warnings? in 3 files$/)
  })

  test('a single file validates its project but prints only its own problems', () => {
    const dir = project({
      'connector.json': CONNECTOR,
      'flows/Broken.json': '{',
      'flows/Good.json': '{ "name": "Good", "kind": "helper", "steps": [] }',
    })
    const good = cli(['validate', 'flows/Good.json'], dir)
    expect(good.status).toBe(0)
    expect(good.stdout).toBe('No problems in 1 file\n')

    const broken = cli(['validate', join(relative(tmp, dir), 'flows/Broken.json')], tmp)
    expect(broken.status).toBe(1)
    const lines = broken.stdout.trimEnd().split('\n')
    expect(
      lines.slice(0, -1).every((l) => l.startsWith(`${relative(tmp, dir)}/flows/Broken.json:`)),
    ).toBe(true)
    expect(lines.at(-1)).toMatch(/^\d+ errors?, 0 warnings in 1 file$/)
  })

  test('a flow file finds its project through connector.json (so cross-file rules apply)', () => {
    const dir = project({
      'connector.json': CONNECTOR,
      'flows/Caller.json': JSON.stringify({
        name: 'Caller',
        kind: 'action',
        steps: [{ id: 'call', card: 'flow.call', flow: 'Nowhere' }],
      }),
    })
    const run = cli(['validate', join(dir, 'flows/Caller.json')], dir)
    expect(run.status).toBe(1)
    expect(run.stdout).toContain('FLOW002')
  })
})

describe('usage', () => {
  test('a missing path is a usage error (exit 2)', () => {
    const run = cli(['validate', 'no/such/project'])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('no/such/project: no such file or directory')
  })

  test('validate without a path is a usage error (exit 2)', () => {
    const run = cli(['validate'])
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('validate needs a project directory or file')
  })

  test('no arguments prints the usage on stderr (exit 2)', () => {
    const run = cli([])
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('Usage: connector-playground <command>')
  })

  test('an unknown command or option is a usage error (exit 2)', () => {
    const command = cli(['frobnicate'])
    expect(command.status).toBe(2)
    expect(command.stderr).toContain('unknown command "frobnicate"')
    const option = cli(['validate', '--frob', 'fixtures/templates/acme-hr'])
    expect(option.status).toBe(2)
    expect(option.stderr).toContain("'--frob'")
    expect(option.stderr).toContain('connector-playground validate --help')
  })

  test('--help and -h print the usage (exit 0); validate --help its own', () => {
    for (const flag of ['--help', '-h']) {
      const run = cli([flag])
      expect(run.status).toBe(0)
      expect(run.stdout).toContain('Usage: connector-playground <command>')
      expect(run.stdout).toContain('validate')
      expect(run.stdout).not.toContain('schemas')
    }
    const validate = cli(['validate', '--help'])
    expect(validate.status).toBe(0)
    expect(validate.stdout).toContain('Usage: connector-playground validate <project dir or file>')
    expect(validate.stdout).toContain('--json')
  })

  test('--version prints the package version', () => {
    const run = cli(['--version'])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})

describe('the bin', () => {
  test('without a build it says to run npm run build:cli', () => {
    const copy = join(tmp, 'unbuilt')
    mkdirSync(join(copy, 'bin'), { recursive: true })
    copyFileSync(bin, join(copy, 'bin/connector-playground.mjs'))
    const run = spawnSync(
      process.execPath,
      [join(copy, 'bin/connector-playground.mjs'), '--help'],
      {
        encoding: 'utf8',
      },
    )
    expect(run.status).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('npm run build:cli')
  })
})

describe('schemas (hidden)', () => {
  test('schemas --write writes the three JSON Schemas', () => {
    const out = join(tmp, 'schemas-out')
    const run = cli(['schemas', '--write', out])
    expect(run.status).toBe(0)
    expect(readdirSync(out).sort()).toEqual([
      'connector.schema.json',
      'flow.schema.json',
      'workflow.schema.json',
    ])
  })
})
