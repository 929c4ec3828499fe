/** Bodies and answers of the campaign routes (`/api/campaigns…`). */
import { z } from 'zod';
import { CAMPAIGN_STATUSES } from '../../entities/campaign';
import { CAMPAIGN_RECIPIENT_STATUSES } from '../../entities/campaign-recipient';
import { parseParameterText } from '../../workflows/campaign-parameters';
import { contactFilterSchema } from '../contacts/contact-filter';
import { templateDefinitionSchema } from './template-groups';

const E164 = /^\+[1-9]\d{6,14}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One template parameter: text with `{{name}}`, `{{phone}}`, `{{attr.<key>}}`, `{{name|default}}`. */
const parameterText = z
  .string()
  .max(1024)
  .superRefine((text, ctx) => {
    try {
      parseParameterText(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

/** The template: by name and language, or picked from a template group (then its name and counts apply). */
export const campaignTemplateSchema = z
  .object({
    templateGroupId: z.uuid().optional(),
    name: templateDefinitionSchema.shape.name.optional(),
    language: templateDefinitionSchema.shape.language.optional(),
    headerParamCount: z.number().int().min(0).max(1).optional(),
    parameters: z.array(parameterText).max(100).default([]),
  })
  .strict()
  .refine((template) => template.templateGroupId !== undefined || (template.name && template.language), {
    message: 'give templateGroupId, or name and language',
  });

const listedRecipient = z
  .object({
    phone: z.string().regex(E164, { error: 'must be an E.164 phone number such as +15551234567' }),
    name: z.string().max(200).optional(),
    attributes: z.record(z.string().min(1).max(100), z.string().max(1000)).optional(),
  })
  .strict();

/** Who gets it: contacts matching a filter, an explicit list, or a CSV text (header row: phone,name,…). */
export const campaignAudienceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('filter'), filter: contactFilterSchema }).strict(),
  z.object({ type: z.literal('list'), recipients: z.array(listedRecipient).min(1).max(100_000) }).strict(),
  z.object({ type: z.literal('csv'), csv: z.string().min(1).max(2_000_000) }).strict(),
]);

export const sendingWindowSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' }),
    /** Weekdays, 0 = Sunday. */
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    from: z.string().regex(TIME, { error: 'must be HH:MM' }),
    to: z.string().regex(TIME, { error: 'must be HH:MM' }),
  })
  .strict()
  .refine((window) => window.from < window.to, { message: 'from must be before to (same day)' });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  whatsappAccountId: z.uuid(),
  template: campaignTemplateSchema,
  audience: campaignAudienceSchema,
  replyFlowId: z.uuid().nullable().optional(),
  startAt: z.iso.datetime({ offset: true }).nullable().optional(),
  sendingWindow: sendingWindowSchema.nullable().optional(),
  /** The campaign's pace; the number's own messagesPerSecond bounds it. */
  messagesPerSecond: z.number().int().min(1).max(1000).default(20),
};

/** `POST /api/campaigns`: a draft. */
export const createCampaignBodySchema = z.object(campaignFields).strict();

/** `PATCH /api/campaigns/{id}`: any subset, drafts only. */
export const updateCampaignBodySchema = z
  .object({ ...campaignFields, messagesPerSecond: campaignFields.messagesPerSecond.optional() })
  .partial()
  .strict();

export const campaignIdParamsSchema = z.object({ id: z.string() });

const statusEnum = z.enum(CAMPAIGN_STATUSES);
const recipientStatusEnum = z.enum(CAMPAIGN_RECIPIENT_STATUSES);

export const listCampaignsQuerySchema = z.object({
  status: statusEnum.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const listRecipientsQuerySchema = z.object({
  status: recipientStatusEnum.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Recipients after this recipient id (from the previous page's `nextAfter`). */
  after: z
    .string()
    .regex(/^\d{1,18}$/, { error: 'after must be a recipient id' })
    .optional(),
});

/** Recipients per status, and `total`. */
const totalsSchema = z.object({
  total: z.number(),
  ...Object.fromEntries(CAMPAIGN_RECIPIENT_STATUSES.map((status) => [status, z.number()])),
});

export const campaignSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  whatsappAccountId: z.uuid(),
  template: z.record(z.string(), z.unknown()),
  audience: z.record(z.string(), z.unknown()),
  replyFlowId: z.uuid().nullable(),
  startAt: z.iso.datetime().nullable(),
  sendingWindow: sendingWindowSchema.nullable(),
  messagesPerSecond: z.number(),
  status: statusEnum,
  /** Why a running campaign is not sending right now, and until when. */
  waitingFor: z.string().nullable(),
  waitingUntil: z.iso.datetime().nullable(),
  startedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  totals: totalsSchema.optional(),
});

export const recipientSchema = z.object({
  id: z.string(),
  phone: z.string(),
  contactId: z.uuid().nullable(),
  parameters: z.array(z.string()),
  status: recipientStatusEnum,
  errorCode: z.string().nullable(),
  waMessageId: z.string().nullable(),
  sentAt: z.iso.datetime().nullable(),
  repliedAt: z.iso.datetime().nullable(),
});

export const recipientPageSchema = z.object({
  recipients: z.array(recipientSchema),
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: z.string().nullable(),
});

const exampleTotals = {
  total: 3,
  queued: 0,
  sent: 0,
  delivered: 1,
  read: 1,
  failed: 0,
  replied: 1,
  skipped_opted_out: 0,
};

export const campaignExample = {
  id: '7f1c2d3e-0000-4000-8000-000000000001',
  name: 'Spring sale',
  whatsappAccountId: '7f1c2d3e-0000-4000-8000-0000000000aa',
  template: { name: 'spring_sale', language: 'en', parameters: ['{{name|there}}', '{{attr.city}}'] },
  audience: { type: 'filter', filter: { tags: ['vip'] } },
  replyFlowId: null,
  startAt: '2026-04-01T09:00:00.000Z',
  sendingWindow: { timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5], from: '09:00', to: '18:00' },
  messagesPerSecond: 20,
  status: 'completed',
  waitingFor: null,
  waitingUntil: null,
  startedAt: '2026-04-01T09:00:00.120Z',
  endedAt: '2026-04-01T09:00:01.020Z',
  createdAt: '2026-03-30T10:00:00.000Z',
  updatedAt: '2026-04-01T09:00:01.020Z',
  totals: exampleTotals,
};
