import { z } from 'zod';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { timeoutMinutesSchema } from '../timeout-minutes-schema';

export const handoffNodeDataSchema = z.object({
  message: z
    .string()
    .max(WHATSAPP_LIMITS.textBody)
    .optional()
    .describe('Told to the customer when a human takes over, e.g. "An agent will answer shortly."'),
  reason: z.string().max(200).optional().describe('Shown to agents: why the conversation was handed over.'),
  timeoutMinutes: timeoutMinutesSchema,
});
export type HandoffNodeData = z.infer<typeof handoffNodeDataSchema>;
