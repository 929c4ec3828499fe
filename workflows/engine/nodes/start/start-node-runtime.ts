import type { NodeRuntime } from '../../node-definition';
import { executeStartNode } from './execute-start-node';
import type { StartNodeData } from './start-node-data';

/** `start` at run time: its outputs and executor. */
export const startNodeRuntime: NodeRuntime<StartNodeData> = {
  outputs: () => [{ name: 'next', description: 'The first node of the conversation.' }],
  execute: executeStartNode,
};
