import { z } from 'zod';
import { type NodeDefinition, sessionMessageBehaviour } from '../../node-definition';
import { WHATSAPP_LIMITS } from '../../engine-action';
import type { MessagePort } from './message-node-runtime';

export const messageNodeDataSchema = z.object({
  text: z
    .string()
    .min(1, 'The message text is empty.')
    .max(WHATSAPP_LIMITS.textBody, `A WhatsApp text can have at most ${WHATSAPP_LIMITS.textBody} characters.`)
    .describe('The text to send; {{variables}} are filled in.'),
  previewUrl: z.boolean().optional().describe('Show a preview of the first link in the text.'),
});
export type MessageNodeData = z.infer<typeof messageNodeDataSchema>;

/** `message`: one text message. */
export const messageNode: NodeDefinition<MessageNodeData, MessagePort> = {
  title: 'Message',
  summary: 'Sends a text message (with {{variables}}).',
  dataSchema: messageNodeDataSchema,
  ...sessionMessageBehaviour({ sent: 'the message was sent' }),
  preview: (data) => data.text,
};
