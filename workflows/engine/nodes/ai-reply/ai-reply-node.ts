import { z } from 'zod';
import { variableNameSchema } from '../node-field-schemas';
import type { NodeDefinition } from '../../node-definition';
import type { AiReplyPort } from './ai-reply-node-runtime';

export const aiReplyNodeDataSchema = z.object({
  systemPrompt: z
    .string()
    .min(1, 'The system prompt is empty.')
    .max(8000)
    .describe(
      'Instructions for the assistant; {{variables}} are filled in. The conversation so far is added.',
    ),
  variable: variableNameSchema.optional().describe('Variable that receives the answer.'),
  send: z.boolean().optional().describe('Send the answer to the customer (default true).'),
  model: z.string().optional().describe('LLM model; the configured default when left out.'),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(4096).optional(),
});
export type AiReplyNodeData = z.infer<typeof aiReplyNodeDataSchema>;

/** `ai_reply`: an LLM answer from a system prompt and the conversation so far. */
export const aiReplyNode: NodeDefinition<AiReplyNodeData, AiReplyPort> = {
  title: 'AI reply',
  summary:
    'Answers with an LLM (system prompt + variables + conversation so far), saves and sends the answer.',
  dataSchema: aiReplyNodeDataSchema,
  ports: {
    success: 'the answer was saved, and sent unless `send` is false',
    failure: 'the LLM failed or is not configured, or the window was closed for sending',
  },
  preview: (data) => data.systemPrompt,
  openingRole: (data) => (data.send === false ? 'passes' : 'session_message'),
  // An answer to send with the window closed: the LLM is not called and `failure` is taken.
  portsWithoutWaiting: (data, window) =>
    data.send !== false && window === 'closed' ? ['failure'] : ['success', 'failure'],
};
