import type { NodeDefinition } from '../../node-definition';
import { executeStartNode } from './execute-start-node';
import { startNodeDataSchema, type StartNodeData } from './start-node-data';

/** `start`: where every run begins; exactly one per flow, with no incoming connections. */
export const startNode: NodeDefinition<StartNodeData> = {
  summary: 'Where the conversation begins. Exactly one per flow.',
  dataSchema: startNodeDataSchema,
  outputs: () => [{ name: 'next', description: 'The first node of the conversation.' }],
  openingRole: () => 'passes',
  execute: executeStartNode,
};
