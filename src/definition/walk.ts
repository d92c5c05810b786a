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
  /** Step ids this step's references may name (earlier in execution order). */
  visibleSteps: readonly string[]
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

export function walkSteps(steps: readonly Step[], basePointer = '/steps'): WalkedStep[] {
  const out: WalkedStep[] = []
  const visit = (
    list: readonly Step[],
    pointer: string,
    listName: StepListName,
    parent: WalkedStep | undefined,
    outerVisible: readonly string[],
    inCatch: boolean,
  ) => {
    const visible = [...outerVisible]
    list.forEach((step, index) => {
      const walked: WalkedStep = {
        step,
        pointer: `${pointer}/${index}`,
        list: listName,
        parent,
        visibleSteps: [...visible],
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
          visible,
          inCatch || child.list === 'catch',
        )
      }
      visible.push(step.id)
    })
  }
  visit(steps, basePointer, 'steps', undefined, [], false)
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
