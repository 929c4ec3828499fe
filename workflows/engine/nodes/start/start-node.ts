import type { NodeDefinition } from '../../node-definition';
import { startNodeDataSchema, type StartNodeData } from './start-node-data';
import { startNodeRuntime } from './start-node-runtime';

/** `start`: where every run begins; exactly one per flow, with no incoming connections. */
export const startNode: NodeDefinition<StartNodeData> = {
  summary: 'Where the conversation begins. Exactly one per flow.',
  dataSchema: startNodeDataSchema,
  ...startNodeRuntime,
  openingRole: () => 'passes',
};
