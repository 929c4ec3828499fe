/**
 * What Meta sends to the WhatsApp webhook. Lenient on purpose: unknown fields pass, and each change
 * is parsed on its own so one odd entry never makes Meta redeliver the whole batch.
 */
import { z } from 'zod';

/** `GET /api/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`. */
export const verificationQuerySchema = z.object({
  // Lenient: anything unexpected (a repeated parameter, an overlong challenge) is a 403, not a 400.
  'hub.mode': z.unknown().optional(),
  'hub.verify_token': z.unknown().optional(),
  'hub.challenge': z.unknown().optional(),
});

/** The envelope: `{"object":"whatsapp_business_account","entry":[{"id","changes":[…]}]}`. */
export const notificationSchema = z.object({
  object: z.string(),
  entry: z
    .array(
      z.object({
        id: z.string().optional(),
        changes: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
      }),
    )
    .default([]),
});

/** One customer message; the type-specific part (`text`, `interactive`, `image`, …) passes through. */
export const inboundMessageSchema = z.looseObject({
  from: z.string().min(1).max(32),
  id: z.string().min(1).max(512),
  timestamp: z.string().regex(/^\d{1,12}$/),
  type: z.string().min(1).max(64),
  text: z.object({ body: z.string() }).optional(),
  interactive: z
    .object({
      type: z.string(),
      button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
      list_reply: z
        .object({ id: z.string(), title: z.string(), description: z.string().optional() })
        .optional(),
    })
    .optional(),
  button: z.object({ payload: z.string().optional(), text: z.string() }).optional(),
  image: z.looseObject({ caption: z.string().optional() }).optional(),
  video: z.looseObject({ caption: z.string().optional() }).optional(),
  document: z.looseObject({ caption: z.string().optional() }).optional(),
});

export type InboundMessage = z.infer<typeof inboundMessageSchema>;

/** A delivery status of one of our messages. */
export const statusSchema = z.looseObject({
  id: z.string().min(1).max(512),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  /** Our send key, echoed from `biz_opaque_callback_data`. */
  biz_opaque_callback_data: z.string().optional(),
  errors: z
    .array(z.looseObject({ code: z.union([z.number(), z.string()]), title: z.string().optional() }))
    .optional(),
});

export type MessageStatusUpdate = z.infer<typeof statusSchema>;

/** `value` of a `messages` change. */
export const messagesChangeSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1) }),
  contacts: z
    .array(
      z.looseObject({ wa_id: z.string().optional(), profile: z.object({ name: z.string() }).optional() }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});
