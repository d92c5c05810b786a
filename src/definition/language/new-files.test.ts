import { describe, expect, it } from 'vitest'
import { cardCatalogue } from '../../engine/cards'
import { formatDiagnostic } from '../diagnostics'
import { loadProject } from '../load-project'
import type { ProjectFiles } from '../project'
import { FLOW_KINDS } from '../schema'
import {
  fileNameFor,
  fileNameProblem,
  newFlowFile,
  newWorkflowFile,
  renamedPath,
  TRIGGER_TYPES,
} from './new-files'
import { sampleProject } from './test-support'

function problems(files: ProjectFiles): string[] {
  return loadProject(files, cardCatalogue).diagnostics.map(formatDiagnostic)
}

function withoutAuthping(): ProjectFiles {
  const { 'flows/_authping.json': _authping, ...files } = sampleProject()
  return files
}

function add(files: ProjectFiles, created: ReturnType<typeof newFlowFile>): ProjectFiles {
  if (!created.ok) throw new Error(created.error)
  return { ...files, [created.path]: created.text }
}

describe('new flow skeletons', () => {
  it('the sample project starts clean', () => {
    expect(problems(sampleProject())).toEqual([])
  })

  it.each(FLOW_KINDS)('a new %s flow validates cleanly', (kind) => {
    let files = sampleProject()
    if (kind === 'authping') files = withoutAuthping()
    if (kind === 'webhookEvent')
      files = add(files, newFlowFile(files, cardCatalogue, 'webhookRegistration', 'Register'))
    const created = newFlowFile(files, cardCatalogue, kind, 'New One')
    expect(created.ok).toBe(true)
    expect(problems(add(files, created))).toEqual([])
  })

  it('needs a registration flow before a webhook event', () => {
    expect(newFlowFile(sampleProject(), cardCatalogue, 'webhookEvent', 'Hook')).toMatchObject({
      ok: false,
      error: expect.stringContaining('create a webhook registration flow first'),
    })
  })

  it('names authping and revoke flows as the platform requires', () => {
    const authping = newFlowFile(withoutAuthping(), cardCatalogue, 'authping', 'ignored')
    expect(authping).toMatchObject({ ok: true, path: 'flows/_authping.json' })
    expect(JSON.parse(authping.ok ? authping.text : '')).toMatchObject({ name: '_authping' })
    expect(newFlowFile(sampleProject(), cardCatalogue, 'revoke', '')).toMatchObject({
      ok: true,
      path: 'flows/_revoke.json',
    })
  })

  it('wires a new webhook event to the registration flows that exist', () => {
    let files = sampleProject()
    files = add(files, newFlowFile(files, cardCatalogue, 'webhookRegistration', 'Register'))
    files = add(files, newFlowFile(files, cardCatalogue, 'webhookDeregistration', 'Unregister'))
    const event = newFlowFile(files, cardCatalogue, 'webhookEvent', 'User Created')
    expect(JSON.parse(event.ok ? event.text : '')).toMatchObject({
      webhook: { registrationFlow: 'Register', deregistrationFlow: 'Unregister' },
    })
    expect(problems(add(files, event))).toEqual([])
  })

  it('refuses taken and reserved names', () => {
    expect(newFlowFile(sampleProject(), cardCatalogue, 'helper', 'httpHelper')).toEqual({
      ok: false,
      error: 'A flow named "httpHelper" already exists (flows/httpHelper.json).',
    })
    expect(newFlowFile(sampleProject(), cardCatalogue, 'helper', '_authping')).toMatchObject({
      ok: false,
      error: '"_authping" is reserved for the authping flow.',
    })
    expect(newFlowFile(sampleProject(), cardCatalogue, 'action', '  ')).toMatchObject({ ok: false })
    expect(newFlowFile(sampleProject(), cardCatalogue, 'authping', '')).toMatchObject({
      ok: false,
      error: 'A flow named "_authping" already exists (flows/_authping.json).',
    })
    expect(newFlowFile(sampleProject(), cardCatalogue, 'action', 'Get-Users')).toMatchObject({
      ok: false,
      error: 'A flow name uses letters, numbers and spaces only.',
    })
  })

  it('makes a safe, free file name from any flow name', () => {
    expect(fileNameFor('Get User’s Groups/All')).toBe('Get User-s Groups-All')
    expect(fileNameFor('Ünïcode names')).toBe('Unicode names')
    expect(fileNameFor('日本')).toBe('flow')
    const files = sampleProject({ 'flows/Sync.json': '{}' })
    expect(newFlowFile(files, cardCatalogue, 'helper', 'Sync')).toMatchObject({
      ok: true,
      path: 'flows/Sync 2.json',
    })
  })
})

describe('new workflows', () => {
  const withEvent = () => {
    const files = add(
      sampleProject(),
      newFlowFile(sampleProject(), cardCatalogue, 'webhookRegistration', 'Register'),
    )
    return add(files, newFlowFile(files, cardCatalogue, 'webhookEvent', 'User Created'))
  }

  it.each(TRIGGER_TYPES)('a new workflow with a %s trigger validates cleanly', (type) => {
    const files = withEvent()
    const created = newWorkflowFile(files, cardCatalogue, type, 'My Flow')
    expect(created).toMatchObject({ ok: true, path: 'workflows/My Flow.json' })
    expect(problems(add(files, created))).toEqual([])
  })

  it('needs an event flow for an event trigger, and a free name', () => {
    expect(newWorkflowFile(sampleProject(), cardCatalogue, 'event', 'E')).toMatchObject({
      ok: false,
    })
    const files = add(
      sampleProject(),
      newWorkflowFile(sampleProject(), cardCatalogue, 'manual', 'W'),
    )
    expect(newWorkflowFile(files, cardCatalogue, 'manual', 'W')).toMatchObject({ ok: false })
  })
})

describe('renaming files', () => {
  const files = sampleProject()

  it('keeps the folder and .json', () => {
    expect(renamedPath(files, 'flows/httpHelper.json', 'http')).toEqual({
      ok: true,
      path: 'flows/http.json',
    })
    expect(renamedPath(files, 'flows/httpHelper.json', 'http.json')).toEqual({
      ok: true,
      path: 'flows/http.json',
    })
    expect(renamedPath(files, 'flows/httpHelper.json', 'httpHelper')).toEqual({
      ok: true,
      path: 'flows/httpHelper.json',
    })
  })

  it('refuses collisions (ignoring case), unsafe names and connector.json', () => {
    expect(renamedPath(files, 'flows/httpHelper.json', 'list users')).toEqual({
      ok: false,
      error: 'flows/List Users.json already exists.',
    })
    expect(renamedPath(files, 'flows/httpHelper.json', '../connector')).toMatchObject({ ok: false })
    expect(renamedPath(files, 'flows/httpHelper.json', 'a/b')).toMatchObject({ ok: false })
    expect(renamedPath(files, 'connector.json', 'x')).toMatchObject({ ok: false })
    expect(renamedPath(files, 'flows/nope.json', 'x')).toMatchObject({ ok: false })
    expect(fileNameProblem('')).toBe('Enter a name.')
    expect(fileNameProblem(' x')).toBe('Remove the spaces at the start or end of the name.')
    expect(fileNameProblem('.hidden')).toBe('A file name cannot start with a dot.')
    expect(fileNameProblem('a<b')).toBe('Use letters, digits, spaces and - _ . ( ) only.')
    expect(fileNameProblem('x'.repeat(81))).toBe('Use at most 80 characters.')
    expect(fileNameProblem('__proto__')).toBe('"__proto__" is reserved.')
    expect(fileNameProblem('List Users (v2)')).toBeUndefined()
  })
})
