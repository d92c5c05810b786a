import { describe, expect, it } from 'vitest'
import { cardCatalogue } from '../../engine/cards'
import type { ProjectFiles } from '../project'
import { definitionAt } from './definition'
import { hoverAt } from './hover'
import { cursor, edit, LIST_USERS, sampleProject } from './test-support'
import { offsetAt } from './text'

const LIST = 'flows/List Users.json'

function hover(marked: string, file = LIST, extra: ProjectFiles = {}) {
  const { text, offset } = cursor(marked)
  return hoverAt(sampleProject({ ...extra, [file]: text }), cardCatalogue, file, offset)
}

function definition(marked: string, file = LIST, extra: ProjectFiles = {}) {
  const { text, offset } = cursor(marked)
  const files = sampleProject({ ...extra, [file]: text })
  const found = definitionAt(files, cardCatalogue, file, offset)
  if (!found) return undefined
  const target = files[found.file] ?? ''
  const start = offsetAt(target, found.range.startLine, found.range.startColumn)
  const end = offsetAt(target, found.range.endLine, found.range.endColumn)
  return { file: found.file, text: target.slice(start, end), line: found.range.startLine }
}

describe('hover', () => {
  it('describes a card: name, category, Okta key, help, inputs and outputs', () => {
    const result = hover(edit(LIST_USERS, '"flow.call"', '"flow.c|all"'))
    expect(result?.markdown).toContain('**Call Flow** · Flow Control')
    expect(result?.markdown).toContain('Okta key `control:spawn`')
    expect(result?.markdown).toContain('Runs a helper flow')
    const raw = hover(
      edit(LIST_USERS, '"card": "object.construct"', '"card": "http.raw|Request"'),
    )?.markdown
    expect(raw).toContain('| `url` | text | **required** |')
    expect(raw).toContain('| Output | Type | |')
    expect(raw).toContain('`statusCode`')
  })

  it('says what a reference resolves to', () => {
    const output = hover(edit(LIST_USERS, '"=call.body.data"', '"=call.bo|dy.data"'))
    expect(output?.markdown).toContain('output `body` of step `call` (Call Flow) · object')
    expect(output?.markdown).toContain('The decoded response body')
    const step = hover(edit(LIST_USERS, '"=call.body.data"', '"=ca|ll.body.data"'))
    expect(step?.markdown).toContain('Step `call` (Call Flow)')
    expect(step?.markdown).not.toContain('Step step')
    expect(step?.markdown).toContain('Outputs: `status_code`, `headers`, `body`')
    const scope = hover(edit(LIST_USERS, '"=input.department"', '"=inp|ut.department"'))
    expect(scope?.markdown).toContain("**input** — The flow's inputs")
    const field = hover(edit(LIST_USERS, '"=input.department"', '"=input.depart|ment"'))
    expect(field?.markdown).toContain('field `department` of `input` · text')
    expect(field?.markdown).toContain('Only this department')
  })

  it('explains a name that is not visible', () => {
    const later = hover(edit(LIST_USERS, '"=query.output"', '"=do|ne.users"'))
    expect(later?.markdown).toContain('Nothing named `done` is visible here')
    expect(later?.markdown).toContain('`query`')
  })

  it('describes a flow by its name', () => {
    const result = hover(edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "http|Helper"'))
    expect(result?.markdown).toContain('**httpHelper** · helper flow')
    expect(result?.markdown).toContain('Sends an authenticated request.')
    expect(result?.markdown).toContain('`flows/httpHelper.json`')
  })

  it('gives nothing for literals and keys', () => {
    expect(hover(edit(LIST_USERS, '"/users"', '"/us|ers"'))).toBeUndefined()
    expect(hover(edit(LIST_USERS, '"relative_url"', '"relative|_url"'))).toBeUndefined()
  })
})

describe('go to definition', () => {
  it('goes from a flow name to that flow’s name in its file', () => {
    expect(definition(edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "http|Helper"'))).toEqual({
      file: 'flows/httpHelper.json',
      text: '"httpHelper"',
      line: 2,
    })
  })

  it('goes from a connector card to the action flow', () => {
    const workflow = `{ "name": "W", "trigger": { "type": "manual" }, "steps": [{ "id": "a", "card": "connector:List |Users" }] }`
    expect(definition(workflow, 'workflows/W.json')).toMatchObject({
      file: LIST,
      text: '"List Users"',
    })
  })

  it('goes from a reference to the step it reads', () => {
    expect(definition(edit(LIST_USERS, '"=call.body.data"', '"=call.bo|dy.data"'))).toEqual({
      file: LIST,
      text: '"call"',
      line: 17,
    })
  })

  it('goes from =input.<key> to the declared input', () => {
    expect(
      definition(edit(LIST_USERS, '"=input.department"', '"=input.depa|rtment"')),
    ).toMatchObject({ file: LIST, text: '"department"', line: 6 })
  })

  it('finds nothing for an unknown flow or a name that is not visible', () => {
    expect(definition(edit(LIST_USERS, '"flow": "httpHelper"', '"flow": "nope|"'))).toBeUndefined()
    expect(definition(edit(LIST_USERS, '"=query.output"', '"=do|ne.users"'))).toBeUndefined()
  })
})
