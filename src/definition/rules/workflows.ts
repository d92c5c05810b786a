// Rules about the consumer flows in workflows/: their triggers (delegated inputs, API endpoint
// fields, event cards, schedules) and the connector cards they use.
import type { Field, Trigger } from '../schema'
import type { Rule } from './rule'
import { closestMatch } from './rule'
import { didYouMean, isActive, listNames, pointerKey, stepOwners } from './shared'

const CONNECTOR_PREFIX = 'connector:'

export const delegatedInputs: Rule = {
  code: 'TRG001',
  severity: 'error',
  title: 'A delegated flow input has a type it cannot have.',
  explanation:
    'Delegated flow inputs are Text, Number, True/False or Date & Time; lists are not allowed.',
  check({ project, report }) {
    const allowed = ['text', 'number', 'boolean', 'datetime']
    for (const { file, workflow } of project.workflows.values()) {
      const trigger = workflow.trigger
      if (trigger.type !== 'delegated') continue
      trigger.inputs?.forEach((input, i) => {
        if (!allowed.includes(input.type)) {
          report(
            file,
            `/trigger/inputs/${i}/type`,
            `Delegated flow input "${input.key}" is ${input.type}; use text, number, boolean or datetime`,
          )
        }
        if (input.list) {
          report(
            file,
            `/trigger/inputs/${i}/list`,
            `Delegated flow input "${input.key}" is a list; lists are not allowed`,
          )
        }
      })
    }
  },
}

export const apiEndpointFields: Rule = {
  code: 'TRG002',
  deploymentOnly: true,
  severity: 'error',
  title: 'An API Endpoint field key is not allowed.',
  explanation:
    'Header keys are lower-case (e.g. `content-type`), and no header, query or body key may start with `x-okta-workflows`.',
  check({ project, report }) {
    for (const { file, workflow } of project.workflows.values()) {
      const trigger = workflow.trigger
      if (trigger.type !== 'apiEndpoint') continue
      const groups: ['headers' | 'query' | 'body', Field[] | undefined][] = [
        ['headers', trigger.headers],
        ['query', trigger.query],
        ['body', trigger.body],
      ]
      for (const [group, fields] of groups) {
        fields?.forEach((field, i) => {
          const at = `/trigger/${group}/${i}/key`
          if (field.key.toLowerCase().startsWith('x-okta-workflows')) {
            report(file, at, `"${field.key}" starts with x-okta-workflows, which is reserved`)
          } else if (group === 'headers' && field.key !== field.key.toLowerCase()) {
            report(
              file,
              at,
              `Header keys are lower-case: write "${field.key.toLowerCase()}", not "${field.key}"`,
            )
          }
        })
      }
    }
  },
}

export const eventCard: Rule = {
  code: 'TRG003',
  severity: 'error',
  title: 'An event trigger names no event card of this connector.',
  explanation:
    'An event trigger uses `connector:<name>`, where `<name>` is a flow of kind `webhookEvent` or `pollingMonitor`.',
  check({ project, report }) {
    const events = project.flowFiles
      .filter((f) => f.flow.kind === 'webhookEvent' || f.flow.kind === 'pollingMonitor')
      .map((f) => f.flow.name)
    for (const { file, workflow } of project.workflows.values()) {
      const trigger = workflow.trigger
      if (trigger.type !== 'event') continue
      const name = trigger.card.slice(CONNECTOR_PREFIX.length)
      if (events.includes(name)) continue
      const other = project.flows.get(name)
      report(
        file,
        '/trigger/card',
        other
          ? `"${name}" is a${/^[aeiou]/.test(other.flow.kind) ? 'n' : ''} ${other.flow.kind} flow, not a webhookEvent or pollingMonitor flow`
          : `No webhookEvent or pollingMonitor flow is named "${name}"${didYouMean(closestMatch(name, events))}`,
      )
    }
  },
}

type Schedule = Extract<Trigger, { type: 'schedule' }>

/** The frequencies each schedule field applies to. */
const SCHEDULE_FIELDS: [keyof Schedule, Schedule['frequency'][]][] = [
  ['timeWindow', ['minute', 'hour']],
  ['weekdays', ['minute', 'hour', 'week']],
  ['dayOfMonth', ['month']],
  ['at', ['hour', 'day', 'week', 'month']],
]

export const scheduleFields: Rule = {
  code: 'TRG004',
  severity: 'warning',
  title: 'A schedule field does not apply to the frequency, or the dates are reversed.',
  explanation:
    '`timeWindow` is for minute and hour schedules, `weekdays` for minute, hour and week, `dayOfMonth` for month, `at` for all but minute; ignored fields are warnings. A `startDate` after the `endDate` is an error: the flow would never run.',
  check({ project, report }) {
    for (const { file, workflow } of project.workflows.values()) {
      const trigger = workflow.trigger
      if (trigger.type !== 'schedule') continue
      for (const [field, frequencies] of SCHEDULE_FIELDS) {
        if (trigger[field] === undefined || frequencies.includes(trigger.frequency)) continue
        report(
          file,
          `/trigger/${field}`,
          `"${field}" does not apply to a ${trigger.frequency} schedule and is ignored (it is for ${frequencies.join(', ')})`,
        )
      }
      if (trigger.startDate && trigger.endDate && trigger.startDate > trigger.endDate) {
        report(
          file,
          '/trigger/endDate',
          `The endDate ${trigger.endDate} is before the startDate ${trigger.startDate}: the flow would never run`,
          'error',
        )
      }
    }
  },
}

export const connectorCard: Rule = {
  code: 'WF001',
  severity: 'error',
  title: 'A connector card names no active action flow.',
  explanation:
    'A `connector:<name>` card in a workflow is the card of the action flow `<name>`; it must exist and be active (deactivated flows are not deployed).',
  check({ project, report }) {
    const actions = project.flowFiles
      .filter((f) => f.flow.kind === 'action' && isActive(f))
      .map((f) => f.flow.name)
    for (const owner of stepOwners(project)) {
      if (!owner.workflow) continue
      for (const { step, pointer } of owner.steps) {
        if (!step.card.startsWith(CONNECTOR_PREFIX)) continue
        const name = step.card.slice(CONNECTOR_PREFIX.length)
        if (actions.includes(name)) continue
        const other = project.flows.get(name)
        let message: string
        if (other?.flow.kind === 'action') {
          message = `"${name}" is deactivated ("active": false), so its card is not deployed`
        } else if (other) {
          message = `"${name}" is a${/^[aeiou]/.test(other.flow.kind) ? 'n' : ''} ${other.flow.kind} flow, not an action card`
        } else {
          message = `No action flow is named "${name}"${didYouMean(closestMatch(name, actions))}`
        }
        report(owner.file, `${pointer}/card`, message)
      }
    }
  },
}

export const connectorCardRequiredInput: Rule = {
  code: 'WF002',
  severity: 'error',
  title: "A connector card's required input is missing.",
  explanation:
    'Inputs the action flow declares with `"required": true` must be given a value or a reference.',
  check({ project, report }) {
    for (const owner of stepOwners(project)) {
      if (!owner.workflow) continue
      for (const { step, pointer } of owner.steps) {
        if (!step.card.startsWith(CONNECTOR_PREFIX)) continue
        const action = project.flows.get(step.card.slice(CONNECTOR_PREFIX.length))?.flow
        if (action?.kind !== 'action') continue
        for (const input of action.inputs ?? []) {
          if (!input.required || step.inputs?.[input.key] !== undefined) continue
          report(
            owner.file,
            step.inputs ? `${pointer}/inputs` : pointer,
            `The card "${action.name}" needs the input "${input.key}"`,
          )
        }
      }
    }
  },
}

export const connectorCardUnknownOption: Rule = {
  code: 'WF003',
  severity: 'warning',
  title: 'A connector card is given an option it does not have.',
  explanation:
    'Option values are keyed by the option keys the action (or event) flow declares; other keys are ignored.',
  check({ project, report }) {
    const checkOptions = (
      file: string,
      base: string,
      flowName: string,
      given: Record<string, unknown> | undefined,
    ) => {
      const flow = project.flows.get(flowName)?.flow
      if (!flow || !given) return
      const keys = (flow.options ?? []).map((o) => o.key)
      for (const key of Object.keys(given)) {
        if (keys.includes(key)) continue
        report(
          file,
          `${base}${pointerKey(key)}`,
          `The card "${flow.name}" has no option "${key}"${keys.length ? ` (its options are ${listNames(keys)})` : ' (it has no options)'}${didYouMean(closestMatch(key, keys))}`,
        )
      }
    }
    for (const owner of stepOwners(project)) {
      const workflow = owner.workflow
      if (!workflow) continue
      if (workflow.trigger.type === 'event') {
        const name = workflow.trigger.card.slice(CONNECTOR_PREFIX.length)
        checkOptions(owner.file, '/trigger/options', name, workflow.trigger.options)
      }
      for (const { step, pointer } of owner.steps) {
        if (!step.card.startsWith(CONNECTOR_PREFIX)) continue
        const name = step.card.slice(CONNECTOR_PREFIX.length)
        checkOptions(owner.file, `${pointer}/options`, name, step.options)
      }
    }
  },
}
