import { z } from 'zod';
import { WHATSAPP_LIMITS } from '../../whatsapp-limits';

export const messageNodeDataSchema = z.object({
  text: z
    .string()
    .min(1, 'The message text is empty.')
    .max(WHATSAPP_LIMITS.textBody, `A WhatsApp text can have at most ${WHATSAPP_LIMITS.textBody} characters.`)
    .describe('The text to send; {{variables}} are filled in.'),
  previewUrl: z.boolean().optional().describe('Show a preview of the first link in the text.'),
});
export type MessageNodeData = z.infer<typeof messageNodeDataSchema>;
