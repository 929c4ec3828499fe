import { z } from 'zod';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';

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
