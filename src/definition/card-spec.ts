// The data half of a card: what the editor, the validator and the docs need to know about a card.
// The engine pairs each spec with its implementation; definition code only ever sees the data.
import type { DataTypeName } from './schema'

export interface CardFieldSpec {
  key: string
  type: DataTypeName | 'any'
  list?: boolean
  required?: boolean
  help?: string
}

export interface CardSpec {
  /** Playground id, e.g. `text.concatenate`. */
  id: string
  /** The display name in Workflows, e.g. `Concatenate`. */
  name: string
  /** The Workflows function-card category, e.g. `Text`. */
  category: string
  /** The Okta internal key, `module:key`, e.g. `string:concat`. */
  oktaKey: string
  help: string
  inputs: CardFieldSpec[]
  outputs: CardFieldSpec[]
  /** Cards whose inputs are user-named (Construct, Call Flow, Return …). */
  extensibleInputs?: boolean
  /** Cards whose outputs are user-named or come from a called flow. */
  dynamicOutputs?: boolean
  /** Cards that run a helper flow named by the step's `flow` field. */
  callsFlow?: boolean
  /** Container cards and the step lists they hold. */
  container?: 'ifElse' | 'branch' | 'tryCatch'
  /** Cards with no side effects: an unused output is worth a warning. */
  pure?: boolean
}

/** How validation and the editor look cards up: a port, so definition never imports the engine. */
export interface CardCatalogue {
  get(id: string): CardSpec | undefined
  list(): readonly CardSpec[]
}

/** A catalogue over plain specs (e.g. received from the worker): data only, no card code. */
export function catalogueFromSpecs(specs: readonly CardSpec[]): CardCatalogue {
  const map = new Map(specs.map((spec) => [spec.id, spec]))
  return { get: (id) => map.get(id), list: () => specs }
}
