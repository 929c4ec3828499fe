import type { NodeDefinition } from '../../node-definition';
import { aiReplyNodeDataSchema, type AiReplyNodeData } from './ai-reply-node-data';
import { executeAiReplyNode } from './execute-ai-reply-node';
import { resumeAiReplyNode } from './resume-ai-reply-node';

/** `ai_reply`: an LLM answer from a system prompt and the conversation so far. */
export const aiReplyNode: NodeDefinition<AiReplyNodeData> = {
  summary:
    'Answers with an LLM (system prompt + variables + conversation so far), saves and sends the answer.',
  dataSchema: aiReplyNodeDataSchema,
  outputs: () => [
    { name: 'success', description: 'The answer was saved (and sent).' },
    {
      name: 'failure',
      description: 'The LLM failed or is not configured, or the window was closed for sending.',
      failure: true,
    },
  ],
  openingRole: (data) => (data.send === false ? 'passes' : 'session_message'),
  execute: executeAiReplyNode,
  resume: resumeAiReplyNode,
};
