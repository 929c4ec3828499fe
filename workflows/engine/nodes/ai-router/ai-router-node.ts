import type { DataProblem, NodeDefinition } from '../../node-definition';
import type { AiRouterNodeData } from './ai-router-node-data';
import { aiRouterNodeDataSchema } from './ai-router-node-data';
import { aiRouterNodeRuntime } from './ai-router-node-runtime';

/** `ai_router`: an LLM picks one of N intents. */
export const aiRouterNode: NodeDefinition<AiRouterNodeData> = {
  summary:
    "An LLM picks which of N intents the customer's message expresses; one output per intent + fallback.",
  dataSchema: aiRouterNodeDataSchema,
  ...aiRouterNodeRuntime,
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
