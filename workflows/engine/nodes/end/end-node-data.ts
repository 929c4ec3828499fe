import { z } from 'zod';

export const endNodeDataSchema = z.object({
  outcome: z
    .enum(['completed', 'failed'])
    .optional()
    .describe('How the run is recorded; `completed` when left out.'),
  reason: z.string().max(200).optional().describe('Recorded with a failed outcome, e.g. "not_interested".'),
});
export type EndNodeData = z.infer<typeof endNodeDataSchema>;
