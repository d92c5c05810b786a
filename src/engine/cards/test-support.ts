// Test support for the card tests, imported only by *.test.ts files (it is not a test itself): a
// CardContext with fake ports, and helpers that run a card by id. It still compiles with the pure
// core (tsconfig.core.json), so it uses neither vitest nor node types.
import type { Step } from '../../definition'
import { FlowError } from '../errors'
import { seededRandom, type EnginePorts } from '../ports'
import type { CardContext } from './card'
import { getCard } from './index'

export interface CardContextOverrides {
  /** Replaces single fake ports; the rest stay as below. */
  ports?: Partial<EnginePorts>
  /** Merged into the step `{ id: 's', card: 'x' }`. */
  step?: Partial<Step>
  callFlow?: CardContext['callFlow']
  signal?: AbortSignal
}

/**
 * A context whose ports reject HTTP, stand still at time 0, always give the id 'id', draw random
 * numbers from seededRandom(1) and wait for nothing; helper flows are refused.
 */
export function cardContext(overrides: CardContextOverrides = {}): CardContext {
  return {
    step: { id: 's', card: 'x', ...overrides.step },
    flowName: 'Test',
    ports: {
      http: () => Promise.reject(new Error('no http')),
      now: () => 0,
      elapsed: () => 0,
      newId: () => 'id',
      random: seededRandom(1),
      wait: () => Promise.resolve(),
      ...overrides.ports,
    },
    signal: overrides.signal ?? new AbortController().signal,
    callFlow: overrides.callFlow ?? (() => Promise.reject(new Error('no helpers'))),
  }
}

/** Runs the function card `id` and returns its outputs (a fresh cardContext() unless given). */
export async function runCard(
  id: string,
  inputs: Record<string, unknown>,
  context: CardContext = cardContext(),
): Promise<Record<string, unknown>> {
  const card = getCard(id)
  if (!card?.run) throw new Error(`no card ${id}`)
  return (await card.run(inputs, context)).outputs
}

/** Runs the card `id` expecting a FlowError, and returns it; anything else fails the test. */
export async function cardFailure(
  id: string,
  inputs: Record<string, unknown>,
  context: CardContext = cardContext(),
): Promise<FlowError> {
  try {
    await runCard(id, inputs, context)
  } catch (error) {
    if (error instanceof FlowError) return error
    throw error
  }
  throw new Error(`${id} did not fail`)
}
