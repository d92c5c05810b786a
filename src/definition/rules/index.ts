// Every semantic rule, in the order they run. Each module groups the rules of one concern.
import { duplicateActiveActionNames, duplicateFlowNames } from './flows'
import type { Rule } from './rule'
import {
  callFlowTarget,
  duplicateStepIds,
  missingFlow,
  missingRequiredInput,
  unknownCard,
} from './steps'

export const RULES: readonly Rule[] = [
  duplicateActiveActionNames,
  duplicateFlowNames,
  duplicateStepIds,
  unknownCard,
  callFlowTarget,
  missingFlow,
  missingRequiredInput,
]

export type { Rule, RuleContext } from './rule'
