import type { NodeDefinition } from '../../node-definition';
import { setVariableNodeDataSchema, type SetVariableNodeData } from './set-variable-node-data';
import { setVariableNodeRuntime } from './set-variable-node-runtime';

/** `set_variable`: assigns variables from templated values. */
export const setVariableNode: NodeDefinition<SetVariableNodeData> = {
  summary: 'Sets one or more variables from templated values.',
  dataSchema: setVariableNodeDataSchema,
  ...setVariableNodeRuntime,
  openingRole: () => 'passes',
};
