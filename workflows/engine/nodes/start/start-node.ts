import { z } from 'zod';
import { MAX_MERGE_MESSAGES_WITHIN_MS } from '../../interpreter/reply-burst';
import { type NodeDefinition, passThroughBehaviour } from '../../node-definition';
import type { StartPort } from './start-node-runtime';

/** The start node carries the flow's settings (one per flow, saved and versioned with the graph). */
export const startNodeDataSchema = z.object({
  mergeMessagesWithinMs: z
    .number()
    .int('Whole milliseconds, please.')
    .min(0, 'The gap cannot be negative.')
    .max(
      MAX_MERGE_MESSAGES_WITHIN_MS,
      `At most ${MAX_MERGE_MESSAGES_WITHIN_MS} ms: every typed answer waits this long.`,
    )
    .optional()
    .describe(
      'Customer messages less than this many ms apart answer a question, buttons or list as one text (joined by newlines), so the customer gets one reply, not one per message. 0 or left out: off. 3000 catches messages typed in a row.',
    ),
});
export type StartNodeData = z.infer<typeof startNodeDataSchema>;

/** `start`: where every run begins; exactly one per flow, with no incoming connections. */
export const startNode: NodeDefinition<StartNodeData, StartPort> = {
  title: 'Start',
  summary: 'Where the conversation begins. Exactly one per flow; holds the flow settings.',
  dataSchema: startNodeDataSchema,
  ...passThroughBehaviour({ next: 'the first node of the conversation' }),
  preview: (data) =>
    data.mergeMessagesWithinMs ? `merges messages within ${data.mergeMessagesWithinMs} ms` : undefined,
};
