// `connector-playground cards`: the card catalogue the engine runs and the editor completes.
import type { CardSpec } from '../../definition'
import { cardSpecs } from '../../engine'
import type { Command } from '../command'
import { EXIT_OK, UsageError } from '../io'

const COLUMNS = [
  { title: 'ID', value: (c: CardSpec) => c.id },
  { title: 'NAME', value: (c: CardSpec) => c.name },
  { title: 'CATEGORY', value: (c: CardSpec) => c.category },
  { title: 'OKTA KEY', value: (c: CardSpec) => c.oktaKey },
] as const

/** Cards by category, categories in catalogue order, cards by id within each. */
export function groupByCategory(specs: readonly CardSpec[]): Map<string, CardSpec[]> {
  const groups = new Map<string, CardSpec[]>()
  for (const spec of specs) {
    const group = groups.get(spec.category)
    if (group) group.push(spec)
    else groups.set(spec.category, [spec])
  }
  for (const group of groups.values()) group.sort((a, b) => a.id.localeCompare(b.id))
  return groups
}

/**
 * The catalogue as a text table: a header, then one block per category under a `Category (N)`
 * heading, then `N cards in M categories`. Every row repeats its category, so a grep keeps it.
 */
export function cardTable(specs: readonly CardSpec[]): string {
  const widths = COLUMNS.map((column) =>
    Math.max(column.title.length, ...specs.map((s) => column.value(s).length)),
  )
  const row = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')
  const groups = groupByCategory(specs)
  const lines = [row(COLUMNS.map((c) => c.title))]
  for (const [category, cards] of groups) {
    lines.push('', `${category} (${cards.length})`)
    for (const card of cards) lines.push(row(COLUMNS.map((c) => c.value(card))))
  }
  const categories = `${groups.size} categor${groups.size === 1 ? 'y' : 'ies'}`
  lines.push('', `${specs.length} card${specs.length === 1 ? '' : 's'} in ${categories}`)
  return lines.join('\n') + '\n'
}

export const cardsCommand: Command = {
  name: 'cards',
  summary: 'List the card catalogue: every card the engine can run',
  usage: `Usage: connector-playground cards [--json]

Lists every function card the playground's engine runs (the editor completes the same ones):
a table of id, name, category and Okta key, grouped by category, then a count.

Options:
  --json      Print the card specs as a JSON array (inputs, outputs and help included)
  -h, --help  Show this help
`,
  options: { json: { type: 'boolean' } },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError('cards takes no arguments')
    const specs = cardSpecs()
    io.stdout(values.json === true ? `${JSON.stringify(specs, null, 2)}\n` : cardTable(specs))
    return EXIT_OK
  },
}
