import { fitToLimit, WHATSAPP_LIMITS } from '../../engine-action';
import { type NodeRuntime, type SessionMessagePort, sessionMessageRuntime } from '../../node-runtime';
import { renderTemplate } from '../../variables';
import type { MediaNodeData } from './media-node';

export type MediaPort = SessionMessagePort;

/** `media` at run time: sends the image, video, document or audio, or takes `window_closed`. */
export const mediaNodeRuntime: NodeRuntime<MediaNodeData, MediaPort> = sessionMessageRuntime((ctx) => {
  const { mediaType, link, caption, filename } = ctx.data;
  const renderedCaption =
    caption && mediaType !== 'audio'
      ? fitToLimit(renderTemplate(caption, ctx.state.variables), WHATSAPP_LIMITS.mediaCaption)
      : undefined;
  return {
    kind: 'media',
    mediaType,
    link: renderTemplate(link, ctx.state.variables),
    caption: renderedCaption || undefined,
    filename: mediaType === 'document' ? filename : undefined,
  };
});
