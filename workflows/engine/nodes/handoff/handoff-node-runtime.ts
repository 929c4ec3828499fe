import { isWindowOpen } from '../../flow-state';
import type { EngineAction } from '../../engine-action';
import {
  minutesToMs,
  type NodeContext,
  type NodeResult,
  type NodeRuntime,
  sendText,
} from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { HandoffNodeData } from './handoff-node';

export type HandoffPort = 'released' | 'timeout';

/** `handoff` at run time: a human takes over; `released` or `timeout` when they give it back or time runs out. */
export const handoffNodeRuntime: NodeRuntime<HandoffNodeData, HandoffPort> = {
  ports: () => ['released', 'timeout'],
  execute: executeHandoffNode,
  resume: (_ctx, event) => ({ then: { next: event.type === 'released' ? 'released' : 'timeout' } }),
};

/**
 * Hands the conversation to a human and waits for release or timeout. A closed window does not
 * stop the handoff (agents can still re-engage with a template); only the notice is skipped.
 */
function executeHandoffNode(ctx: NodeContext<HandoffNodeData, HandoffPort>): NodeResult<HandoffPort> {
  const actions: EngineAction[] = [];
  const notice = ctx.data.message ? renderTemplate(ctx.data.message, ctx.state.variables) : '';
  if (notice !== '' && isWindowOpen(ctx.state, ctx.now)) {
    actions.push(sendText(ctx.nodeId, notice));
  } else if (notice !== '') {
    actions.push({
      type: 'log',
      nodeId: ctx.nodeId,
      level: 'warn',
      message: 'The 24-hour customer window is closed; the handoff notice was not sent.',
    });
  }
  if (ctx.data.reason) {
    actions.push({ type: 'log', nodeId: ctx.nodeId, level: 'info', message: `Handoff: ${ctx.data.reason}` });
  }
  return {
    actions,
    then: { wait: { kind: 'handoff', timeoutMs: minutesToMs(ctx.data.timeoutMinutes) } },
  };
}
