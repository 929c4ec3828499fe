/**
 * Bodies of the integration triggers, exactly as the published API documents them:
 * `POST /api/webhook/outbound` and `POST /api/webhook/flow/{flowId}/lead`.
 */
import { z } from 'zod';
import { errorResponseSchema } from './system';

/** A flow variable a caller may send: JSON scalars only, strings bounded. */
export const variableValueSchema = z.union([z.string().max(4096), z.number(), z.boolean(), z.null()]);

/** Variable names usable as `{{name}}` in the flow; integer-like keys would also lose their order. */
const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { error: 'field names must be letters, digits or _ (max 64)' });

const MAX_FIELDS = 50;

/** `data` of the outbound trigger: known fields plus any scalar the flow uses as a variable. */
export const outboundDataSchema = z
  .object({
    customerName: z.string().trim().min(1).max(200).optional(),
    orderId: z.union([z.string().max(200), z.number()]).optional(),
    templateParams: z
      .array(z.union([z.string().max(1024), z.number()]).transform(String))
      .max(20)
      .optional(),
    code: z
      .union([z.string().trim().min(1).max(15), z.number()])
      .transform(String)
      .optional(),
    /** Picks a template of the group by name (default: the group's first template). */
    templateName: z.string().min(1).max(512).optional(),
  })
  .catchall(variableValueSchema)
  .refine((data) => Object.keys(data).length <= MAX_FIELDS, { error: `data: at most ${MAX_FIELDS} fields` })
  .refine((data) => Object.keys(data).every((key) => variableNameSchema.safeParse(key).success), {
    error: 'data: field names must be letters, digits or _ (max 64)',
  });

/** `POST /api/webhook/outbound`. */
export const outboundTriggerBodySchema = z.object({
  phone: z.string().max(32),
  flowId: z.uuid({ error: 'must be a flow id (UUID)' }),
  templateGroupId: z.uuid({ error: 'must be a template group id (UUID)' }),
  data: outboundDataSchema.default({}),
  /** End the customer's open conversation instead of answering 409 (or header X-Replace-Active: true). */
  replaceActive: z.boolean().optional(),
});

export type OutboundTriggerBody = z.infer<typeof outboundTriggerBodySchema>;

/** `POST /api/webhook/flow/{flowId}/lead`: `phone` plus any scalar fields, each a flow variable. */
export const leadBodySchema = z
  .record(variableNameSchema, variableValueSchema)
  .refine((body) => Object.keys(body).length <= MAX_FIELDS, { error: `at most ${MAX_FIELDS} fields` })
  .refine((body) => typeof body.phone === 'string', { error: 'phone: required, a string' });

export type LeadBody = z.infer<typeof leadBodySchema>;

/** `{flowId}` of the lead route. */
export const leadParamsSchema = z.object({ flowId: z.string() });

/** The published success body of the outbound trigger (extra fields allowed by the contract). */
export const outboundResponseSchema = z.object({
  success: z.literal(true),
  message: z.string(),
  flowId: z.string(),
  conversationId: z.string(),
});

export type OutboundTriggerResponse = z.infer<typeof outboundResponseSchema>;

/** The published success body of the lead route; `variables` are the field names received, in order. */
export const leadResponseSchema = z.object({
  success: z.literal(true),
  message: z.literal('Lead received and flow started'),
  variables: z.array(z.string()),
  conversationId: z.string(),
});

export type LeadResponse = z.infer<typeof leadResponseSchema>;

const errorDoc = (description: string, example: string) => ({
  description,
  schema: errorResponseSchema,
  example: { error: example },
});

/** The error answers both triggers document. */
export const triggerErrorResponses = {
  400: errorDoc(
    'Malformed JSON, wrong types, missing fields, bad phone, a malformed X-Signature-Timestamp, X-Replace-Active: true on a signed request',
    'phone: must be an international number with country code, e.g. +972501234567 (8 to 15 digits)',
  ),
  401: errorDoc(
    "No or invalid credentials (another flow's token, a wrong signature, a signature timestamp outside the tolerance or already used)",
    'Invalid flow credentials',
  ),
  404: errorDoc("Unknown flow or template group, or another user's", 'Flow not found'),
  409: errorDoc(
    'Flow not active, no WhatsApp account, a conversation already open, the customer opted out of this number (nothing is written; they opt back in by writing START), or the Idempotency-Key still in progress',
    'A conversation is already active for +972501234567 (conversation 9b2c…)',
  ),
  413: errorDoc('Body too large', 'Request body is too large'),
  422: errorDoc(
    'Flow graph cannot run for this trigger, template parameters do not fit, or Idempotency-Key reused for another body',
    'Template "order_update" takes 2 parameter(s) in data.templateParams, got 1',
  ),
  503: errorDoc(
    'The run could not be started; nothing was created',
    'The flow run could not be started (workflow service unavailable); nothing was started, retry later',
  ),
};
