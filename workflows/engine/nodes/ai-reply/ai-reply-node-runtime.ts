import type { NodeRuntime } from '../../node-definition';
import type { AiReplyNodeData } from './ai-reply-node-data';
import { executeAiReplyNode } from './execute-ai-reply-node';
import { resumeAiReplyNode } from './resume-ai-reply-node';

/** `ai_reply` at run time: its outputs, executor and resumer. */
export const aiReplyNodeRuntime: NodeRuntime<AiReplyNodeData> = {
  outputs: () => [
    { name: 'success', description: 'The answer was saved (and sent).' },
    {
      name: 'failure',
      description: 'The LLM failed or is not configured, or the window was closed for sending.',
      failure: true,
    },
  ],
  execute: executeAiReplyNode,
  resume: resumeAiReplyNode,
};
