import type { NodeDefinition } from '../../node-definition';
import type { AiReplyNodeData } from './ai-reply-node-data';
import { aiReplyNodeDataSchema } from './ai-reply-node-data';
import { aiReplyNodeRuntime } from './ai-reply-node-runtime';
import { aiReplyOutputs } from './ai-reply-outputs';

/** `ai_reply`: an LLM answer from a system prompt and the conversation so far. */
export const aiReplyNode: NodeDefinition<AiReplyNodeData> = {
  summary:
    'Answers with an LLM (system prompt + variables + conversation so far), saves and sends the answer.',
  dataSchema: aiReplyNodeDataSchema,
  ...aiReplyNodeRuntime,
  openingRole: (data) => (data.send === false ? 'passes' : 'session_message'),
  // An answer to send with the window closed: the LLM is not called and `failure` is taken.
  outputsWithoutWaiting: (data, window) =>
    data.send !== false && window === 'closed'
      ? [aiReplyOutputs.failure]
      : [aiReplyOutputs.success, aiReplyOutputs.failure],
};
