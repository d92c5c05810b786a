// More Text function cards (Concatenate and Base64 live in text.ts), and the allocation caps that
// every card module shares: a card that builds text or a list fails clearly instead of exhausting
// the worker's memory.
import type { CardFieldSpec } from '../../definition'
import { FlowError } from '../errors'
import { describeType, toText } from '../values'
import { optionalBoolean } from './boolean'
import type { Card, CardContext } from './card'
import { toInteger } from './number'

/** Text a card builds: at most 5 MB (counted in UTF-16 code units, as JavaScript does). */
export const MAX_TEXT_LENGTH = 5 * 1024 * 1024
/** Lists a card builds: at most 100,000 items. */
export const MAX_LIST_ITEMS = 100_000
/** Text a user-written regular expression runs on: at most 100 kB. */
export const MAX_REGEX_INPUT = 100 * 1024
/** A user-written regular expression: at most 1,000 characters. */
export const MAX_PATTERN_LENGTH = 1_000

export function checkText(text: string, what: string): string {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new FlowError(
      `${what} would be ${text.length.toLocaleString('en-US')} characters, more than the 5 MB (${MAX_TEXT_LENGTH.toLocaleString('en-US')}) a card may build`,
    )
  }
  return text
}

export function checkListSize(length: number, what: string): void {
  if (length > MAX_LIST_ITEMS) {
    throw new FlowError(
      `${what} would have ${length.toLocaleString('en-US')} items, more than the ${MAX_LIST_ITEMS.toLocaleString('en-US')} a card may build`,
    )
  }
}

/** A user-written pattern as a RegExp, with the caps and a clear error for invalid syntax. */
export function toRegExp(pattern: unknown, flags: unknown, input: string, extra = ''): RegExp {
  const source = toText(pattern, input)
  if (source.length > MAX_PATTERN_LENGTH) {
    throw new FlowError(`Input "${input}" is longer than ${MAX_PATTERN_LENGTH} characters`)
  }
  const given = toText(flags, 'flags')
  if (!/^[imsu]*$/.test(given)) {
    throw new FlowError(`Input "flags" may only hold i, m, s and u, got "${given}"`)
  }
  try {
    return new RegExp(source, [...new Set(given + extra)].join(''))
  } catch (error) {
    throw new FlowError(
      `Input "${input}" is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

function regexInput(value: unknown, input: string): string {
  const text = toText(value, input)
  if (text.length > MAX_REGEX_INPUT) {
    throw new FlowError(
      `Input "${input}" is longer than the 100 kB (${MAX_REGEX_INPUT.toLocaleString('en-US')} characters) a regular expression may search`,
    )
  }
  return text
}

/** Replaces every match, failing as soon as the result would pass the text cap. */
function replaceCapped(text: string, pattern: RegExp, replacement: string, what: string): string {
  let length = text.length
  return text.replace(pattern, (match: string) => {
    length += replacement.length - match.length
    if (length > MAX_TEXT_LENGTH) {
      throw new FlowError(
        `${what} would be longer than the 5 MB (${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters) a card may build`,
      )
    }
    return replacement
  })
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// The characters of an email address (RFC 5322 atext plus dots; domains are letters, digits, - .).
const LOCAL_CHAR = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/
const DOMAIN_CHAR = /[A-Za-z0-9.-]/
const DOMAIN = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/

/** The first email address in a text, found in linear time (no backtracking regex). */
export function findEmail(text: string): string {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at
    while (start > 0 && LOCAL_CHAR.test(text.charAt(start - 1))) start--
    let end = at + 1
    while (end < text.length && DOMAIN_CHAR.test(text.charAt(end))) end++
    const local = text.slice(start, at).replace(/^\.+/, '')
    const domain = text.slice(at + 1, end).replace(/[.-]+$/, '')
    if (local === '' || local.endsWith('.') || local.includes('..')) continue
    if (DOMAIN.test(domain)) return `${local}@${domain}`
  }
  return ''
}

/** A version 4 UUID from the run's random source (deterministic with a seeded port). */
export function uuidFrom(random: CardContext['ports']['random']): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const DEFAULT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

const PLACEHOLDER = /\{\{\{\s*([^{}]+?)\s*\}\}\}|\{\{\s*([^{}]+?)\s*\}\}/g

const textIn = (key = 'text', help?: string, required = true): CardFieldSpec => ({
  key,
  type: 'text',
  required,
  ...(help ? { help } : {}),
})
const textOut: CardFieldSpec[] = [{ key: 'output', type: 'text' }]
const numberOut: CardFieldSpec[] = [{ key: 'output', type: 'number' }]

function simple(
  id: string,
  name: string,
  key: string,
  help: string,
  apply: (text: string) => string,
): Card {
  return {
    id: `text.${id}`,
    name,
    category: 'Text',
    oktaKey: `string:${key}`,
    help,
    pure: true,
    inputs: [textIn()],
    outputs: textOut,
    run: (inputs) => ({ outputs: { output: apply(toText(inputs.text, 'text')) } }),
  }
}

export const textMoreCards: Card[] = [
  {
    id: 'text.compose',
    name: 'Compose',
    category: 'Text',
    oktaKey: 'string:compose',
    help: 'Fills a template: each {{name}} (or Workflows’ {{{name}}}) is replaced by the card input of that name; objects and lists become JSON. The template is the input "template" (Workflows calls it "_text_", which is accepted too). A placeholder with no input of its name is an error.',
    pure: true,
    inputs: [textIn('template', 'Free text with {{name}} placeholders.', false)],
    outputs: textOut,
    extensibleInputs: true,
    run(inputs) {
      const raw = inputs.template ?? inputs._text_
      if (raw !== undefined && raw !== null && typeof raw !== 'string') {
        throw new FlowError(`Input "template" must be Text, got ${describeType(raw)}`)
      }
      const template = raw ?? ''
      const names = Object.keys(inputs).filter((k) => k !== 'template' && k !== '_text_')
      let length = template.length
      const output = template.replace(
        PLACEHOLDER,
        (_match, triple: string | undefined, double: string | undefined) => {
          const name = triple ?? double ?? ''
          if (!Object.prototype.hasOwnProperty.call(inputs, name) || name === 'template') {
            throw new FlowError(
              `Compose: the template uses {{${name}}} but the card has no input "${name}"${names.length ? ` (its inputs are ${names.map((n) => `"${n}"`).join(', ')})` : ''}`,
            )
          }
          const value = toText(inputs[name], name)
          length += value.length
          if (length > MAX_TEXT_LENGTH) {
            throw new FlowError(
              `Compose would build more than the 5 MB (${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters) a card may build`,
            )
          }
          return value
        },
      )
      return { outputs: { output } }
    },
  },
  {
    id: 'text.split',
    name: 'Split',
    category: 'Text',
    oktaKey: 'string:split',
    help: 'Splits text into a list at each delimiter: a comma when no delimiter is given, single characters when it is "". Empty text gives an empty list.',
    pure: true,
    inputs: [textIn(), textIn('delimiter', 'The separator; a comma when not given.', false)],
    outputs: [{ key: 'output', type: 'text', list: true }],
    run(inputs) {
      const text = toText(inputs.text, 'text')
      const delimiter = inputs.delimiter === undefined ? ',' : toText(inputs.delimiter, 'delimiter')
      if (text === '') return { outputs: { output: [] } }
      const parts = delimiter === '' ? Array.from(text) : text.split(delimiter)
      checkListSize(parts.length, 'Split')
      return { outputs: { output: parts } }
    },
  },
  {
    id: 'text.segment',
    name: 'Text Segment',
    category: 'Text',
    oktaKey: 'string:substr',
    help: 'The part of the text from position start (0 is the first character) up to, not including, position end (the end of the text when empty). Negative positions count from the end.',
    pure: true,
    inputs: [
      textIn(),
      { key: 'start', type: 'number', help: '0 when empty.' },
      { key: 'end', type: 'number', help: 'The end of the text when empty.' },
    ],
    outputs: textOut,
    run(inputs) {
      const text = toText(inputs.text, 'text')
      const start = toInteger(inputs.start, 'start', { fallback: 0 })
      const end =
        inputs.end === undefined || inputs.end === null || inputs.end === ''
          ? undefined
          : toInteger(inputs.end, 'end')
      return { outputs: { output: text.slice(start, end) } }
    },
  },
  {
    id: 'text.length',
    name: 'Length',
    category: 'Text',
    oktaKey: 'string:length',
    help: 'The number of characters in the text.',
    pure: true,
    inputs: [textIn()],
    outputs: numberOut,
    run: (inputs) => ({ outputs: { output: toText(inputs.text, 'text').length } }),
  },
  {
    id: 'text.at',
    name: 'At',
    category: 'Text',
    oktaKey: 'string:at',
    help: 'The single character at a position (0 is the first); empty when the position is outside the text.',
    pure: true,
    inputs: [textIn(), { key: 'index', type: 'number', required: true }],
    outputs: textOut,
    run: (inputs) => ({
      outputs: {
        output: toText(inputs.text, 'text').charAt(toInteger(inputs.index, 'index', { min: 0 })),
      },
    }),
  },
  {
    id: 'text.find',
    name: 'Find',
    category: 'Text',
    oktaKey: 'string:find',
    help: 'The position of the first occurrence of search in the text (0 is the first character), or -1 when it does not occur. Searching starts at position start (0 when empty).',
    pure: true,
    inputs: [textIn(), textIn('search'), { key: 'start', type: 'number', help: '0 when empty.' }],
    outputs: numberOut,
    run: (inputs) => ({
      outputs: {
        output: toText(inputs.text, 'text').indexOf(
          toText(inputs.search, 'search'),
          toInteger(inputs.start, 'start', { fallback: 0, min: 0 }),
        ),
      },
    }),
  },
  {
    id: 'text.findLast',
    name: 'Find Last',
    category: 'Text',
    oktaKey: 'string:lastIndexOf',
    help: 'The position of the last occurrence of search in the text, or -1 when it does not occur.',
    pure: true,
    inputs: [textIn(), textIn('search')],
    outputs: numberOut,
    run: (inputs) => ({
      outputs: {
        output: toText(inputs.text, 'text').lastIndexOf(toText(inputs.search, 'search')),
      },
    }),
  },
  {
    id: 'text.findPattern',
    name: 'Find Pattern',
    category: 'Text',
    oktaKey: 'string:match',
    help: `Searches text for the first match of a regular expression (JavaScript syntax). "output" is its position, or -1 when nothing matches (as in Workflows); "match" is the matched text and "groups" its capture groups (playground extras). Flags: any of i, m, s, u. The text is limited to 100 kB and the pattern to ${MAX_PATTERN_LENGTH} characters.`,
    pure: true,
    inputs: [
      textIn(),
      textIn('pattern', 'A regular expression, without slashes (Workflows: "target").'),
      textIn('flags', 'Any of i (ignore case), m, s, u.', false),
    ],
    outputs: [
      { key: 'output', type: 'number' },
      { key: 'match', type: 'text' },
      { key: 'groups', type: 'text', list: true },
    ],
    run(inputs) {
      const text = regexInput(inputs.text, 'text')
      const found = toRegExp(inputs.pattern, inputs.flags, 'pattern').exec(text)
      return {
        outputs: found
          ? { output: found.index, match: found[0], groups: found.slice(1).map((g) => g ?? '') }
          : { output: -1, match: '', groups: [] },
      }
    },
  },
  {
    id: 'text.replace',
    name: 'Replace',
    category: 'Text',
    oktaKey: 'string:replace',
    help: 'Replaces occurrences of the text "find" (plain text, not a pattern) with "replaceWith": every occurrence when global (the default), else the first; case-sensitive unless caseSensitive is false. Workflows names the inputs src, dest, global and sensitive.',
    pure: true,
    inputs: [
      textIn(),
      textIn('find', 'The text to look for.'),
      textIn('replaceWith', 'Empty removes the occurrences.', false),
      { key: 'global', type: 'boolean', help: 'Replace every occurrence (default true).' },
      { key: 'caseSensitive', type: 'boolean', help: 'Default true.' },
    ],
    outputs: textOut,
    run(inputs) {
      const text = toText(inputs.text, 'text')
      const find = toText(inputs.find, 'find')
      const replaceWith = toText(inputs.replaceWith, 'replaceWith')
      if (find === '') return { outputs: { output: text } }
      const flags =
        (optionalBoolean(inputs.global, 'global', true) ? 'g' : '') +
        (optionalBoolean(inputs.caseSensitive, 'caseSensitive', true) ? '' : 'i')
      return {
        outputs: {
          output: replaceCapped(
            text,
            new RegExp(escapeRegExp(find), flags),
            replaceWith,
            'Replace',
          ),
        },
      }
    },
  },
  {
    id: 'text.replacePatterns',
    name: 'Replace Patterns',
    category: 'Text',
    oktaKey: 'string:replaceAny',
    help: `Replaces every match of any of several regular expressions with one replacement text (used literally: $ has no special meaning). Patterns apply in order. Flags: any of i, m, s, u. The text is limited to 100 kB, each pattern to ${MAX_PATTERN_LENGTH} characters.`,
    pure: true,
    inputs: [
      textIn(),
      { key: 'patterns', type: 'text', list: true, required: true },
      textIn('replacement', 'Empty removes the matches.', false),
      textIn('flags', 'Any of i, m, s, u.', false),
    ],
    outputs: textOut,
    run(inputs) {
      let text = regexInput(inputs.text, 'text')
      const patterns = Array.isArray(inputs.patterns) ? inputs.patterns : [inputs.patterns]
      const replacement = toText(inputs.replacement, 'replacement')
      patterns.forEach((pattern, i) => {
        const regex = toRegExp(pattern, inputs.flags, `patterns.${i}`, 'g')
        if (text.length > MAX_REGEX_INPUT) {
          throw new FlowError(
            `Replace Patterns: before pattern ${i} the text has grown past the 100 kB a regular expression may search`,
          )
        }
        text = replaceCapped(text, regex, replacement, 'Replace Patterns')
      })
      return { outputs: { output: text } }
    },
  },
  simple('trim', 'Trim', 'trim', 'Removes blank space from the start and end of the text.', (t) =>
    t.trim(),
  ),
  simple('toLowerCase', 'To Lower Case', 'toLowerCase', 'Converts the text to lowercase.', (t) =>
    t.toLowerCase(),
  ),
  simple('toUpperCase', 'To Upper Case', 'toUpperCase', 'Converts the text to UPPERCASE.', (t) =>
    checkText(t.toUpperCase(), 'To Upper Case'),
  ),
  simple(
    'findEmail',
    'Find Email',
    'email',
    'The first valid email address in the text, or empty text when there is none.',
    findEmail,
  ),
  {
    id: 'text.random',
    name: 'Random',
    category: 'Text',
    oktaKey: 'string:random',
    help: 'Random text of a given length (16 when empty) drawn from the given characters (letters and digits when empty). Uses the run’s random source, which is seeded in tests — not for secrets.',
    inputs: [
      { key: 'length', type: 'number', help: '16 when empty.' },
      textIn('characters', 'The alphabet to draw from; A–Z, a–z and 0–9 when empty.', false),
    ],
    outputs: textOut,
    run(inputs, context) {
      const length = toInteger(inputs.length, 'length', {
        fallback: 16,
        min: 0,
        max: MAX_TEXT_LENGTH,
      })
      const given = toText(inputs.characters, 'characters')
      const alphabet = Array.from(given === '' ? DEFAULT_ALPHABET : given)
      let output = ''
      for (let i = 0; i < length; i++) {
        output += alphabet[Math.floor(context.ports.random() * alphabet.length)] ?? ''
      }
      return { outputs: { output: checkText(output, 'Random') } }
    },
  },
  {
    id: 'text.uniqueId',
    name: 'Unique ID',
    category: 'Text',
    oktaKey: 'string:uuid',
    help: 'A random unique ID (a version 4 UUID), e.g. a tracking number. Uses the run’s random source, so it is reproducible in seeded runs.',
    inputs: [],
    outputs: textOut,
    run: (_inputs, context) => ({ outputs: { output: uuidFrom(context.ports.random) } }),
  },
]
