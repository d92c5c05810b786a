// The card catalogue: every card the engine can run, by id. It is also the data the editor uses
// for completion and hover, through the CardCatalogue port.
import type { CardCatalogue, CardSpec } from '../../definition'
import { booleanCards } from './boolean'
import type { Card } from './card'
import { cryptoCards } from './crypto'
import { dateCards } from './date'
import { controlCards, flowControlCards } from './flow-control'
import { flowMoreCards } from './flow-more'
import { httpCards } from './http'
import { httpVerbCards } from './http-verbs'
import { jsonCards } from './json'
import { listCards } from './list'
import { listHelperCards, objectHelperCards } from './list-helpers'
import { numberCards } from './number'
import { objectCards } from './object'
import { objectMoreCards } from './object-more'
import { textCards } from './text'
import { textMoreCards } from './text-more'
import { urlCards } from './url'

export type { Card, CardContext, CardOutcome } from './card'
export { catalogueFromSpecs } from '../../definition'

const ALL_CARDS: readonly Card[] = [
  ...flowControlCards,
  ...controlCards,
  ...textCards,
  ...objectCards,
  ...httpCards,
  ...flowMoreCards,
  ...textMoreCards,
  ...numberCards,
  ...booleanCards,
  ...dateCards,
  ...objectMoreCards,
  ...objectHelperCards,
  ...listCards,
  ...listHelperCards,
  ...jsonCards,
  ...urlCards,
  ...cryptoCards,
  ...httpVerbCards,
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
