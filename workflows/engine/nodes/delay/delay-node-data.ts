import { z } from 'zod';

export const delayNodeDataSchema = z.object({
  amount: z.number().positive('The delay must be more than 0.').describe('How long to wait, in `unit`s.'),
  unit: z.enum(['seconds', 'minutes', 'hours', 'days']),
});
export type DelayNodeData = z.infer<typeof delayNodeDataSchema>;
