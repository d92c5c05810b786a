// Rules about the steps of every flow: ids, cards, helper flows, required inputs, steps that
// never run and outputs nobody reads.
import { findReferences } from '../walk'
import type { RuleContext, Rule } from './rule'
import { closestMatch } from './rule'
import { endsFlow, parseReferencePath, stepOwners, type StepOwner } from './shared'

/** Every flow and workflow file with its walked steps. */
export function allStepLists(context: RuleContext): Generator<StepOwner> {
  return stepOwners(context.project)
}

export const duplicateStepIds: Rule = {
  code: 'STEP001',
  severity: 'error',
  title: 'Two steps of a flow have the same id.',
  explanation:
    'Later steps read a card’s outputs by its step id, so ids must be unique within a flow.',
  check(context) {
    for (const { file, steps } of allStepLists(context)) {
      const seen = new Set<string>()
      for (const { step, pointer } of steps) {
        if (seen.has(step.id))
          context.report(file, `${pointer}/id`, `Step id "${step.id}" is used twice in this flow`)
        seen.add(step.id)
      }
    }
  },
}

export const unknownCard: Rule = {
  code: 'CARD001',
  severity: 'error',
  title: 'Unknown card.',
  explanation:
    'The `card` must be a card id from the catalogue (the editor completes them), or `connector:<action name>`.',
  check(context) {
    const ids = context.catalogue.list().map((c) => c.id)
    for (const { file, steps } of allStepLists(context)) {
      for (const { step, pointer } of steps) {
        if (step.card.startsWith('connector:') || context.catalogue.get(step.card)) continue
        const suggestion = closestMatch(step.card, ids)
        context.report(
          file,
          `${pointer}/card`,
          `Unknown card "${step.card}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
        )
      }
    }
  },
}

export const callFlowTarget: Rule = {
  code: 'CARD002',
  severity: 'error',
  title: 'A card that runs a helper flow does not name one.',
  explanation:
    'Call Flow, For Each, Map and similar cards run the helper flow named in the step’s `flow`.',
  check(context) {
    for (const { file, steps } of allStepLists(context)) {
      for (const { step, pointer } of steps) {
        const card = context.catalogue.get(step.card)
        if (card?.callsFlow && !step.flow) {
          context.report(file, pointer, `${card.name} needs a "flow": the helper flow to run`)
        }
      }
    }
  },
}

export const missingFlow: Rule = {
  code: 'FLOW002',
  severity: 'error',
  title: 'A flow that is named does not exist.',
  explanation: 'Helper flows are found by name; check the spelling or create the flow.',
  check(context) {
    const names = [...context.project.flows.keys()]
    const check = (file: string, pointer: string, name: string | undefined) => {
      if (name === undefined || context.project.flows.has(name)) return
      const suggestion = closestMatch(name, names)
      context.report(
        file,
        pointer,
        `No flow is named "${name}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`,
      )
    }
    for (const { file, steps } of allStepLists(context)) {
      for (const { step, pointer } of steps) {
        if (step.flow !== undefined) check(file, `${pointer}/flow`, step.flow)
        if (step.errorHandling?.flow !== undefined)
          check(file, `${pointer}/errorHandling/flow`, step.errorHandling.flow)
      }
    }
    for (const { file, flow } of context.project.flowFiles) {
      flow.options?.forEach((option, i) => check(file, `/options/${i}/flow`, option.flow))
      flow.dynamicInputGroups?.forEach((group, i) =>
        check(file, `/dynamicInputGroups/${i}/flow`, group.flow),
      )
      flow.dynamicOutputGroups?.forEach((group, i) =>
        check(file, `/dynamicOutputGroups/${i}/flow`, group.flow),
      )
      if (flow.webhook) {
        check(file, '/webhook/registrationFlow', flow.webhook.registrationFlow)
        check(file, '/webhook/deregistrationFlow', flow.webhook.deregistrationFlow)
      }
    }
    const connectorFile = context.project.connectorSource?.file
    if (connectorFile) {
      context.project.connector?.authentication?.configValues?.forEach((value, i) =>
        check(connectorFile, `/authentication/configValues/${i}/flow`, value.flow),
      )
    }
  },
}

export const missingRequiredInput: Rule = {
  code: 'CARD003',
  severity: 'error',
  title: 'A required card input is missing.',
  explanation: 'Required inputs are red on the card until they are given a value or a reference.',
  check(context) {
    for (const { file, steps } of allStepLists(context)) {
      for (const { step, pointer } of steps) {
        const card = context.catalogue.get(step.card)
        for (const input of card?.inputs ?? []) {
          if (input.required && step.inputs?.[input.key] === undefined) {
            context.report(
              file,
              step.inputs ? `${pointer}/inputs` : pointer,
              `${card?.name} needs the input "${input.key}"`,
            )
          }
        }
      }
    }
  },
}

export const unreachableStep: Rule = {
  code: 'STEP002',
  severity: 'warning',
  title: 'A step never runs.',
  explanation:
    'Return, Return Outputs, Return Raw and Return Error end the flow (inside a container, the container), so the steps after them in the same list never run. Move them before the card or delete them.',
  check(context) {
    for (const { file, steps } of allStepLists(context)) {
      for (const { step, pointer, index, siblings, list } of steps) {
        const ender = siblings.slice(0, index).find((s) => endsFlow(s.card))
        if (!ender) continue
        const name = context.catalogue.get(ender.card)?.name ?? ender.card
        context.report(
          file,
          `${pointer}/id`,
          `Step "${step.id}" never runs: "${ender.id}" (${name}) ends ${list === 'steps' ? 'the flow' : 'its container'} before it`,
        )
      }
    }
  },
}

export const unusedOutput: Rule = {
  code: 'STEP003',
  severity: 'warning',
  title: "A function card's output is never used.",
  explanation:
    'A pure function card (Concatenate, Construct, Get …) only computes its outputs; when no later card reads them, the card does nothing. Map its output onto a later card or delete it.',
  check(context) {
    for (const owner of allStepLists(context)) {
      const read = new Set<string>()
      for (const { reference } of findReferences(owner.flow ?? owner.workflow)) {
        const head = parseReferencePath(reference).segments?.[0]
        if (head !== undefined) read.add(head)
      }
      for (const { step, pointer } of owner.steps) {
        const card = context.catalogue.get(step.card)
        if (!card?.pure || read.has(step.id)) continue
        context.report(
          owner.file,
          `${pointer}/id`,
          `The output of "${step.id}" (${card.name}) is never used: no card reads "=${step.id}.${card.outputs[0]?.key ?? 'output'}"`,
        )
      }
    }
  },
}
