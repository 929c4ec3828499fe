import { isAiRouterEffectValue } from '../../engine-action';
import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import type { AiRouterNodeData } from './ai-router-node-data';
import { aiRouterFallbackOutput } from './ai-router-outputs';

/** The chosen intent's output; an unknown intent, no intent or a failed LLM call → `fallback`. */
export function resumeAiRouterNode(ctx: NodeContext<AiRouterNodeData>, event: NodeEvent): NodeResult {
  const intent =
    event.type === 'effect' && event.ok && isAiRouterEffectValue(event.value) ? event.value.intent : null;
  const index = intent === null ? -1 : ctx.data.intents.findIndex((candidate) => candidate.name === intent);
  const variables = ctx.data.variable
    ? { [ctx.data.variable]: index >= 0 ? ctx.data.intents[index].name : 'fallback' }
    : undefined;
  if (index >= 0) return { variables, then: { kind: 'next', output: index + 1 } };
  const why =
    event.type === 'effect' && !event.ok
      ? `The AI router failed: ${event.error}`
      : `No intent matched${intent ? ` ("${intent}" is not one of them)` : ''}.`;
  return {
    variables,
    actions: [
      {
        type: 'log',
        nodeId: ctx.nodeId,
        level: event.type === 'effect' && !event.ok ? 'warn' : 'info',
        message: why,
      },
    ],
    then: { kind: 'next', output: aiRouterFallbackOutput(ctx.data) },
  };
}
