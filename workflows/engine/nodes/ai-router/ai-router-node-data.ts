import { z } from 'zod';
import { VARIABLE_NAME_PATTERN } from '../../variables';

export const aiRouterNodeDataSchema = z.object({
  intents: z
    .array(
      z.object({
        name: z
          .string()
          .regex(
            /^[a-z0-9_]{1,40}$/,
            'An intent name has lowercase letters, digits and underscores only (≤ 40).',
          ),
        description: z.string().min(1, 'Describe the intent so the LLM can recognise it.').max(500),
      }),
    )
    .min(1, 'Add at least one intent.')
    .max(10, 'An AI router can have at most 10 intents.')
    .describe('The intents the LLM chooses from; each gets its own output, in order.'),
  instructions: z.string().max(4000).optional().describe('Extra guidance for the classifier; templated.'),
  input: z
    .string()
    .optional()
    .describe("Text to classify; templated. The customer's latest message when left out."),
  variable: z
    .string()
    .regex(VARIABLE_NAME_PATTERN, 'A variable name has letters, digits and underscores only.')
    .optional()
    .describe('Variable that receives the chosen intent name ("fallback" when none fits).'),
  model: z.string().optional(),
});
export type AiRouterNodeData = z.infer<typeof aiRouterNodeDataSchema>;
