// JSON function cards: Parse and Stringify, with the shared size cap and errors that say where
// the text stops being JSON.
import { FlowError } from '../errors'
import { describeType } from '../values'
import type { Card } from './card'
import { toInteger } from './number'
import { checkText, MAX_TEXT_LENGTH } from './text-more'

export const jsonCards: Card[] = [
  {
    id: 'json.parse',
    name: 'Parse',
    category: 'JSON',
    oktaKey: 'json:parse',
    help: 'Reads JSON text into an object, a list or a single value. Text that is not JSON is an error that says where it goes wrong. At most 5 MB. Workflows names the input "string".',
    pure: true,
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'any' }],
    run(inputs) {
      const text = inputs.text
      if (typeof text !== 'string') {
        // Already data (e.g. a body the HTTP card parsed): Workflows' loose typing passes it on.
        if (text !== undefined && text !== null && typeof text === 'object') {
          return { outputs: { output: text } }
        }
        throw new FlowError(`Input "text" must be Text holding JSON, got ${describeType(text)}`)
      }
      if (text.length > MAX_TEXT_LENGTH) {
        throw new FlowError(
          `Input "text" is longer than the 5 MB (${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters) Parse accepts`,
        )
      }
      if (text.trim() === '') throw new FlowError('Input "text" is empty, which is not JSON')
      try {
        return { outputs: { output: JSON.parse(text) as unknown } }
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new FlowError(`Input "text" is not valid JSON: ${reason}`)
      }
    },
  },
  {
    id: 'json.stringify',
    name: 'Stringify',
    category: 'JSON',
    oktaKey: 'json:stringify',
    help: 'Writes a value (object, list, text, number …) as JSON text, compact or indented by 1–10 spaces. At most 5 MB. Workflows names the input "object".',
    pure: true,
    inputs: [
      { key: 'value', type: 'any', required: true },
      { key: 'indent', type: 'number', help: 'Spaces per level, 0–10 (0, compact, when empty).' },
    ],
    outputs: [{ key: 'output', type: 'text' }],
    run(inputs) {
      const indent = toInteger(inputs.indent, 'indent', { fallback: 0, min: 0, max: 10 })
      let output: string | undefined
      try {
        output = JSON.stringify(inputs.value ?? null, null, indent)
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new FlowError(`Input "value" cannot be written as JSON: ${reason}`)
      }
      return { outputs: { output: checkText(output ?? 'null', 'Stringify') } }
    },
  },
]
