import { z } from 'zod';
import { type NodeDefinition, passThroughBehaviour } from '../../node-definition';
import type { StartPort } from './start-node-runtime';

/** The start node carries no settings; where the run begins is all it says. */
export const startNodeDataSchema = z.object({});
export type StartNodeData = z.infer<typeof startNodeDataSchema>;

/** `start`: where every run begins; exactly one per flow, with no incoming connections. */
export const startNode: NodeDefinition<StartNodeData, StartPort> = {
  title: 'Start',
  summary: 'Where the conversation begins. Exactly one per flow.',
  dataSchema: startNodeDataSchema,
  ...passThroughBehaviour({ next: 'the first node of the conversation' }),
};
