import { isWindowOpen } from '../../flow-state';
import { type NodeRuntime, takeWindowClosedOutput } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import type { MessageNodeData } from './message-node';

export type MessagePort = 'sent' | 'window_closed';

/** `message` at run time: sends the rendered text, or takes `window_closed` when only a template could be sent. */
export const messageNodeRuntime: NodeRuntime<MessageNodeData, MessagePort> = {
  ports: () => ['sent', 'window_closed'],
  failurePorts: ['window_closed'],
  execute: (ctx) => {
    if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'window_closed');
    const body = fitToLimit(renderTemplate(ctx.data.text, ctx.state.variables), WHATSAPP_LIMITS.textBody);
    return {
      actions: [
        {
          type: 'send',
          nodeId: ctx.nodeId,
          message: { kind: 'text', body, previewUrl: ctx.data.previewUrl },
        },
      ],
      then: { next: 'sent' },
    };
  },
};
