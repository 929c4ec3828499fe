import { isWindowOpen } from '../../flow-state';
import { type NodeRuntime, takeWindowClosedOutput } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import type { MediaNodeData } from './media-node';

export type MediaPort = 'sent' | 'window_closed';

/** `media` at run time: sends the image, video, document or audio, or takes `window_closed`. */
export const mediaNodeRuntime: NodeRuntime<MediaNodeData, MediaPort> = {
  ports: () => ['sent', 'window_closed'],
  failurePorts: ['window_closed'],
  execute: (ctx) => {
    if (!isWindowOpen(ctx.state, ctx.now)) return takeWindowClosedOutput(ctx, 'window_closed');
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
      then: { next: 'sent' },
    };
  },
};
