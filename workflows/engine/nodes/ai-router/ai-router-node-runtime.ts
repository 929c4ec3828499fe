import { isAiRouterEffectValue } from '../../engine-action';
import type { NodeContext, NodeEvent, NodeResult, NodeRuntime } from '../../node-runtime';
import { awaitEffect } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import { toChatTurns } from '../../flow-state';
import type { AiRouterNodeData } from './ai-router-node';

type Context = NodeContext<AiRouterNodeData>;

/** `ai_router` at run time: one port per intent (named by the intent), then `fallback`. */
export const aiRouterNodeRuntime: NodeRuntime<AiRouterNodeData> = {
  ports: (data) => [...data.intents.map((intent) => intent.name), 'fallback'],
  execute: executeAiRouterNode,
  resume: resumeAiRouterNode,
};

/** Asks the LLM which intent fits. Sends nothing, so the window does not matter. */
function executeAiRouterNode(ctx: Context): NodeResult {
  const { intents, instructions, input, model } = ctx.data;
  const lastCustomerText =
    [...ctx.state.transcript].reverse().find((entry) => entry.role === 'customer')?.text ?? '';
  return awaitEffect({
    kind: 'ai_router',
    request: {
      instructions: renderTemplate(instructions ?? '', ctx.state.variables),
      input: input === undefined ? lastCustomerText : renderTemplate(input, ctx.state.variables),
      intents: intents.map(({ name, description }) => ({ name, description })),
      messages: toChatTurns(ctx.state.transcript),
      model,
    },
  });
}

/** The chosen intent's port; an unknown intent, no intent or a failed LLM call → `fallback`. */
function resumeAiRouterNode(ctx: Context, event: NodeEvent): NodeResult {
  const intent =
    event.type === 'effect' && event.ok && isAiRouterEffectValue(event.value) ? event.value.intent : null;
  const index = intent === null ? -1 : ctx.data.intents.findIndex((candidate) => candidate.name === intent);
  const variables = ctx.data.variable
    ? { [ctx.data.variable]: index >= 0 ? ctx.data.intents[index].name : 'fallback' }
    : undefined;
  if (index >= 0) return { variables, then: { next: ctx.data.intents[index].name } };
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
    then: { next: 'fallback' },
  };
}
