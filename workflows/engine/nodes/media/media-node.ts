import { z } from 'zod';
import { type DataProblem, type NodeDefinition, sessionMessageBehaviour } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import type { MediaPort } from './media-node-runtime';

export const mediaNodeDataSchema = z.object({
  mediaType: z
    .enum(['image', 'video', 'document', 'audio'])
    .describe('What kind of file the link points to.'),
  link: z
    .string()
    .min(1, 'The media link is empty.')
    .describe('Public https URL of the file; {{variables}} are filled in.'),
  caption: z
    .string()
    .max(
      WHATSAPP_LIMITS.mediaCaption,
      `A WhatsApp caption can have at most ${WHATSAPP_LIMITS.mediaCaption} characters.`,
    )
    .optional()
    .describe('Text under the media (not for audio); {{variables}} are filled in.'),
  filename: z.string().max(240).optional().describe('File name shown for documents.'),
});
export type MediaNodeData = z.infer<typeof mediaNodeDataSchema>;

/** `media`: an image, video, document or audio file by link. */
export const mediaNode: NodeDefinition<MediaNodeData, MediaPort> = {
  title: 'Media',
  summary: 'Sends an image, video, document or audio file by link, with an optional caption.',
  dataSchema: mediaNodeDataSchema,
  ...sessionMessageBehaviour({ sent: 'the media message was sent' }),
  preview: (data) => data.caption ?? `${data.mediaType}: ${data.link}`,
  validate: validateMediaData,
};

function validateMediaData(data: MediaNodeData): DataProblem[] {
  const problems: DataProblem[] = [];
  if (!/^(https?:\/\/|\{\{)/.test(data.link)) {
    problems.push({
      path: ['link'],
      message: 'The media link must start with https:// (or be a {{variable}}).',
    });
  }
  if (data.mediaType === 'audio' && data.caption) {
    problems.push({
      path: ['caption'],
      message: 'WhatsApp does not show captions on audio; remove the caption.',
    });
  }
  return problems;
}
