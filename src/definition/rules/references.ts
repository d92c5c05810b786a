// Rules about `=` references: the first name must be in scope where the reference sits (REF001),
// and the rest must name something that exists when that is known (REF002).
import type { ScopeName } from '../scopes'
import { ERROR_SCOPE } from '../scopes'
import { findReferences, type WalkedStep } from '../walk'
import type { Rule, RuleContext } from './rule'
import { closestMatch } from './rule'
import {
  didYouMean,
  fixedOutputs,
  listNames,
  parseReferencePath,
  stepCard,
  stepOwners,
  stepReferences,
  type StepOwner,
} from './shared'

interface Finding {
  code: 'REF001' | 'REF002'
  file: string
  pointer: string
  message: string
}

/** Where a reference sits: the names in scope there, and the step holding it (if any). */
interface Place {
  owner: StepOwner
  scopes: readonly ScopeName[]
  walked: WalkedStep | undefined
}

const OPTIONS_SCOPE: ScopeName = { name: 'options', help: "The card's options." }
const CONNECTION_SCOPE: ScopeName = { name: 'connection', help: "The connection's auth object." }

function checkKey(
  reference: string,
  owner: StepOwner,
  kind: 'input' | 'option',
  key: string | undefined,
  keys: readonly string[] | undefined,
): string | undefined {
  if (key === undefined || keys === undefined || keys.includes(key)) return undefined
  const declared = keys.length ? `its ${kind}s are ${listNames(keys)}` : `it declares no ${kind}s`
  return `Reference "${reference}": ${owner.label} has no ${kind} "${key}" (${declared})${didYouMean(closestMatch(key, keys))}`
}

function analyse(
  context: RuleContext,
  place: Place,
  reference: string,
  pointer: string,
  out: Finding[],
): void {
  const { owner, walked } = place
  const report = (code: Finding['code'], message: string) =>
    out.push({ code, file: owner.file, pointer, message })
  const parsed = parseReferencePath(reference)
  if (parsed.segments === undefined) {
    report('REF001', `Reference "${reference}" ${parsed.problem}`)
    return
  }
  const [head = '', key] = parsed.segments
  const scopeNames = place.scopes.map((s) => s.name)
  if (walked?.inCatch) scopeNames.push(ERROR_SCOPE.name)
  if (scopeNames.includes(head)) {
    if (head === 'input') {
      const problem = checkKey(reference, owner, 'input', key, owner.inputKeys)
      if (problem) report('REF002', problem)
    } else if (head === 'options') {
      const problem = checkKey(reference, owner, 'option', key, owner.optionKeys)
      if (problem) report('REF002', problem)
    }
    return
  }

  const seen = walked?.canSee(head)
  if (seen) {
    const target = seen
    if (key === undefined) return
    const outputs = fixedOutputs(target.step, context)
    if (outputs === undefined || outputs.includes(key)) return
    const name = stepCard(target.step, context)?.name ?? target.step.card
    report(
      'REF002',
      outputs.length === 0
        ? `Reference "${reference}": step "${head}" (${name}) has no outputs`
        : `Reference "${reference}": step "${head}" (${name}) has no output "${key}"; its outputs are ${listNames(outputs)}${didYouMean(closestMatch(key, outputs))}`,
    )
    return
  }

  // Not in scope: say why, as precisely as the step lists allow.
  const here = walked ? owner.steps.indexOf(walked) : -1
  const target = owner.steps.find((s) => s.step.id === head)
  let why: string
  if (head === ERROR_SCOPE.name && walked) {
    why = '"error" is only available inside the catch list of If Error'
  } else if (!target || !walked) {
    const candidates = [...scopeNames, ...(walked?.visibleSteps ?? [])]
    const available = candidates.length
      ? `available: ${listNames(candidates)}`
      : 'nothing is in scope'
    why = `nothing named "${head}" is available here (${available})${didYouMean(closestMatch(head, candidates))}`
  } else if (target === walked) {
    why = `step "${head}" cannot read its own outputs`
  } else if (isAncestor(target, walked)) {
    why = `step "${head}" contains this step; its outputs exist only after it finishes`
  } else if (owner.steps.indexOf(target) > here) {
    why = `step "${head}" is a later step; a card can only read the cards before it`
  } else {
    why = `step "${head}" is inside a container's step list that has finished; only the container's own outputs are visible after it`
  }
  report('REF001', `Reference "${reference}": ${why}`)
}

function isAncestor(candidate: WalkedStep, walked: WalkedStep): boolean {
  for (let p = walked.parent; p; p = p.parent) if (p === candidate) return true
  return false
}

/** REF001 and REF002 share one analysis per loaded project. */
const analysed = new WeakMap<object, Finding[]>()

function findings(context: RuleContext): Finding[] {
  const cached = analysed.get(context.project)
  if (cached) return cached
  const result = computeFindings(context)
  analysed.set(context.project, result)
  return result
}

function computeFindings(context: RuleContext): Finding[] {
  const out: Finding[] = []
  for (const owner of stepOwners(context.project)) {
    for (const walked of owner.steps) {
      for (const { reference, pointer } of stepReferences(walked)) {
        analyse(context, { owner, scopes: owner.scopes, walked }, reference, pointer, out)
      }
    }
    const flow = owner.flow
    if (!flow) continue
    // Design-time values: only the card's options (and the connection, for helpers that call
    // the service) exist when a dropdown or dynamic group is filled.
    const designTime: Place = {
      owner,
      scopes: [OPTIONS_SCOPE, CONNECTION_SCOPE],
      walked: undefined,
    }
    const lists: [string, unknown][] = [
      ...(flow.options ?? []).map((o, i): [string, unknown] => [
        `/options/${i}/flowInputs`,
        o.flowInputs,
      ]),
      ...(flow.dynamicInputGroups ?? []).map((g, i): [string, unknown] => [
        `/dynamicInputGroups/${i}/flowInputs`,
        g.flowInputs,
      ]),
      ...(flow.dynamicOutputGroups ?? []).map((g, i): [string, unknown] => [
        `/dynamicOutputGroups/${i}/flowInputs`,
        g.flowInputs,
      ]),
    ]
    for (const [base, value] of lists) {
      for (const { reference, pointer } of findReferences(value, base)) {
        analyse(context, designTime, reference, pointer, out)
      }
    }
    const webhook: Place = { owner, scopes: [OPTIONS_SCOPE], walked: undefined }
    for (const { reference, pointer } of findReferences(flow.webhook?.inputs, '/webhook/inputs')) {
      analyse(context, webhook, reference, pointer, out)
    }
  }
  return out
}

function reportFindings(context: RuleContext, code: Finding['code']) {
  for (const f of findings(context))
    if (f.code === code) context.report(f.file, f.pointer, f.message)
}

export const referenceNotInScope: Rule = {
  code: 'REF001',
  severity: 'error',
  title: 'A reference names something that is not available there.',
  explanation:
    'A reference starts with a name in scope: `input`, `options`, `connection` … (which ones depend on the flow kind or trigger), `error` inside If Error’s catch, or the id of an earlier step. Later steps and steps inside a finished container are not visible.',
  check(context) {
    reportFindings(context, 'REF001')
  },
}

export const referenceUnknownField: Rule = {
  code: 'REF002',
  severity: 'error',
  title: 'A reference names an output, input or option that does not exist.',
  explanation:
    '`=<step>.<output>` must name one of the card’s outputs when they are fixed (Call Flow: its declared outputs, or the helper’s), and `=input.<key>` / `=options.<key>` a declared input or option of the flow.',
  check(context) {
    reportFindings(context, 'REF002')
  },
}
