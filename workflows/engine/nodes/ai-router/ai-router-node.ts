import type { DataProblem, NodeDefinition } from '../../node-definition';
import { aiRouterNodeDataSchema, type AiRouterNodeData } from './ai-router-node-data';
import { executeAiRouterNode } from './execute-ai-router-node';
import { resumeAiRouterNode } from './resume-ai-router-node';

/** `ai_router`: an LLM picks one of N intents. */
export const aiRouterNode: NodeDefinition<AiRouterNodeData> = {
  summary:
    "An LLM picks which of N intents the customer's message expresses; one output per intent + fallback.",
  dataSchema: aiRouterNodeDataSchema,
  outputs: (data) => [
    ...data.intents.map((intent) => ({ name: intent.name, description: intent.description })),
    { name: 'fallback', description: 'No intent fits, or the LLM failed.' },
  ],
  openingRole: () => 'passes',
  execute: executeAiRouterNode,
  resume: resumeAiRouterNode,
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
