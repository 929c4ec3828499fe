import type { NodeContext, NodeResult } from '../../node-definition';
import type { ConditionNodeData } from './condition-node-data';
import { evaluateRule } from './evaluate-rule';

/** Takes the output of the first rule that holds, or the last output (`else`). */
export function executeConditionNode(ctx: NodeContext<ConditionNodeData>): NodeResult {
  const index = ctx.data.rules.findIndex((rule) => evaluateRule(rule, ctx.state.variables));
  return { then: { kind: 'next', output: index >= 0 ? index + 1 : ctx.data.rules.length + 1 } };
}
