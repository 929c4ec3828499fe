import type { NodeRuntime } from '../../node-runtime';
import { renderTemplateValue, toVariableValue, type Variables } from '../../variables';
import type { SetVariableNodeData } from './set-variable-node';

export type SetVariablePort = 'next';

/** `set_variable` at run time: sets each variable in order. */
export const setVariableNodeRuntime: NodeRuntime<SetVariableNodeData, SetVariablePort> = {
  ports: () => ['next'],
  execute: (ctx) => {
    const changes: Variables = {};
    for (const { variable, value } of ctx.data.assignments) {
      changes[variable] = toVariableValue(renderTemplateValue(value, { ...ctx.state.variables, ...changes }));
    }
    return { variables: changes, then: { next: 'next' } };
  },
};
