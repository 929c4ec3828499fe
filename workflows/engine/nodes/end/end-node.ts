import { z } from 'zod';
import type { NodeDefinition } from '../../node-definition';

export const endNodeDataSchema = z.object({
  outcome: z
    .enum(['completed', 'failed'])
    .optional()
    .describe('How the run is recorded; `completed` when left out.'),
  reason: z.string().max(200).optional().describe('Recorded with a failed outcome, e.g. "not_interested".'),
});
export type EndNodeData = z.infer<typeof endNodeDataSchema>;

/** `end`: finishes the run. An unconnected output anywhere also ends it. */
export const endNode: NodeDefinition<EndNodeData, never> = {
  title: 'End',
  summary: 'Ends the conversation run (completed, or failed with a reason).',
  dataSchema: endNodeDataSchema,
  ports: {},
  preview: (data) => data.reason ?? data.outcome,
  openingRole: () => 'passes',
};
