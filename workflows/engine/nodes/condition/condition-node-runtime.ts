import type { NodeRuntime } from '../../node-definition';
import type { ConditionNodeData } from './condition-node-data';
import { executeConditionNode } from './execute-condition-node';

/** `condition` at run time: its outputs and executor. */
export const conditionNodeRuntime: NodeRuntime<ConditionNodeData> = {
  outputs: (data) => [
    ...data.rules.map((rule, i) => ({
      name: `rule_${i + 1}`,
      description:
        rule.label ?? `${rule.variable} ${rule.operator.replace('_', ' ')} ${rule.value ?? ''}`.trim(),
    })),
    { name: 'else', description: 'No rule held.' },
  ],
  execute: executeConditionNode,
};
