import { z } from 'zod';
import type { NodeDefinition } from '../../catalogue';
import type { StartPort } from './start-node-runtime';

/** The start node carries no settings; where the run begins is all it says. */
export const startNodeDataSchema = z.object({});
export type StartNodeData = z.infer<typeof startNodeDataSchema>;

/** `start`: where every run begins; exactly one per flow, with no incoming connections. */
export const startNode: NodeDefinition<StartNodeData, StartPort> = {
  title: 'Start',
  summary: 'Where the conversation begins. Exactly one per flow.',
  dataSchema: startNodeDataSchema,
  ports: { next: 'the first node of the conversation' },
  openingRole: () => 'passes',
};
