import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import { type NodeRuntime, type SessionMessagePort, sessionMessageRuntime } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { MessageNodeData } from './message-node';

export type MessagePort = SessionMessagePort;

/** `message` at run time: sends the rendered text, or takes `window_closed` when only a template could be sent. */
export const messageNodeRuntime: NodeRuntime<MessageNodeData, MessagePort> = sessionMessageRuntime((ctx) => ({
  kind: 'text',
  body: fitToLimit(renderTemplate(ctx.data.text, ctx.state.variables), WHATSAPP_LIMITS.textBody),
  previewUrl: ctx.data.previewUrl,
}));
