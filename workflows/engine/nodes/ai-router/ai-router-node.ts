import { z } from 'zod';
import { variableNameSchema } from '../node-field-schemas';
import type { DataProblem, NodeDefinition } from '../../node-definition';

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
  variable: variableNameSchema
    .optional()
    .describe('Variable that receives the chosen intent name ("fallback" when none fits).'),
  model: z.string().optional(),
});
export type AiRouterNodeData = z.infer<typeof aiRouterNodeDataSchema>;

/** `ai_router`: an LLM picks one of N intents. Its ports are the intent names, so they are plain strings. */
export const aiRouterNode: NodeDefinition<AiRouterNodeData> = {
  title: 'AI router',
  summary:
    "An LLM picks which of N intents the customer's message expresses; one output per intent + fallback.",
  dataSchema: aiRouterNodeDataSchema,
  ports: {
    '<intent name>': 'one per intent, named by the intent name, in order: the LLM chose that intent',
    fallback: 'no intent fits, or the LLM failed',
  },
  preview: (data) => data.intents.map((intent) => intent.name).join(', '),
  openingRole: () => 'passes',
  validate: validateAiRouterData,
};

function validateAiRouterData(data: AiRouterNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  const seen = new Set<string>();
  data.intents.forEach((intent, index) => {
    if (seen.has(intent.name) || intent.name === 'fallback') {
      problems.push({
        path: ['intents', index, 'name'],
        message: `The intent name "${intent.name}" is used twice or is reserved ("fallback").`,
      });
    }
    seen.add(intent.name);
  });
  return problems;
}
