import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { minutesToMs } from '../timeout-minutes';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { ButtonsNodeData } from './buttons-node-data';
import { buttonReplyId, buttonsOutputs, renderButtonTitles } from './buttons-outputs';

/** Sends the reply buttons and waits for the customer's choice (or takes `timeout` if the window is closed). */
export function executeButtonsNode(ctx: NodeContext<ButtonsNodeData>): NodeResult {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, buttonsOutputs(ctx.data).timeout);
  const render = (text: string) => renderTemplate(text, ctx.state.variables);
  const { text, header, footer, timeoutMinutes } = ctx.data;
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'buttons',
          body: fitToLimit(render(text), WHATSAPP_LIMITS.interactiveBody),
          header: header ? fitToLimit(render(header), WHATSAPP_LIMITS.headerFooter) : undefined,
          footer: footer ? fitToLimit(render(footer), WHATSAPP_LIMITS.headerFooter) : undefined,
          buttons: renderButtonTitles(ctx.data, ctx.state.variables).map((title, index) => ({
            id: buttonReplyId(ctx.nodeId, index),
            title,
          })),
        },
      },
    ],
    then: { kind: 'wait', wait: { kind: 'reply', timeoutMs: minutesToMs(timeoutMinutes) } },
  };
}
