import type { DataProblem, NodeDefinition } from '../../node-definition';
import { conditionNodeDataSchema, type ConditionNodeData } from './condition-node-data';
import { UNARY_OPERATORS } from './condition-operators';
import { conditionNodeRuntime } from './condition-node-runtime';

/** `condition`: rules on variables, one output per rule plus `else`. */
export const conditionNode: NodeDefinition<ConditionNodeData> = {
  summary: 'Branches on variables: the first rule that holds picks its output, otherwise `else`.',
  dataSchema: conditionNodeDataSchema,
  ...conditionNodeRuntime,
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
