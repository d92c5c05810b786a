// Rules about the card a connector flow defines: its options, its input and output groups, and
// the outputs its Return Outputs cards return (Connector Builder's CBDE000008H).
import type { Rule } from './rule'
import { closestMatch } from './rule'
import { didYouMean, listNames, pointerKey, stepOwners } from './shared'

export const optionLabel: Rule = {
  code: 'OPT001',
  deploymentOnly: true,
  severity: 'error',
  title: 'An option label has a prohibited character.',
  explanation:
    'Option labels may use letters, numbers, hyphens, underscores and spaces, with no leading or trailing spaces.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      flow.options?.forEach((option, i) => {
        const { label } = option
        const bad = [...label].find((c) => !/[\p{L}\p{N}_\- ]/u.test(c))
        let detail: string | undefined
        if (label.trim() === '') detail = 'is empty'
        else if (bad !== undefined) detail = `contains "${bad}"`
        else if (label !== label.trim()) detail = 'starts or ends with a space'
        if (detail) {
          report(
            file,
            `/options/${i}/label`,
            `The label "${label}" of option "${option.key}" ${detail}: use letters, numbers, hyphens, underscores and spaces`,
          )
        }
      })
    }
  },
}

export const dropdownWithoutValues: Rule = {
  code: 'OPT002',
  deploymentOnly: true,
  severity: 'error',
  title: 'A dropdown option has no values.',
  explanation:
    'A Dropdown option lists static `values`, or names a helper `flow` that returns `[{ "key": …, "value": … }]`.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      flow.options?.forEach((option, i) => {
        if (option.type === 'dropdown' && !option.values?.length && option.flow === undefined) {
          report(
            file,
            `/options/${i}`,
            `Dropdown option "${option.key}" has neither "values" nor a "flow" to fetch them from`,
          )
        }
      })
    }
  },
}

export const optionDefault: Rule = {
  code: 'OPT003',
  deploymentOnly: true,
  severity: 'error',
  title: "An option's default is not one of its values.",
  explanation:
    'A dropdown default is pre-selected when the card is added, so it must be the `value` of one of the static values.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      flow.options?.forEach((option, i) => {
        if (option.default === undefined || !option.values) return
        const values = option.values.map((v) => v.value)
        if (values.includes(option.default)) return
        report(
          file,
          `/options/${i}/default`,
          `The default "${option.default}" of option "${option.key}" is not one of its values (${listNames(values)})${didYouMean(closestMatch(option.default, values))}`,
        )
      })
    }
  },
}

export const oneDynamicInputGroup: Rule = {
  code: 'GRP001',
  deploymentOnly: true,
  severity: 'error',
  title: 'More than one dynamic input group.',
  explanation: 'Connector Builder allows only one dynamic group for inputs.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      flow.dynamicInputGroups?.slice(1).forEach((group, i) => {
        report(
          file,
          `/dynamicInputGroups/${i + 1}`,
          `Only one dynamic input group is allowed; "${flow.name}" has ${flow.dynamicInputGroups?.length} (this one uses "${group.flow}")`,
        )
      })
    }
  },
}

export const dynamicOutputGroup: Rule = {
  code: 'GRP002',
  deploymentOnly: true,
  severity: 'error',
  title: 'Dynamic output groups are not supported.',
  explanation:
    'Dynamic groups can only be used for inputs. Declare the outputs statically, or return an object output.',
  check({ project, report }) {
    for (const { file, flow } of project.flowFiles) {
      flow.dynamicOutputGroups?.forEach((group, i) => {
        report(
          file,
          `/dynamicOutputGroups/${i}`,
          `Dynamic output groups are not supported (this one uses "${group.flow}"): declare the outputs in "outputs"`,
        )
      })
    }
  },
}

export const returnedOutputsNotFound: Rule = {
  code: 'CBDE000008H',
  deploymentOnly: true,
  severity: 'error',
  title: 'Input or output fields were not found.',
  explanation:
    'Return Outputs returns the fields of the card’s outputs: each key it returns must be declared in the action flow’s `outputs`, and each declared output must be returned.',
  check(context) {
    for (const owner of stepOwners(context.project)) {
      const flow = owner.flow
      if (flow?.kind !== 'action') continue
      const declared = (flow.outputs ?? []).map((f) => f.key)
      const returned = new Set<string>()
      for (const { step, pointer } of owner.steps) {
        if (step.card !== 'flow.returnOutputs') continue
        for (const key of Object.keys(step.inputs ?? {})) {
          returned.add(key)
          if (declared.includes(key)) continue
          context.report(
            owner.file,
            `${pointer}/inputs${pointerKey(key)}`,
            `Input or output fields were not found: Return Outputs returns "${key}", which is not one of the outputs of "${flow.name}"${declared.length ? ` (${listNames(declared)})` : ' (it declares none)'}${didYouMean(closestMatch(key, declared))}`,
          )
        }
      }
      flow.outputs?.forEach((output, i) => {
        if (returned.has(output.key)) return
        context.report(
          owner.file,
          `/outputs/${i}/key`,
          `Input or output fields were not found: output "${output.key}" of "${flow.name}" is never returned by a Return Outputs card`,
        )
      })
    }
  },
}
