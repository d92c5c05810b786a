// Covers located JSON: syntax diagnostics with exact positions, JSON pointers, and pointer ranges.
import { describe, expect, test } from 'vitest'
import {
  offsetToPosition,
  parseLocatedJson,
  pathToPointer,
  pointerToPath,
  rangeOf,
  rangeOfPointer,
} from './json-source'

describe('offsetToPosition', () => {
  const text = 'ab\ncd\n\nxyz'
  test.each([
    [0, 1, 1],
    [1, 1, 2],
    [2, 1, 3],
    [3, 2, 1],
    [4, 2, 2],
    [6, 3, 1],
    [7, 4, 1],
    [10, 4, 4],
    [999, 4, 4],
  ])('offset %i is line %i, column %i', (offset, line, column) => {
    expect(offsetToPosition(text, offset)).toEqual({ line, column })
  })

  test('CRLF line ends count as one line break', () => {
    expect(offsetToPosition('a\r\nb', 3)).toEqual({ line: 2, column: 1 })
  })

  test('rangeOf spans at least one character', () => {
    expect(rangeOf('abc', 1, 0)).toEqual({ startLine: 1, startColumn: 2, endLine: 1, endColumn: 3 })
    expect(rangeOf('a\nbcd', 2, 3)).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 4,
    })
  })
})

describe('pointers', () => {
  test.each<[(string | number)[], string]>([
    [[], ''],
    [['name'], '/name'],
    [['steps', 0, 'inputs', 'url'], '/steps/0/inputs/url'],
    [['a/b'], '/a~1b'],
    [['c~d'], '/c~0d'],
    [['~1'], '/~01'],
    [['/~/'], '/~1~0~1'],
    [['', 'x'], '//x'],
    [['has space', 'é'], '/has space/é'],
  ])('%j ⇄ %j', (path, pointer) => {
    expect(pathToPointer(path)).toBe(pointer)
    expect(pointerToPath(pointer)).toEqual(path)
    expect(pointerToPath(pathToPointer(path))).toEqual(path)
  })

  test('digit-only segments become array indexes', () => {
    expect(pointerToPath('/steps/12/id')).toEqual(['steps', 12, 'id'])
  })
})

describe('parseLocatedJson', () => {
  test('valid JSON parses with no diagnostics and a tree', () => {
    const source = parseLocatedJson('flows/a.json', '{ "a": [1, {"b": null}] }')
    expect(source.diagnostics).toEqual([])
    expect(source.value).toEqual({ a: [1, { b: null }] })
    expect(source.tree?.type).toBe('object')
    expect(source.file).toBe('flows/a.json')
  })

  test('a missing comma is JSON001 at the exact line and column of the next property', () => {
    const text = '{\n  "name": "x"\n  "kind": "action",\n  "steps": []\n}\n'
    const source = parseLocatedJson('flows/x.json', text)
    expect(source.value).toBeUndefined()
    expect(source.diagnostics).toEqual([
      {
        code: 'JSON001',
        severity: 'error',
        message: 'Expected a comma between entries (invalid JSON)',
        file: 'flows/x.json',
        pointer: '',
        range: { startLine: 3, startColumn: 3, endLine: 3, endColumn: 9 },
      },
    ])
  })

  test.each<[string, string, number, number]>([
    ['{"a": 1,}', 'Expected a property name in double quotes', 1, 9],
    ['{"a": 1}\n// note', 'Comments are not allowed in JSON', 2, 1],
    ['{\n  "a": tru\n}', 'Unexpected character', 2, 8],
    ['{"a": "unterminated\n}', 'Unterminated string', 1, 7],
    ['{"a" 1}', 'Expected a colon after the property name', 1, 6],
    ['{"a": 1} {}', 'Unexpected content after the end of the JSON value', 1, 10],
    ['[1, 2', 'Expected a closing bracket "]"', 1, 6],
    ['{"a": 1', 'Expected a closing brace "}"', 1, 8],
    ['\uFEFF{}', 'Unexpected character', 1, 1],
    ['{"a": "\\x"}', 'Invalid escape character', 1, 7],
  ])('%j → first error %s at %i:%i', (text, message, line, column) => {
    const source = parseLocatedJson('f.json', text)
    expect(source.value).toBeUndefined()
    const first = source.diagnostics[0]
    expect(first?.code).toBe('JSON001')
    expect(first?.message).toBe(`${message} (invalid JSON)`)
    expect([first?.range.startLine, first?.range.startColumn]).toEqual([line, column])
  })

  test.each(['', '   \n  '])('an empty file (%j) says so', (text) => {
    const source = parseLocatedJson('connector.json', text)
    expect(source.value).toBeUndefined()
    expect(source.diagnostics.map((d) => d.code)).toContain('JSON001')
    expect(source.diagnostics.map((d) => d.message)).toContain(
      'The file is empty; expected a JSON object',
    )
    expect(source.diagnostics.every((d) => d.file === 'connector.json')).toBe(true)
  })

  test('JSON that is not an object still parses (the schema rejects it later)', () => {
    expect(parseLocatedJson('f.json', '[1]').value).toEqual([1])
    expect(parseLocatedJson('f.json', 'null').diagnostics).toEqual([])
  })
})

describe('rangeOfPointer', () => {
  const text = [
    '{',
    '  "name": "List",',
    '  "steps": [',
    '    { "id": "a", "card": "x" }',
    '  ]',
    '}',
  ].join('\n')
  const source = parseLocatedJson('flows/l.json', text)

  test.each<[string, [number, number, number, number]]>([
    ['/name', [2, 11, 2, 17]],
    ['/steps/0/card', [4, 26, 4, 29]],
    ['/steps/0/id', [4, 13, 4, 16]],
    // a container property value highlights its key
    ['/steps', [3, 3, 3, 10]],
    // an array item object has no key: the object itself
    ['/steps/0', [4, 5, 4, 31]],
    // missing: the closest existing parent
    ['/steps/0/inputs', [4, 5, 4, 31]],
    ['/steps/0/inputs/url', [4, 5, 4, 31]],
    ['/steps/7', [3, 3, 3, 10]],
    ['/description', [1, 1, 6, 2]],
    ['', [1, 1, 6, 2]],
  ])('%j → %j', (pointer, [startLine, startColumn, endLine, endColumn]) => {
    expect(rangeOfPointer(source, pointer)).toEqual({ startLine, startColumn, endLine, endColumn })
  })

  test('without a tree the range is the file start', () => {
    expect(rangeOfPointer(parseLocatedJson('f.json', ''), '/a')).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 1,
    })
  })
})
