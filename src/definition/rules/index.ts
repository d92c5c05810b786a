// Every semantic rule, in the order they run. Each module groups the rules of one concern.
import {
  dropdownWithoutValues,
  dynamicOutputGroup,
  oneDynamicInputGroup,
  optionDefault,
  optionLabel,
  returnedOutputsNotFound,
} from './card-definition'
import { callFlowOutputs, containerLists, inputType, unknownInput } from './cards'
import {
  duplicateActiveActionNames,
  duplicateFlowNames,
  helperKind,
  noActionFlow,
  prohibitedFlowNameCharacter,
  webhookFlowKinds,
  webhookSectionMissing,
} from './flows'
import { referenceNotInScope, referenceUnknownField } from './references'
import type { Rule } from './rule'
import {
  callFlowTarget,
  duplicateStepIds,
  missingFlow,
  missingRequiredInput,
  unknownCard,
  unreachableStep,
  unusedOutput,
} from './steps'
import {
  authpingName,
  authpingOptionsOrInputs,
  duplicateAuthping,
  duplicateRevoke,
  missingAuthping,
  missingRevoke,
  reservedAuthpingName,
  reservedRevokeName,
  revokeOptionsOrInputs,
} from './system-flows'
import {
  apiEndpointFields,
  connectorCard,
  connectorCardRequiredInput,
  connectorCardUnknownOption,
  delegatedInputs,
  eventCard,
  scheduleFields,
} from './workflows'

export const RULES: readonly Rule[] = [
  // The project's flows: names, deployability, flow kinds named by other flows.
  duplicateActiveActionNames,
  prohibitedFlowNameCharacter,
  duplicateFlowNames,
  noActionFlow,
  helperKind,
  webhookSectionMissing,
  webhookFlowKinds,
  // System flows.
  duplicateAuthping,
  reservedAuthpingName,
  authpingName,
  duplicateRevoke,
  reservedRevokeName,
  authpingOptionsOrInputs,
  revokeOptionsOrInputs,
  missingAuthping,
  missingRevoke,
  // The card a flow defines.
  optionLabel,
  dropdownWithoutValues,
  optionDefault,
  oneDynamicInputGroup,
  dynamicOutputGroup,
  returnedOutputsNotFound,
  // Steps.
  duplicateStepIds,
  unknownCard,
  callFlowTarget,
  missingFlow,
  missingRequiredInput,
  inputType,
  unknownInput,
  containerLists,
  callFlowOutputs,
  unreachableStep,
  unusedOutput,
  // References.
  referenceNotInScope,
  referenceUnknownField,
  // Workflows.
  delegatedInputs,
  apiEndpointFields,
  eventCard,
  scheduleFields,
  connectorCard,
  connectorCardRequiredInput,
  connectorCardUnknownOption,
]

export type { Rule, RuleContext } from './rule'
