// Flow Control cards: Assign, Call Flow, Return and Return Outputs.
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
