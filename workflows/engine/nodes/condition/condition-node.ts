import { z } from 'zod';
import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { ConditionPort } from './condition-node-runtime';

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
const UNARY_OPERATORS: readonly ConditionOperator[] = ['is_set', 'is_empty'];

export const conditionNodeDataSchema = z.object({
  rules: z
    .array(
      z.object({
        variable: z
          .string()
          .min(1, 'Name the variable the rule checks.')
          .describe('Variable to check; dot paths reach into objects (order.total).'),
        operator: z.enum(conditionOperators),
        value: z
          .string()
          .optional()
          .describe('What to compare with; {{variables}} are filled in. Text comparisons ignore case.'),
        label: z.string().max(60).optional().describe("A name for the rule's output."),
      }),
    )
    .min(1, 'Add at least one rule.')
    .max(20, 'A condition can have at most 20 rules.')
    .describe('Checked in order; the first rule that holds picks its output, else the last output.'),
});
export type ConditionNodeData = z.infer<typeof conditionNodeDataSchema>;
export type ConditionRule = ConditionNodeData['rules'][number];

/** `condition`: rules on variables, one output per rule plus `else`. */
export const conditionNode: NodeDefinition<ConditionNodeData, ConditionPort> = {
  title: 'Condition',
  summary: 'Branches on variables: the first rule that holds picks its output, otherwise `else`.',
  dataSchema: conditionNodeDataSchema,
  ports: {
    'rule_1 … rule_n': 'one per rule, in order: the first rule that holds',
    else: 'no rule held',
  },
  preview: (data) =>
    data.rules.map((rule) => `${rule.variable} ${rule.operator} ${rule.value ?? ''}`).join('; '),
  openingRole: () => 'passes',
  validate: validateConditionData,
};

function validateConditionData(data: ConditionNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  data.rules.forEach((rule, index) => {
    if (!UNARY_OPERATORS.includes(rule.operator) && rule.value === undefined) {
      problems.push({
        path: ['rules', index, 'value'],
        message: `The "${rule.operator}" rule needs a value.`,
      });
    }
    if (rule.operator === 'matches' && rule.value !== undefined && !rule.value.includes('{{')) {
      try {
        new RegExp(rule.value);
      } catch {
        problems.push({
          path: ['rules', index, 'value'],
          message: `"${rule.value}" is not a valid regular expression.`,
        });
      }
    }
  });
  return problems;
}
