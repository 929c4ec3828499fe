import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { MessageNodeData } from './message-node-data';
import { messageOutputs } from './message-outputs';

/** Sends the rendered text, or takes `window_closed` when only a template could be sent. */
export function executeMessageNode(ctx: NodeContext<MessageNodeData>): NodeResult {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, messageOutputs.windowClosed);
  const body = fitToLimit(renderTemplate(ctx.data.text, ctx.state.variables), WHATSAPP_LIMITS.textBody);
  return {
    actions: [
      { type: 'send', nodeId: ctx.nodeId, message: { kind: 'text', body, previewUrl: ctx.data.previewUrl } },
    ],
    then: { kind: 'next', output: messageOutputs.sent },
  };
}
