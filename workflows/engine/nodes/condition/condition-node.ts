import type { DataProblem, NodeDefinition } from '../../node-definition';
import { conditionNodeDataSchema, type ConditionNodeData, UNARY_OPERATORS } from './condition-node-data';
import { executeConditionNode } from './execute-condition-node';

/** `condition`: rules on variables, one output per rule plus `else`. */
export const conditionNode: NodeDefinition<ConditionNodeData> = {
  summary: 'Branches on variables: the first rule that holds picks its output, otherwise `else`.',
  dataSchema: conditionNodeDataSchema,
  outputs: (data) => [
    ...data.rules.map((rule, i) => ({
      name: `rule_${i + 1}`,
      description:
        rule.label ?? `${rule.variable} ${rule.operator.replace('_', ' ')} ${rule.value ?? ''}`.trim(),
    })),
    { name: 'else', description: 'No rule held.' },
  ],
  openingRole: () => 'passes',
  execute: executeConditionNode,
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
