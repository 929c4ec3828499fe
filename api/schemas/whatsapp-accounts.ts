/** Bodies of the WhatsApp account routes (`/api/whatsapp/accounts…`). The CLI connects accounts. */
import { z } from 'zod';

/** `{id}` of an account route; anything but a UUID is simply not found. */
export const accountIdParamsSchema = z.object({ id: z.string() });

/** `GET /api/whatsapp/accounts?userId=…` (admins only). */
export const listAccountsQuerySchema = z.object({
  userId: z.uuid({ error: 'must be a user id (UUID)' }).optional(),
});

const optKeywordsSchema = z.array(z.string().trim().min(1).max(64)).max(100);

/** `PATCH /api/whatsapp/accounts/{id}`. */
export const updateAccountBodySchema = z
  .object({
    /** Flow started when a customer writes with no open conversation; null: messages wait for an agent. */
    inboundFlowId: z.uuid({ error: 'must be a flow id (UUID) or null' }).nullable(),
    /** Send pacing for this number (WhatsApp Cloud API allows up to 80/s by default, more on request). */
    messagesPerSecond: z.number().int().min(1).max(1000),
    /** Whole messages that opt a customer out; null: the built-in list; []: keyword opt-out off. */
    optOutKeywords: optKeywordsSchema.nullable(),
    /** Whole messages that opt a customer back in; null: the built-in list; []: off. */
    optInKeywords: optKeywordsSchema.nullable(),
    /** Text sent once to a customer who opts out by keyword; null: no confirmation. */
    optOutConfirmation: z.string().trim().min(1).max(1024).nullable(),
  })
  .partial()
  .strict();

/** An account as its owner sees it: never the access token. */
export const whatsappAccountSchema = z.object({
  id: z.uuid(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  inboundFlowId: z.uuid().nullable(),
  messagesPerSecond: z.number().int(),
  optOutKeywords: z.array(z.string()).nullable(),
  optInKeywords: z.array(z.string()).nullable(),
  optOutConfirmation: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const whatsappAccountExample = {
  id: 'account-uuid',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '+1 555 010 2030',
  inboundFlowId: 'flow-uuid',
  messagesPerSecond: 80,
  optOutKeywords: null,
  optInKeywords: null,
  optOutConfirmation: 'You will no longer receive messages from us. Reply START to opt back in.',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-20T14:30:00.000Z',
};
