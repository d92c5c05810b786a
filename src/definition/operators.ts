// The comparison operators of Workflows' comparison cards (If/Else, Continue If, Assign If,
// Return Error If …): one list, used by the schema and by the engine's compare.
export const OPERATORS = [
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'not contains',
  'starts with',
  'ends with',
  'in',
  'not in',
  'is empty',
  'is not empty',
] as const
export type Operator = (typeof OPERATORS)[number]
