import type { NodeDefinition } from '../../node-definition';
import { executeSetVariableNode } from './execute-set-variable-node';
import { setVariableNodeDataSchema, type SetVariableNodeData } from './set-variable-node-data';

/** `set_variable`: assigns variables from templated values. */
export const setVariableNode: NodeDefinition<SetVariableNodeData> = {
  summary: 'Sets one or more variables from templated values.',
  dataSchema: setVariableNodeDataSchema,
  outputs: () => [{ name: 'next', description: 'The variables were set.' }],
  openingRole: () => 'passes',
  execute: executeSetVariableNode,
};
