import type { NodeRuntime } from '../../node-definition';
import type { AiRouterNodeData } from './ai-router-node-data';
import { executeAiRouterNode } from './execute-ai-router-node';
import { resumeAiRouterNode } from './resume-ai-router-node';

/** `ai_router` at run time: its outputs, executor and resumer. */
export const aiRouterNodeRuntime: NodeRuntime<AiRouterNodeData> = {
  outputs: (data) => [
    ...data.intents.map((intent) => ({ name: intent.name, description: intent.description })),
    { name: 'fallback', description: 'No intent fits, or the LLM failed.' },
  ],
  execute: executeAiRouterNode,
  resume: resumeAiRouterNode,
};
