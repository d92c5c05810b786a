// Text function cards.
import { base64Decode, base64Encode, toText } from '../values'
import type { Card } from './card'

export const textCards: Card[] = [
  {
    id: 'text.concatenate',
    name: 'Concatenate',
    category: 'Text',
    pure: true,
    oktaKey: 'string:concat',
    help: 'Joins its inputs, in the order written, into one text.',
    inputs: [],
    outputs: [{ key: 'output', type: 'text' }],
    extensibleInputs: true,
    run: (inputs) => ({
      outputs: {
        output: Object.entries(inputs)
          .map(([key, value]) => toText(value, key))
          .join(''),
      },
    }),
  },
  {
    id: 'text.base64',
    name: 'Base64',
    category: 'Text',
    pure: true,
    oktaKey: 'string:base64',
    help: 'Encodes text (as UTF-8) to Base64.',
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({ outputs: { output: base64Encode(toText(inputs.text, 'text')) } }),
  },
  {
    id: 'text.base64Decode',
    name: 'Base64 Decode',
    category: 'Text',
    pure: true,
    oktaKey: 'string:base64Decode',
    help: 'Decodes Base64 into text (UTF-8).',
    inputs: [{ key: 'text', type: 'text', required: true }],
    outputs: [{ key: 'output', type: 'text' }],
    run: (inputs) => ({ outputs: { output: base64Decode(toText(inputs.text, 'text'), 'text') } }),
  },
]
