import type { NodeRuntime } from '../../node-definition';
import { executeSetVariableNode } from './execute-set-variable-node';
import type { SetVariableNodeData } from './set-variable-node-data';

/** `set_variable` at run time: its outputs and executor. */
export const setVariableNodeRuntime: NodeRuntime<SetVariableNodeData> = {
  outputs: () => [{ name: 'next', description: 'The variables were set.' }],
  execute: executeSetVariableNode,
};
