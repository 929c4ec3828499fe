import type { NodeDefinition } from '../../node-definition';
import type { AiReplyNodeData } from './ai-reply-node-data';
import { aiReplyNodeDataSchema } from './ai-reply-node-data';
import { aiReplyNodeRuntime } from './ai-reply-node-runtime';

/** `ai_reply`: an LLM answer from a system prompt and the conversation so far. */
export const aiReplyNode: NodeDefinition<AiReplyNodeData> = {
  summary:
    'Answers with an LLM (system prompt + variables + conversation so far), saves and sends the answer.',
  dataSchema: aiReplyNodeDataSchema,
  ...aiReplyNodeRuntime,
  openingRole: (data) => (data.send === false ? 'passes' : 'session_message'),
};
