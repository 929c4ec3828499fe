import { isWindowOpen } from '../../customer-window';
import type { NodeContext, NodeResult } from '../../node-definition';
import { renderTemplate } from '../../render-template';
import { fitToLimit, WHATSAPP_LIMITS } from '../../whatsapp-limits';
import { takeWindowClosedOutput } from '../take-window-closed-output';
import type { MediaNodeData } from './media-node-data';
import { mediaOutputs } from './media-outputs';

/** Sends the image, video, document or audio, or takes `window_closed`. */
export function executeMediaNode(ctx: NodeContext<MediaNodeData>): NodeResult {
  if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, mediaOutputs.windowClosed);
  const { mediaType, link, caption, filename } = ctx.data;
  const renderedCaption =
    caption && mediaType !== 'audio'
      ? fitToLimit(renderTemplate(caption, ctx.state.variables), WHATSAPP_LIMITS.mediaCaption)
      : undefined;
  return {
    actions: [
      {
        type: 'send',
        nodeId: ctx.nodeId,
        message: {
          kind: 'media',
          mediaType,
          link: renderTemplate(link, ctx.state.variables),
          caption: renderedCaption || undefined,
          filename: mediaType === 'document' ? filename : undefined,
        },
      },
    ],
    then: { kind: 'next', output: mediaOutputs.sent },
  };
}
