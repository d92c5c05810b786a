// The card catalogue: every card the engine can run, by id. It is also the data the editor uses
// for completion and hover, through the CardCatalogue port.
import type { CardCatalogue, CardSpec } from '../../definition'
import type { Card } from './card'
import { controlCards, flowControlCards } from './flow-control'
import { httpCards } from './http'
import { objectCards } from './object'
import { textCards } from './text'

export type { Card, CardContext, CardOutcome } from './card'

const ALL_CARDS: readonly Card[] = [
  ...flowControlCards,
  ...controlCards,
  ...textCards,
  ...objectCards,
  ...httpCards,
]

const byId = new Map(ALL_CARDS.map((card) => [card.id, card]))

export function getCard(id: string): Card | undefined {
  return byId.get(id)
}

/** The catalogue as data only (no functions), safe to send across the worker boundary. */
export function cardSpecs(): CardSpec[] {
  return ALL_CARDS.map(({ run: _run, ...spec }) => spec)
}

export const cardCatalogue: CardCatalogue = {
  get: (id) => byId.get(id),
  list: () => ALL_CARDS,
}

/** A catalogue over plain specs (e.g. received from the worker). */
export function catalogueFromSpecs(specs: readonly CardSpec[]): CardCatalogue {
  const map = new Map(specs.map((spec) => [spec.id, spec]))
  return { get: (id) => map.get(id), list: () => specs }
}
