import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';

export const aiReplyNodeDataSchema = z.object({
  systemPrompt: z
    .string()
    .min(1, 'The system prompt is empty.')
    .max(8000)
    .describe(
      'Instructions for the assistant; {{variables}} are filled in. The conversation so far is added.',
    ),
  variable: z
    .string()
    .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.')
    .optional()
    .describe('Variable that receives the answer.'),
  send: z.boolean().optional().describe('Send the answer to the customer (default true).'),
  model: z.string().optional().describe('LLM model; the configured default when left out.'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(4096).optional(),
});
export type AiReplyNodeData = z.infer<typeof aiReplyNodeDataSchema>;
