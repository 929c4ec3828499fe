import { z } from 'zod';
import { timeoutMinutesSchema } from '../node-field-schemas';
import type { NodeDefinition } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import type { HandoffPort } from './handoff-node-runtime';

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

/** `handoff`: a human takes over until they release the conversation or the timeout passes. */
export const handoffNode: NodeDefinition<HandoffNodeData, HandoffPort> = {
  title: 'Handoff',
  summary: 'Hands the conversation to a human agent; continues when the agent releases it or on timeout.',
  dataSchema: handoffNodeDataSchema,
  ports: {
    released: 'the agent handed the conversation back to the flow',
    timeout: 'no release before the timeout',
  },
  preview: (data) => data.message ?? data.reason,
  openingRole: (data) => (data.message ? 'session_message' : 'passes'),
  portsWithoutWaiting: () => [],
};
