import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { toChatTurns } from '../to-chat-turns';
import type { AiRouterNodeData } from './ai-router-node-data';

/** Asks the LLM which intent fits. Sends nothing, so the window does not matter. */
export function executeAiRouterNode(ctx: NodeContext<AiRouterNodeData>): NodeResult {
  const { intents, instructions, input, model } = ctx.data;
  const lastCustomerText =
    [...ctx.state.transcript].reverse().find((entry) => entry.role === 'customer')?.text ?? '';
  return {
    then: {
      kind: 'wait',
      wait: {
        kind: 'effect',
        effect: {
          kind: 'ai_router',
          request: {
            instructions: renderTemplate(instructions ?? '', ctx.state.variables),
            input: input === undefined ? lastCustomerText : renderTemplate(input, ctx.state.variables),
            intents: intents.map(({ name, description }) => ({ name, description })),
            messages: toChatTurns(ctx.state.transcript),
            model,
          },
        },
      },
    },
  };
}
