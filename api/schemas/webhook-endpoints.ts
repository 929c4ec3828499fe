/** Bodies of the event webhook routes (`/api/webhook-endpoints…`, `/api/webhook-deliveries…`). */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../entities/webhook-outbox';

const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES))
  .min(1, { error: 'eventTypes: name at least one event type' })
  .transform((types) => [...new Set(types)]);

const url = z.url({ protocol: /^https?$/, error: 'url: must be an https URL' }).max(2000);

/** `{id}` of an endpoint or delivery route; anything but a UUID is simply not found. */
export const webhookIdParamsSchema = z.object({ id: z.string() });

/** `POST /api/webhook-endpoints`. */
export const createWebhookEndpointBodySchema = z.object({
  url,
  eventTypes,
  description: z.string().trim().max(500).nullable().optional(),
  enabled: z.boolean().default(true),
});

/** `PATCH /api/webhook-endpoints/{id}`: any subset. */
export const updateWebhookEndpointBodySchema = z
  .object({ url, eventTypes, description: z.string().trim().max(500).nullable(), enabled: z.boolean() })
  .partial()
  .strict();

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** The answer of create and rotate: the only times the signing secret is shown. */
export const webhookEndpointWithSecretSchema = webhookEndpointSchema.extend({
  /** Signs every delivery (`X-FlowBot-Signature`); store it now, it is never shown again. */
  secret: z.string(),
});

export const webhookEndpointExample = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  url: 'https://crm.example.com/hooks/flowbot',
  description: 'CRM sync',
  eventTypes: ['conversation.completed', 'variable.captured'],
  enabled: true,
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-15T10:00:00.000Z',
};

export const webhookEndpointWithSecretExample = {
  ...webhookEndpointExample,
  secret: 'whsec_5Jc3bYk0f4m1Q0v8i9Gq2r7sT1uV6wX3yZ4aB5cD6eE',
};

/** `GET /api/webhook-endpoints/{id}/deliveries`. */
export const listWebhookDeliveriesQuerySchema = z.object({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Older deliveries than this cursor (the previous page's `nextBefore`). */
  before: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z_[0-9a-f-]{36}$/, {
      error: 'before: must be a nextBefore value',
    })
    .optional(),
});

export const webhookDeliverySchema = z.object({
  /** The event id: `id` in the body and `X-FlowBot-Delivery`. */
  id: z.uuid(),
  endpointId: z.uuid(),
  eventType: z.enum(WEBHOOK_EVENT_TYPES),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  /** The body sent: `{ id, type, createdAt, data }`. */
  payload: z.record(z.string(), z.unknown()),
});

export const webhookDeliveryPageSchema = z.object({
  deliveries: z.array(webhookDeliverySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});

export const webhookDeliveryExample = {
  id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
  endpointId: webhookEndpointExample.id,
  eventType: 'conversation.completed',
  status: 'delivered',
  attempts: 3,
  lastStatusCode: 200,
  lastError: null,
  lastAttemptAt: '2025-01-15T10:05:31.000Z',
  deliveredAt: '2025-01-15T10:05:31.000Z',
  createdAt: '2025-01-15T10:04:58.000Z',
  payload: {
    id: '0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d',
    type: 'conversation.completed',
    createdAt: '2025-01-15T10:04:58.112Z',
    data: {
      conversationId: 'c0ffee00-1234-4abc-9def-0123456789ab',
      flowId: 'f10f1234-5678-4abc-9def-0123456789ab',
      whatsappAccountId: 'a11ce000-1234-4abc-9def-0123456789ab',
      phone: '+972501234567',
      triggerSource: 'lead',
      status: 'completed',
      variables: { name: 'Dana', email: 'dana@example.com' },
    },
  },
};
