import { z } from 'zod';

/** The start node carries no settings; where the run begins is all it says. */
export const startNodeDataSchema = z.object({});
export type StartNodeData = z.infer<typeof startNodeDataSchema>;
