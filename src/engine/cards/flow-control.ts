// Flow Control, Branching and Error Handling cards. Container cards (If/Else, If/ElseIf, If Error)
// hold step lists that the interpreter runs; the rest compute outputs like any function card.
import { compare } from '../compare'
import { FlowError } from '../errors'
import { toObject, toText } from '../values'
import type { Card } from './card'

export const flowControlCards: Card[] = [
  {
    id: 'flow.assign',
    name: 'Assign',
    category: 'Flow Control',
    oktaKey: 'control:let',
    help: 'Names values: each input becomes an output of the same name.',
    inputs: [],
    outputs: [],
    extensibleInputs: true,
    dynamicOutputs: true,
    run: (inputs) => ({ outputs: { ...inputs } }),
  },
  {
    id: 'flow.call',
    name: 'Call Flow',
    category: 'Flow Control',
    oktaKey: 'control:spawn',
    help: 'Runs a helper flow (named in "flow") with these inputs and waits for what it returns.',
    inputs: [],
    outputs: [],
    extensibleInputs: true,
    dynamicOutputs: true,
    callsFlow: true,
    async run(inputs, context) {
      const flow = context.step.flow ?? ''
      return { outputs: await context.callFlow(flow, inputs) }
    },
  },
  {
    id: 'flow.return',
    name: 'Return',
    category: 'Flow Control',
    oktaKey: 'control:return',
    help: 'Ends the flow and returns its inputs to the caller.',
    inputs: [],
    outputs: [],
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { ...inputs }, returns: true }),
  },
  {
    id: 'flow.returnOutputs',
    name: 'Return Outputs',
    category: 'Flow Control',
    oktaKey: 'control:return',
    help: "Ends a connector action flow; its inputs become the card's outputs.",
    inputs: [],
    outputs: [],
    extensibleInputs: true,
    run: (inputs) => ({ outputs: { ...inputs }, returns: true }),
  },
]

const condition = [
  { key: 'left', type: 'any' as const },
  { key: 'operator', type: 'text' as const, required: true },
  { key: 'right', type: 'any' as const },
]

function holds(inputs: Record<string, unknown>): boolean {
  return compare(inputs.left, toText(inputs.operator, 'operator'), inputs.right)
}

function statusCode(value: unknown): number {
  const code = Number(value ?? 400)
  if (!Number.isInteger(code) || code < 400 || code > 599) {
    throw new FlowError(
      `statusCode must be an HTTP error status (400–599), got ${JSON.stringify(value)}`,
    )
  }
  return code
}

/** Branching, error handling and the remaining Flow Control cards. */
export const controlCards: Card[] = [
  {
    id: 'flow.ifElse',
    name: 'If/Else',
    category: 'Branching',
    oktaKey: 'control:if',
    help: 'Runs the "then" steps when the comparison holds, the "else" steps otherwise. A Return inside ends only the branch; its inputs become the card\'s outputs.',
    inputs: condition,
    outputs: [],
    dynamicOutputs: true,
    container: 'ifElse',
  },
  {
    id: 'flow.ifElseIf',
    name: 'If/ElseIf',
    category: 'Branching',
    oktaKey: 'control:branch',
    help: 'Tries each branch\'s comparison in order and runs the first that holds, or "else". A Return inside ends only the branch.',
    inputs: [],
    outputs: [],
    dynamicOutputs: true,
    container: 'branch',
  },
  {
    id: 'flow.ifError',
    name: 'If Error',
    category: 'Error Handling',
    oktaKey: 'control:tryCatch',
    help: 'Runs the "try" steps; if one fails, runs the "catch" steps, which read the error as `=error` ({message, code, method, flo, execution}).',
    inputs: [],
    outputs: [],
    dynamicOutputs: true,
    container: 'tryCatch',
  },
  {
    id: 'flow.continueIf',
    name: 'Continue If',
    category: 'Branching',
    oktaKey: 'control:continueIf',
    help: 'Stops the flow quietly (no error) when the comparison does not hold, returning the message. Inside a container it ends only the container.',
    inputs: [...condition, { key: 'message', type: 'text' }],
    outputs: [],
    run: (inputs) =>
      holds(inputs) ? { outputs: {} } : { outputs: {}, stop: toText(inputs.message, 'message') },
  },
  {
    id: 'flow.returnError',
    name: 'Return Error',
    category: 'Error Handling',
    oktaKey: 'control:throw',
    help: 'Halts the flow with an error: the status code and message.',
    inputs: [
      { key: 'statusCode', type: 'number', required: true },
      { key: 'message', type: 'text', required: true },
    ],
    outputs: [],
    run(inputs) {
      throw new FlowError(toText(inputs.message, 'message'), statusCode(inputs.statusCode))
    },
  },
  {
    id: 'flow.returnErrorIf',
    name: 'Return Error If',
    category: 'Error Handling',
    oktaKey: 'control:throwIf',
    help: 'Halts the flow with an error when the comparison holds.',
    inputs: [
      ...condition,
      { key: 'statusCode', type: 'number', required: true },
      { key: 'message', type: 'text', required: true },
    ],
    outputs: [],
    run(inputs) {
      if (holds(inputs)) {
        throw new FlowError(toText(inputs.message, 'message'), statusCode(inputs.statusCode))
      }
      return { outputs: {} }
    },
  },
  {
    id: 'flow.assignIf',
    name: 'Assign If',
    category: 'Branching',
    oktaKey: 'control:assignIf',
    help: 'Outputs valueIfTrue when the comparison holds, valueIfFalse otherwise.',
    inputs: [
      ...condition,
      { key: 'valueIfTrue', type: 'any' },
      { key: 'valueIfFalse', type: 'any' },
    ],
    outputs: [{ key: 'output', type: 'any' }],
    pure: true,
    run: (inputs) => ({
      outputs: { output: holds(inputs) ? inputs.valueIfTrue : inputs.valueIfFalse },
    }),
  },
  {
    id: 'flow.lookup',
    name: 'Lookup',
    category: 'Branching',
    oktaKey: 'control:lookup',
    help: 'Maps a key to a value through a table of options, or the "else" value when no option matches.',
    inputs: [
      { key: 'key', type: 'text', required: true },
      { key: 'options', type: 'object', required: true },
      { key: 'else', type: 'any' },
    ],
    outputs: [{ key: 'output', type: 'any' }],
    pure: true,
    run(inputs) {
      const table = toObject(inputs.options, 'options')
      const key = toText(inputs.key, 'key')
      return {
        outputs: {
          output: Object.prototype.hasOwnProperty.call(table, key) ? table[key] : inputs.else,
        },
      }
    },
  },
  {
    id: 'flow.comment',
    name: 'Comment',
    category: 'Flow Control',
    oktaKey: 'control:comment',
    help: 'A note in the flow; does nothing when the flow runs.',
    inputs: [{ key: 'text', type: 'text' }],
    outputs: [],
    run: () => ({ outputs: {} }),
  },
  {
    id: 'flow.returnRaw',
    name: 'Return Raw',
    category: 'Flow Control',
    oktaKey: 'control:returnRaw',
    help: 'Ends an API Endpoint flow with a raw HTTP response: status code, headers and body.',
    inputs: [
      { key: 'statusCode', type: 'number', required: true },
      { key: 'headers', type: 'object' },
      { key: 'body', type: 'any' },
    ],
    outputs: [],
    run: (inputs) => ({
      outputs: {
        statusCode: Number(inputs.statusCode),
        headers: toObject(inputs.headers, 'headers'),
        body: inputs.body,
      },
      returns: true,
    }),
  },
]
