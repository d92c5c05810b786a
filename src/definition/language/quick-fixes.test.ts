import { describe, expect, it } from 'vitest'
import { cardCatalogue } from '../../engine/cards'
import type { Diagnostic } from '../diagnostics'
import { loadProject } from '../load-project'
import type { ProjectFiles } from '../project'
import { quickFixesFor } from './quick-fixes'
import { freeFlowName } from './quick-fixes'
import { edit, LIST_USERS, sampleProject } from './test-support'
import { applyFileEdits } from './text'

const LIST = 'flows/List Users.json'

function diagnostic(code: string, file: string, pointer: string, message = ''): Diagnostic {
  return {
    code,
    severity: 'error',
    message,
    file,
    pointer,
    range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
  }
}

/** Applies a fix and returns the new project files. */
function applyFix(files: ProjectFiles, fix: { edits: Parameters<typeof applyFileEdits>[1] }) {
  return { ...files, ...applyFileEdits(files, fix.edits) }
}

/** The validator's diagnostics with a code, after loading the files. */
function validatorSays(files: ProjectFiles, code: string): Diagnostic[] {
  return loadProject(files, cardCatalogue).diagnostics.filter((d) => d.code === code)
}

function parsesAll(files: ProjectFiles) {
  for (const [path, text] of Object.entries(files))
    expect(() => JSON.parse(text), path).not.toThrow()
}

describe('quick fixes from the validator', () => {
  it('CARD001: changes a misspelt card id to the closest card', () => {
    const files = sampleProject({ [LIST]: edit(LIST_USERS, 'object.construct', 'object.constuct') })
    const [problem] = validatorSays(files, 'CARD001')
    expect(problem).toBeDefined()
    const fixes = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
    expect(fixes.map((f) => f.title)).toEqual(['Change to object.construct'])
    const fixed = applyFix(files, fixes[0] as never)
    parsesAll(fixed)
    expect(fixed[LIST]).toBe(LIST_USERS)
    expect(validatorSays(fixed, 'CARD001')).toEqual([])
  })

  it('CARD001: offers nothing when no card is close', () => {
    const files = sampleProject({ [LIST]: edit(LIST_USERS, 'object.construct', 'zzzzzzzz') })
    const [problem] = validatorSays(files, 'CARD001')
    expect(quickFixesFor(problem as Diagnostic, files, cardCatalogue)).toEqual([])
  })

  it('CARD003: adds a missing required input to existing inputs', () => {
    const files = sampleProject({
      [LIST]: edit(
        LIST_USERS,
        '"card": "flow.returnOutputs",\n      "inputs": { "users": "=call.body.data" }',
        '"card": "object.get",\n      "inputs": { "object": "=call.body" }',
      ),
    })
    const problems = validatorSays(files, 'CARD003')
    expect(problems.map((p) => p.message)).toEqual(['Get needs the input "path"'])
    const fixes = quickFixesFor(problems[0] as Diagnostic, files, cardCatalogue)
    expect(fixes.map((f) => f.title)).toEqual(['Add the input "path"'])
    const fixed = applyFix(files, fixes[0] as never)
    parsesAll(fixed)
    expect(fixed[LIST]).toContain('"inputs": { "object": "=call.body", "path": "" }')
    expect(validatorSays(fixed, 'CARD003')).toEqual([])
  })

  it('CARD003: creates inputs when the step has none, in the object’s layout', () => {
    const files = sampleProject({
      [LIST]: edit(
        LIST_USERS,
        '"card": "flow.returnOutputs",\n      "inputs": { "users": "=call.body.data" }',
        '"card": "text.base64"',
      ),
    })
    const [problem] = validatorSays(files, 'CARD003')
    expect(problem?.pointer).toBe('/steps/2')
    const fixes = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
    const fixed = applyFix(files, fixes[0] as never)
    parsesAll(fixed)
    expect(fixed[LIST]).toContain('"card": "text.base64",\n      "inputs": { "text": "" }\n')
    expect(validatorSays(fixed, 'CARD003')).toEqual([])
  })

  it('CARD003: replaces an empty inputs object and a step with no properties', () => {
    const emptyInputs = sampleProject({
      [LIST]: edit(LIST_USERS, '"inputs": { "users": "=call.body.data" }', '"inputs": {}').replace(
        'flow.returnOutputs',
        'text.base64',
      ),
    })
    const [problem] = validatorSays(emptyInputs, 'CARD003')
    const fixed = applyFix(
      emptyInputs,
      quickFixesFor(problem as Diagnostic, emptyInputs, cardCatalogue)[0] as never,
    )
    expect(fixed[LIST]).toContain('"inputs": { "text": "" }')
    expect(validatorSays(fixed, 'CARD003')).toEqual([])
  })

  it('FLOW002: changes a misspelt flow name to the closest flow', () => {
    const files = sampleProject({
      [LIST]: edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "htpHelper"'),
    })
    const [problem] = validatorSays(files, 'FLOW002')
    const fixes = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
    expect(fixes.map((f) => f.title)).toEqual(['Change to httpHelper'])
    const fixed = applyFix(files, fixes[0] as never)
    expect(fixed[LIST]).toBe(LIST_USERS)
    expect(validatorSays(fixed, 'FLOW002')).toEqual([])
  })
})

describe('quick fixes for the rules that landed later', () => {
  it('REF001 from the validator: a misspelt step name', () => {
    const files = sampleProject({
      [LIST]: edit(LIST_USERS, '"=call.body.data"', '"=cal.body.data"'),
    })
    const [problem] = validatorSays(files, 'REF001')
    expect(problem?.pointer).toBe('/steps/2/inputs/users')
    const fixes = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
    expect(fixes.map((f) => f.title)).toEqual(['Change to =call.body.data'])
    const fixed = applyFix(files, fixes[0] as never)
    expect(fixed[LIST]).toBe(LIST_USERS)
    expect(validatorSays(fixed, 'REF001')).toEqual([])
  })

  it('REF002 from the validator: a misspelt output or input name', () => {
    for (const [from, to] of [
      ['"=call.body.data"', '"=call.bdy.data"'],
      ['"=input.limit"', '"=input.limt"'],
    ] as const) {
      const files = sampleProject({ [LIST]: edit(LIST_USERS, from, to) })
      const [problem] = validatorSays(files, 'REF002')
      expect(problem, to).toBeDefined()
      const [fix] = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
      expect(fix?.title).toBe(`Change to ${from.slice(1, -1)}`)
      const fixed = applyFix(files, fix as never)
      expect(fixed[LIST]).toBe(LIST_USERS)
      expect(validatorSays(fixed, 'REF002')).toEqual([])
    }
  })

  it('CBDE000005H / CBDE000007H from the validator: reserved names renamed away', () => {
    for (const [code, reserved] of [
      ['CBDE000005H', '_authping'],
      ['CBDE000007H', '_revoke'],
    ] as const) {
      const files = sampleProject({
        'flows/Checker.json': `{ "name": "${reserved}", "kind": "helper", "steps": [{ "id": "done", "card": "flow.return", "inputs": {} }] }\n`,
      })
      const [problem] = validatorSays(files, code)
      expect(problem, code).toBeDefined()
      const [fix] = quickFixesFor(problem as Diagnostic, files, cardCatalogue)
      expect(fix?.title).toBe('Rename the flow to "Checker"')
      const fixed = applyFix(files, fix as never)
      parsesAll(fixed)
      expect(validatorSays(fixed, code)).toEqual([])
    }
  })
})

describe('quick fixes from hand-built diagnostics', () => {
  it('REF001: replaces the first segment with the closest visible name', () => {
    const files = sampleProject({
      [LIST]: edit(LIST_USERS, '"=call.body.data"', '"=cal.body.data"'),
    })
    const fixes = quickFixesFor(
      diagnostic('REF001', LIST, '/steps/2/inputs/users', 'Unknown reference'),
      files,
      cardCatalogue,
    )
    expect(fixes.map((f) => f.title)).toEqual(['Change to =call.body.data'])
    expect(applyFix(files, fixes[0] as never)[LIST]).toBe(LIST_USERS)
  })

  it('REF001: suggests only names visible at the step (not later steps)', () => {
    const files = sampleProject({ [LIST]: edit(LIST_USERS, '"=query.output"', '"=dome.users"') })
    const fixes = quickFixesFor(
      diagnostic('REF001', LIST, '/steps/1/inputs/query'),
      files,
      cardCatalogue,
    )
    expect(fixes).toEqual([])
    const scope = sampleProject({ [LIST]: edit(LIST_USERS, '"=input.limit"', '"=inptu.limit"') })
    const [fix] = quickFixesFor(
      diagnostic('REF001', LIST, '/steps/0/inputs/limit'),
      scope,
      cardCatalogue,
    )
    expect(fix?.title).toBe('Change to =input.limit')
    expect(applyFix(scope, fix as never)[LIST]).toBe(LIST_USERS)
  })

  it('CBDE000005H: renames a flow that took _authping to a free name', () => {
    const helper = `{ "name": "_authping", "kind": "helper", "steps": [] }\n`
    const files = sampleProject({ 'flows/check.json': helper })
    const [fix] = quickFixesFor(
      diagnostic('CBDE000005H', 'flows/check.json', '/name'),
      files,
      cardCatalogue,
    )
    expect(fix?.title).toBe('Rename the flow to "check"')
    const fixed = applyFix(files, fix as never)
    expect(JSON.parse(fixed['flows/check.json'] ?? '')).toMatchObject({ name: 'check' })

    const named = sampleProject({ 'flows/_authping.json': helper })
    const [other] = quickFixesFor(
      diagnostic('CBDE000005H', 'flows/_authping.json', '/name'),
      named,
      cardCatalogue,
    )
    expect(other?.title).toBe('Rename the flow to "authping"')
  })

  it('CBDE000007H: renames a flow that took _revoke, avoiding names in use', () => {
    const files = sampleProject({
      'flows/_revoke.json': `{ "name": "_revoke", "kind": "action", "steps": [] }`,
      'flows/revoke.json': `{ "name": "revoke", "kind": "helper", "steps": [] }`,
    })
    const [fix] = quickFixesFor(
      diagnostic('CBDE000007H', 'flows/_revoke.json', '/name'),
      files,
      cardCatalogue,
    )
    expect(fix?.title).toBe('Rename the flow to "revoke2"')
    expect(freeFlowName('flows/List Users.json', '_revoke', new Set(['List Users']))).toBe('revoke')
  })

  it('offers nothing for other codes or when the place no longer matches', () => {
    const files = sampleProject()
    expect(quickFixesFor(diagnostic('STEP001', LIST, '/steps/0/id'), files, cardCatalogue)).toEqual(
      [],
    )
    expect(
      quickFixesFor(diagnostic('CARD001', LIST, '/steps/9/card'), files, cardCatalogue),
    ).toEqual([])
    expect(quickFixesFor(diagnostic('CARD003', 'missing.json', ''), files, cardCatalogue)).toEqual(
      [],
    )
  })
})
