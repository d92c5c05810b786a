import { describe, expect, it } from 'vitest'
import {
  applyFileEdits,
  applyTextEdits,
  offsetAt,
  parseTolerant,
  positionAt,
  rangeBetween,
} from './text'
import { closestName, editDistance } from './suggest'
import { referenceSegments, segmentIndexAt } from './locate'

describe('text helpers', () => {
  const text = 'ab\ncd\n\nef'

  it('converts between offsets and 1-based positions', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const { line, column } = positionAt(text, offset)
      expect(offsetAt(text, line, column)).toBe(offset)
    }
    expect(positionAt(text, 3)).toEqual({ line: 2, column: 1 })
    expect(offsetAt(text, 9, 1)).toBe(text.length)
    expect(offsetAt(text, 1, 99)).toBe(2)
  })

  it('applies edits in any order, insertions included', () => {
    const edits = [
      { range: rangeBetween(text, 0, 2), text: 'AB' },
      { range: rangeBetween(text, 7, 7), text: '>' },
      { range: rangeBetween(text, 3, 5), text: 'x' },
    ]
    expect(applyTextEdits(text, edits)).toBe('AB\nx\n\n>ef')
    expect(applyTextEdits(text, [...edits].reverse())).toBe('AB\nx\n\n>ef')
    expect(
      applyFileEdits({ a: 'hello', b: 'keep' }, [
        { file: 'a', range: rangeBetween('hello', 0, 1), text: 'J' },
        { file: 'missing', range: rangeBetween('', 0, 0), text: 'x' },
      ]),
    ).toEqual({ a: 'Jello' })
  })

  it('parses what it can of broken JSON', () => {
    expect(parseTolerant('{ "a": 1, "b": [1, 2').value).toEqual({ a: 1, b: [1, 2] })
    expect(parseTolerant('').value).toBeUndefined()
  })
})

describe('suggestions and references', () => {
  it('measures edit distance and picks close names only', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3)
    expect(closestName('object.constuct', ['object.construct', 'object.get'])).toBe(
      'object.construct',
    )
    expect(closestName('QUERY', ['query'])).toBe('query')
    expect(closestName('zzz', ['query', 'call'])).toBeUndefined()
    expect(closestName('call', ['call'])).toBeUndefined()
  })

  it('splits references into segments with their offsets', () => {
    expect(referenceSegments('=call.body.data')?.map((s) => [s.text, s.start, s.end])).toEqual([
      ['call', 1, 5],
      ['body', 6, 10],
      ['data', 11, 15],
    ])
    expect(referenceSegments('==literal')).toBeUndefined()
    expect(referenceSegments('plain')).toBeUndefined()
    const trailing = referenceSegments('=call.') ?? []
    expect(trailing.map((s) => s.text)).toEqual(['call', ''])
    expect(segmentIndexAt(trailing, 6)).toBe(1)
    expect(segmentIndexAt(trailing, 3)).toBe(0)
  })
})
