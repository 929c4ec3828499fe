/** Query strings and bodies of the conversation routes (`/api/conversations…`). */
import { z } from 'zod';

/** `limit` of a paged list: 1–200, default 50. */
export const limitSchema = z.coerce
  .number({ error: 'limit must be a number' })
  .int({ error: 'limit must be a whole number' })
  .min(1, { error: 'limit must be between 1 and 200' })
  .max(200, { error: 'limit must be between 1 and 200' })
  .default(50);
/** `offset` of a paged list: default 0. */
export const offsetSchema = z.coerce
  .number({ error: 'offset must be a number' })
  .int({ error: 'offset must be a whole number' })
  .min(0, { error: 'offset must be 0 or more' })
  .max(1_000_000, { error: 'offset is too large' })
  .default(0);

export const conversationStatusSchema = z.enum(['active', 'handoff', 'completed', 'stopped', 'failed'], {
  error: 'status must be one of active, handoff, completed, stopped, failed',
});

/** Filters shared by the list and the statistics. */
const filterShape = {
  status: conversationStatusSchema.optional(),
  flowId: z.uuid({ error: 'flowId must be a UUID' }).optional(),
  /** Admins only; ignored for other users (they only ever see their own). */
  userId: z.uuid({ error: 'userId must be a UUID' }).optional(),
  /** Part of the customer's name (any case), or of the phone number when written like one: `search=dana`, `search=+972 50`. */
  search: z
    .string()
    .trim()
    .min(1, { error: 'search must not be empty' })
    .max(100, { error: 'search is at most 100 characters' })
    .optional(),
};

/** `GET /api/conversations?limit=50&offset=0&before=…&status=…&flowId=…&userId=…&search=…&stats=true`. */
export const listConversationsQuerySchema = z.object({
  ...filterShape,
  limit: limitSchema,
  offset: offsetSchema,
  /** Only conversations started before this instant (ISO 8601): a stable cursor for "load older". */
  before: z.iso
    .datetime({ offset: true, error: 'before must be an ISO 8601 date-time' })
    .transform((value) => new Date(value))
    .optional(),
  /** `true` adds counts by status in the `X-Conversation-Stats` header (the body stays the array). */
  stats: z.enum(['true', 'false'], { error: 'stats must be true or false' }).optional(),
});

/** `GET /api/conversations/stats`. */
export const conversationStatsQuerySchema = z.object(filterShape);

/** `GET /api/conversations/{id}/messages?limit=50&offset=0`. */
export const listMessagesQuerySchema = z.object({ limit: limitSchema, offset: offsetSchema });

/** `{id}` of a conversation route; anything but a UUID is simply not found. */
export const conversationParamsSchema = z.object({ id: z.string() });

const httpUrlSchema = z
  .url({ protocol: /^https?$/, error: 'mediaUrl must be an http(s) URL' })
  .max(2048, { error: 'mediaUrl is too long' });

/** `POST /api/conversations/{id}/reply`: one message, by `messageType`. */
export const replyBodySchema = z.discriminatedUnion(
  'messageType',
  [
    z.object({
      messageType: z.literal('text'),
      text: z.string().trim().min(1, { error: 'text must not be empty' }).max(4096),
    }),
    z.object({
      messageType: z.enum(['image', 'video', 'document']),
      mediaUrl: httpUrlSchema,
      caption: z.string().max(1024).optional(),
      /** Documents only: the file name the customer sees. */
      filename: z.string().min(1).max(240).optional(),
    }),
    z.object({
      messageType: z.literal('template'),
      templateName: z.string().min(1).max(512),
      templateLanguage: z.string().regex(/^[a-z]{2,3}([_-][A-Za-z]{2,4})?$/, {
        error: 'templateLanguage must be a language code such as en or en_US',
      }),
      templateParams: z
        .array(z.union([z.string().max(1024), z.number()]).transform(String))
        .max(20)
        .default([]),
    }),
  ],
  { error: 'messageType must be one of text, image, video, document, template' },
);

export type ReplyBody = z.infer<typeof replyBodySchema>;

/** One entry of `GET /api/conversations`: exactly the published fields. */
export const conversationListItemSchema = z.object({
  id: z.string(),
  waPhoneNumber: z.string(),
  customerName: z.string().nullable(),
  flowId: z.string().nullable(),
  status: conversationStatusSchema,
  lastMessage: z.string().nullable(),
  startedAt: z.string(),
  lastCustomerMessageAt: z.string().nullable(),
});

/** `GET /api/conversations/{id}`: the list fields plus what an agent screen needs. */
export const conversationDetailSchema = conversationListItemSchema.extend({
  flowRevision: z
    .number()
    .int()
    .nullable()
    .describe(
      'The flow revision this conversation runs (it never changes while it runs); null without a flow or for conversations started before revisions existed',
    ),
  triggerSource: z.string(),
  currentNodeId: z.string().nullable(),
  variables: z.record(z.string(), z.unknown()),
  endedAt: z.string().nullable(),
  windowOpen: z.boolean(),
  windowClosesAt: z.string().nullable(),
  workflowId: z.string().nullable(),
  runId: z.string().nullable(),
});

/** One message of `GET /api/conversations/{id}/messages`. */
export const conversationMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  type: z.string(),
  content: z.record(z.string(), z.unknown()),
  waMessageId: z.string().nullable(),
  status: z.string(),
  errorCode: z.string().nullable(),
  errorTitle: z.string().nullable(),
  createdAt: z.string(),
});

/** `GET /api/conversations/stats` (and the `X-Conversation-Stats` header of `?stats=true`). */
export const conversationStatsSchema = z.object({
  total: z.number(),
  byStatus: z.record(conversationStatusSchema, z.number()),
});

/** The published success body of a reply. */
export const replyResponseSchema = z.object({
  success: z.literal(true),
  messageId: z.string(),
  windowOpen: z.boolean(),
});

/** The 422 of a reply: `windowOpen: false` when it is refused because the 24-hour window is closed. */
export const windowClosedResponseSchema = z.object({
  error: z.string(),
  windowOpen: z.literal(false).optional(),
});

/** The 202 of a takeover or release: the run was told; the status follows a moment later. */
export const handoverResponseSchema = z.object({
  success: z.literal(true),
  conversationId: z.string(),
  action: z.enum(['takeover', 'release']),
});
