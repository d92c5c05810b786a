// More Flow Control cards: Call Flow Async, Repeat, Wait For and Wait Until.
//
// Call Flow Async: Workflows starts the helper and carries on without waiting; the helper's
// outcome never reaches the caller. The playground runs the helper at once, inside the same run
// (so its trace nests under the step and it shares the run's budgets), then carries on without
// its outputs. A failure of the helper shows in its nested trace but does not fail the caller;
// only a cancelled run or an exhausted budget stops the caller too.
//
// Wait For / Wait Until go through the wait port: the playground's clock is virtual, so a wait
// advances the clock at once instead of holding the run.
import { FlowError, RunAborted } from '../errors'
import { toText } from '../values'
import type { Card } from './card'
import { addTime, toDate, toIso, toUnit, UNITS } from './date'
import { failureOf, MAX_CONCURRENCY, runPool } from './list-helpers'
import { toInteger, toNumber } from './number'

/** Repeat runs the helper at most this many times. */
export const MAX_REPEAT = 100_000

function helperFlow(flow: string | undefined): string {
  if (!flow) throw new FlowError('This card needs a helper flow: set the step’s "flow"')
  return flow
}

export const flowMoreCards: Card[] = [
  {
    id: 'flow.callAsync',
    name: 'Call Flow Async',
    category: 'Flow Control',
    oktaKey: 'control:run',
    help: 'Starts a helper flow (named in "flow") with these inputs and carries on without its outputs. In the playground the helper runs at once, inside this run: its trace nests under the step, and a failure shows there without failing this flow (as in Workflows, where the caller never hears of it).',
    inputs: [],
    outputs: [],
    extensibleInputs: true,
    callsFlow: true,
    async run(inputs, context) {
      const flow = helperFlow(context.step.flow)
      try {
        await context.callFlow(flow, inputs)
      } catch (error) {
        // A cancelled or over-budget run stops the caller too; any other failure stays with the
        // helper's own trace.
        failureOf(error)
      }
      return { outputs: {} }
    },
  },
  {
    id: 'flow.repeat',
    name: 'Repeat',
    category: 'Flow Control',
    oktaKey: 'control:times',
    help: `Runs a helper flow (named in "flow") a number of times (0–${MAX_REPEAT.toLocaleString('en-US')}), up to "concurrency" at once (1–${MAX_CONCURRENCY}, default 1). Each call gets the card's other inputs, plus its number (0, 1, 2 …) under the helper input named by indexKey ("index" by default; "" to leave it out). Nothing is returned; the first failing call fails the card.`,
    inputs: [
      { key: 'count', type: 'number', required: true, help: 'How many times to run the helper.' },
      { key: 'concurrency', type: 'number', help: `1–${MAX_CONCURRENCY} (default 1).` },
      { key: 'indexKey', type: 'text', help: 'The helper input for the call number ("index").' },
    ],
    outputs: [],
    extensibleInputs: true,
    callsFlow: true,
    async run(inputs, context) {
      const flow = helperFlow(context.step.flow)
      const count = toInteger(inputs.count, 'count', { min: 0, max: MAX_REPEAT })
      const concurrency = toInteger(inputs.concurrency, 'concurrency', {
        fallback: 1,
        min: 1,
        max: MAX_CONCURRENCY,
      })
      const indexKey =
        inputs.indexKey === undefined || inputs.indexKey === null
          ? 'index'
          : toText(inputs.indexKey, 'indexKey')
      if (['__proto__', 'constructor', 'prototype'].includes(indexKey)) {
        throw new FlowError(`Input "indexKey" may not be "${indexKey}"`)
      }
      const shared = Object.fromEntries(
        Object.entries(inputs).filter(
          ([key]) => !['count', 'concurrency', 'indexKey'].includes(key),
        ),
      )
      await runPool(
        count,
        concurrency,
        (i) => {
          const input: Record<string, unknown> = { ...shared }
          if (indexKey !== '') {
            Object.defineProperty(input, indexKey, {
              value: i,
              enumerable: true,
              writable: true,
              configurable: true,
            })
          }
          return context.callFlow(flow, input)
        },
        context.signal,
      )
      return { outputs: {} }
    },
  },
  {
    id: 'flow.waitFor',
    name: 'Wait For',
    category: 'Flow Control',
    oktaKey: 'control:wait',
    help: `Pauses the flow for a delay in a unit (${UNITS.join(', ')}; singular works too). Months and years are calendar months from now. In the playground the clock is virtual: the wait moves it forward at once.`,
    inputs: [
      { key: 'delay', type: 'number', required: true, help: 'How long, in the unit (0 or more).' },
      { key: 'unit', type: 'text', required: true, help: 'seconds, minutes, hours, days …' },
    ],
    outputs: [],
    async run(inputs, context) {
      const delay = toNumber(inputs.delay, 'delay')
      if (delay < 0) throw new FlowError(`Input "delay" must not be negative, got ${delay}`)
      const unit = toUnit(inputs.unit, 'unit')
      const now = context.ports.now()
      const ms = addTime(now, delay, unit, 'delay') - now
      if (context.signal.aborted) throw new RunAborted('The run was cancelled', 'cancelled')
      await context.ports.wait(ms, context.signal)
      return { outputs: {} }
    },
  },
  {
    id: 'flow.waitUntil',
    name: 'Wait Until',
    category: 'Flow Control',
    oktaKey: 'control:until',
    help: 'Pauses the flow until a date & time (goes on at once when it has passed). In the playground the clock is virtual: the wait moves it forward at once. The output "output" (a playground extra) is the time the flow went on.',
    inputs: [{ key: 'time', type: 'datetime', required: true }],
    outputs: [{ key: 'output', type: 'datetime' }],
    async run(inputs, context) {
      const until = toDate(inputs.time, 'time')
      const ms = Math.max(0, until - context.ports.now())
      if (context.signal.aborted) throw new RunAborted('The run was cancelled', 'cancelled')
      await context.ports.wait(ms, context.signal)
      return { outputs: { output: toIso(context.ports.now()) } }
    },
  },
]
