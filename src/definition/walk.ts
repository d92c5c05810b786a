// Walks a flow's steps in execution order, with each step's JSON pointer, its container, and the
// names visible to it: earlier steps of its own list and of enclosing lists (never later steps,
// never the steps inside a container that already finished), plus `error` inside If Error's catch.
import type { Step } from './schema'

export type StepListName = 'steps' | 'then' | 'else' | 'try' | 'catch' | 'branch'

export interface WalkedStep {
  step: Step
  /** JSON pointer of the step, e.g. `/steps/2/try/0`. */
  pointer: string
  /** The list the step sits in. */
  list: StepListName
  /** The enclosing container step, if any. */
  parent: WalkedStep | undefined
  /** Step ids this step's references may name (earlier in execution order); built on demand. */
  readonly visibleSteps: readonly string[]
  /** The latest earlier step with this id that this step may read, or undefined. O(depth). */
  canSee(id: string): WalkedStep | undefined
  /** True inside an If Error catch list (at any depth). */
  inCatch: boolean
  /** Position in its list. */
  index: number
  /** The steps of its list (for reachability checks). */
  siblings: readonly Step[]
}

/** The nested step lists of a container step, with their names and pointer segments. */
export function childLists(step: Step): { list: StepListName; pointer: string; steps: Step[] }[] {
  const lists: { list: StepListName; pointer: string; steps: Step[] }[] = []
  if (step.then) lists.push({ list: 'then', pointer: '/then', steps: step.then })
  step.branches?.forEach((branch, i) =>
    lists.push({ list: 'branch', pointer: `/branches/${i}/steps`, steps: branch.steps }),
  )
  if (step.else) lists.push({ list: 'else', pointer: '/else', steps: step.else })
  if (step.try) lists.push({ list: 'try', pointer: '/try', steps: step.try })
  if (step.catch) lists.push({ list: 'catch', pointer: '/catch', steps: step.catch })
  return lists
}

/**
 * What a step can see: the earlier steps of its own list (the first `count` entries of a list
 * that keeps growing as the walk goes on) and, through `parent`, of the enclosing lists. Frames
 * are shared, so visibility costs O(depth) per question instead of a copied list per step.
 */
interface Frame {
  entries: WalkedStep[]
  /** id → positions in `entries` (ids may repeat; STEP001 reports that). */
  positions: Map<string, number[]>
  count: number
  parent: Frame | undefined
}

function frameSees(frame: Frame | undefined, id: string): WalkedStep | undefined {
  for (let f = frame; f; f = f.parent) {
    const positions = f.positions.get(id)
    if (!positions) continue
    for (let i = positions.length - 1; i >= 0; i--) {
      const position = positions[i]
      if (position !== undefined && position < f.count) return f.entries[position]
    }
  }
  return undefined
}

function frameIds(frame: Frame | undefined): string[] {
  const ids: string[] = []
  const chain: Frame[] = []
  for (let f = frame; f; f = f.parent) chain.unshift(f)
  for (const f of chain) for (const entry of f.entries.slice(0, f.count)) ids.push(entry.step.id)
  return ids
}

export function walkSteps(steps: readonly Step[], basePointer = '/steps'): WalkedStep[] {
  const out: WalkedStep[] = []
  const visit = (
    list: readonly Step[],
    pointer: string,
    listName: StepListName,
    parent: WalkedStep | undefined,
    outer: Frame | undefined,
    inCatch: boolean,
  ) => {
    const frame: Frame = { entries: [], positions: new Map(), count: 0, parent: outer }
    list.forEach((step, index) => {
      // A snapshot of what this step sees: this list up to here, and the enclosing lists as
      // they were when the container started.
      const seen: Frame = { ...frame, count: frame.count }
      let cachedIds: string[] | undefined
      const walked: WalkedStep = {
        step,
        pointer: `${pointer}/${index}`,
        list: listName,
        parent,
        get visibleSteps() {
          return (cachedIds ??= frameIds(seen))
        },
        canSee: (id) => frameSees(seen, id),
        inCatch,
        index,
        siblings: list,
      }
      out.push(walked)
      for (const child of childLists(step)) {
        visit(
          child.steps,
          `${walked.pointer}${child.pointer}`,
          child.list,
          walked,
          seen,
          inCatch || child.list === 'catch',
        )
      }
      const positions = frame.positions.get(step.id) ?? []
      positions.push(frame.entries.length)
      frame.positions.set(step.id, positions)
      frame.entries.push(walked)
      frame.count++
    })
  }
  visit(steps, basePointer, 'steps', undefined, undefined, false)
  return out
}

/** Every `=` reference (`=` then a name) inside a value, with the JSON pointer (relative to the value) where it sits. */
export function findReferences(
  value: unknown,
  pointer = '',
): { reference: string; pointer: string }[] {
  if (typeof value === 'string') {
    return /^=[A-Za-z_]/.test(value) ? [{ reference: value, pointer }] : []
  }
  if (Array.isArray(value))
    return value.flatMap((item, i) => findReferences(item, `${pointer}/${i}`))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      findReferences(inner, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`),
    )
  }
  return []
}
