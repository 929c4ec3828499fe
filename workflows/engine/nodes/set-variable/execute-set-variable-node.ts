import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplateValue } from '../../render-template';
import { toVariableValue, type Variables } from '../../variables';
import type { SetVariableNodeData } from './set-variable-node-data';

/** Sets each variable in order. */
export function executeSetVariableNode(ctx: NodeContext<SetVariableNodeData>): NodeResult {
  const changes: Variables = {};
  for (const { variable, value } of ctx.data.assignments) {
    changes[variable] = toVariableValue(renderTemplateValue(value, { ...ctx.state.variables, ...changes }));
  }
  return { variables: changes, then: { kind: 'next', output: 1 } };
}
