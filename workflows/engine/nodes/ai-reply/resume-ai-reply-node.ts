import { isWindowOpen } from '../../customer-window';
import { isAiReplyEffectValue } from '../../engine-action';
import type { NodeContext, NodeEvent, NodeResult } from '../../node-definition';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { AiReplyNodeData } from './ai-reply-node-data';
import { aiReplyOutputs } from './ai-reply-outputs';

/** Saves the answer, sends it when the window is still open, and takes `success`; failures take `failure`. */
export function resumeAiReplyNode(ctx: NodeContext<AiReplyNodeData>, event: NodeEvent): NodeResult {
  if (event.type !== 'effect') return fail(ctx, 'The AI reply got no answer.');
  if (!event.ok) return fail(ctx, `The AI reply failed: ${event.error}`);
  if (!isAiReplyEffectValue(event.value) || event.value.text.trim() === '')
    return fail(ctx, 'The AI returned no text.');
  const text = event.value.text.trim();
  const variables = ctx.data.variable ? { [ctx.data.variable]: text } : undefined;
  if (ctx.data.send === false) return { variables, then: { kind: 'next', output: aiReplyOutputs.success } };
  // The window can close while the LLM thinks; the answer is still saved.
  if (!isWindowOpen(ctx.state, ctx.now))
    return { ...takeWindowClosedOutput(ctx, aiReplyOutputs.failure), variables };
  return {
    variables,
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: { kind: 'text', body: fitToLimit(text, WHATSAPP_LIMITS.textBody) },
      },
    ],
    then: { kind: 'next', output: aiReplyOutputs.success },
  };
}

function fail(ctx: NodeContext<AiReplyNodeData>, message: string): NodeResult {
  return {
    actions: [{ type: 'log', nodeId: ctx.nodeId, level: 'warn', message }],
    then: { kind: 'next', output: aiReplyOutputs.failure, reason: 'ai_reply_failed' },
  };
}
