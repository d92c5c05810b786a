// Rules about how a step uses its card: literal input values of the right type, input names the
// card has, step lists only on container cards, and Call Flow outputs that match the helper's.
import type { CardSpec } from '../card-spec'
import type { DataTypeName } from '../schema'
import { findReferences } from '../walk'
import type { Rule } from './rule'
import { closestMatch } from './rule'
import {
  declaredInputs,
  didYouMean,
  listNames,
  pointerKey,
  stepCard,
  stepOwners,
  typeLabel,
} from './shared'

const isReference = (value: unknown): boolean =>
  typeof value === 'string' && findReferences(value).length > 0

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`
  return `the ${typeof value} ${JSON.stringify(value)}`
}

/** Whether a literal (not a reference) can be given to an input of this type. */
function accepts(type: DataTypeName | 'any', value: unknown): boolean {
  if (value === null || type === 'any' || isReference(value)) return true
  switch (type) {
    case 'text':
      return ['string', 'number', 'boolean'].includes(typeof value)
    case 'number':
      return (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
      )
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
    case 'datetime':
      return typeof value === 'string' || typeof value === 'number'
    case 'object':
      return typeof value === 'object' && !Array.isArray(value)
    case 'file':
      return typeof value === 'string' || (typeof value === 'object' && !Array.isArray(value))
  }
}

export const inputType: Rule = {
  code: 'CARD004',
  severity: 'error',
  title: "A literal input value does not match the input's type.",
  explanation:
    'Text takes text, numbers and true/false; Number takes a number or numeric text; True/False takes `true`/`false` (or the texts); Object takes an object; list inputs take a list. References are checked when the flow runs.',
  check(context) {
    for (const { file, steps } of stepOwners(context.project)) {
      for (const { step, pointer } of steps) {
        const fields = declaredInputs(step, context)
        if (!fields || !step.inputs) continue
        const cardName = stepCard(step, context)?.name ?? step.card
        for (const field of fields) {
          const value = step.inputs[field.key]
          if (value === undefined || isReference(value)) continue
          const at = `${pointer}/inputs${pointerKey(field.key)}`
          const expected = typeLabel(field.type, field.list)
          if (field.list) {
            if (value === null) continue
            if (!Array.isArray(value)) {
              context.report(
                file,
                at,
                `${cardName}'s input "${field.key}" is a ${expected}, but the value is ${describeValue(value)}`,
              )
              continue
            }
            value.forEach((item: unknown, i) => {
              if (accepts(field.type, item)) return
              context.report(
                file,
                `${at}/${i}`,
                `${cardName}'s input "${field.key}" is a ${expected}, but item ${i} is ${describeValue(item)}`,
              )
            })
          } else if (!accepts(field.type, value)) {
            context.report(
              file,
              at,
              `${cardName}'s input "${field.key}" is ${expected}, but the value is ${describeValue(value)}`,
            )
          }
        }
      }
    }
  },
}

export const unknownInput: Rule = {
  code: 'CARD005',
  severity: 'warning',
  title: 'A card has no input of that name.',
  explanation:
    'Only cards with user-named inputs (Construct, Concatenate, Call Flow, Return …) take any input name; other cards ignore inputs they do not have.',
  check(context) {
    for (const { file, steps } of stepOwners(context.project)) {
      for (const { step, pointer } of steps) {
        const card = context.catalogue.get(step.card)
        if (!card || card.extensibleInputs || !step.inputs) continue
        const names = card.inputs.map((i) => i.key)
        for (const key of Object.keys(step.inputs)) {
          if (names.includes(key)) continue
          context.report(
            file,
            `${pointer}/inputs${pointerKey(key)}`,
            `${card.name} has no input "${key}"${names.length ? ` (its inputs are ${listNames(names)})` : ' (it takes no inputs)'}${didYouMean(closestMatch(key, names))}`,
          )
        }
      }
    }
  },
}

type ListName = 'then' | 'else' | 'branches' | 'try' | 'catch'
const LIST_NAMES: readonly ListName[] = ['then', 'else', 'branches', 'try', 'catch']

/** The step lists each kind of container card holds, and the one it cannot do without. */
const CONTAINER_LISTS: Record<
  NonNullable<CardSpec['container']>,
  { allowed: readonly ListName[]; required: ListName }
> = {
  ifElse: { allowed: ['then', 'else'], required: 'then' },
  branch: { allowed: ['branches', 'else'], required: 'branches' },
  tryCatch: { allowed: ['try', 'catch'], required: 'try' },
}

export const containerLists: Rule = {
  code: 'CARD006',
  severity: 'error',
  title: 'Step lists on a card that does not hold them.',
  explanation:
    'Only container cards hold nested steps: If/Else `then`/`else`, If/ElseIf `branches`/`else`, If Error `try`/`catch`. A container card needs its main list.',
  check(context) {
    for (const { file, steps } of stepOwners(context.project)) {
      for (const { step, pointer } of steps) {
        const card = stepCard(step, context)
        if (!card) continue // unknown cards are CARD001
        const present = LIST_NAMES.filter((list) => step[list] !== undefined)
        const container = card.spec?.container
        if (!container) {
          for (const list of present) {
            context.report(
              file,
              `${pointer}/${list}`,
              `${card.name} is not a container card, so it cannot hold "${list}" steps`,
            )
          }
          continue
        }
        const { allowed, required } = CONTAINER_LISTS[container]
        for (const list of present) {
          if (allowed.includes(list)) continue
          context.report(
            file,
            `${pointer}/${list}`,
            `${card.name} holds ${listNames(allowed)} step lists, not "${list}"`,
          )
        }
        if (!present.includes(required)) {
          context.report(file, pointer, `${card.name} needs its "${required}" step list`)
        }
      }
    }
  },
}

export const callFlowOutputs: Rule = {
  code: 'FLOW003',
  severity: 'error',
  title: "Call Flow's outputs do not match what the helper returns.",
  explanation:
    'When a Call Flow step declares `outputs`, they must have exactly the names and types the helper flow returns (its `outputs`).',
  check(context) {
    for (const { file, steps } of stepOwners(context.project)) {
      for (const { step, pointer } of steps) {
        const card = stepCard(step, context)
        const helper = card?.flow?.flow
        if (!card?.spec?.callsFlow || !step.outputs || !helper?.outputs) continue
        const returns = helper.outputs
        const names = returns.map((f) => f.key)
        step.outputs.forEach((output, i) => {
          const match = returns.find((f) => f.key === output.key)
          if (!match) {
            context.report(
              file,
              `${pointer}/outputs/${i}/key`,
              `${card.name} output "${output.key}" is not returned by "${helper.name}"${names.length ? ` (it returns ${listNames(names)})` : ' (it returns nothing)'}${didYouMean(closestMatch(output.key, names))}`,
            )
          } else if (match.type !== output.type || Boolean(match.list) !== Boolean(output.list)) {
            context.report(
              file,
              `${pointer}/outputs/${i}/${match.type !== output.type ? 'type' : 'list'}`,
              `${card.name} output "${output.key}" is ${typeLabel(output.type, output.list)}, but "${helper.name}" returns ${typeLabel(match.type, match.list)}`,
            )
          }
        })
        for (const missing of returns) {
          if (step.outputs.some((o) => o.key === missing.key)) continue
          context.report(
            file,
            `${pointer}/outputs`,
            `${card.name} does not declare output "${missing.key}" (${typeLabel(missing.type, missing.list)}) that "${helper.name}" returns: declare exactly the helper's outputs`,
          )
        }
      }
    }
  },
}
