export const conditionOperators = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_empty',
  'matches',
] as const;
export type ConditionOperator = (typeof conditionOperators)[number];

/** Operators that compare with nothing: `value` is ignored. */
export const UNARY_OPERATORS: readonly ConditionOperator[] = ['is_set', 'is_empty'];
