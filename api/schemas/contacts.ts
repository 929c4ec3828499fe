/** Query strings and bodies of the contact routes (`/api/contacts…`). */
import { z } from 'zod';
import type { contactFilterSchema } from '../contacts/contact-filter';
import { limitSchema, offsetSchema } from './conversations';

const optStateSchema = z.enum(['unknown', 'opted_in', 'opted_out'], {
  error: 'optState must be one of unknown, opted_in, opted_out',
});
const tagsSchema = z.array(z.string().trim().min(1).max(100)).max(50);
const attributesSchema = z
  .record(z.string().trim().min(1).max(100), z.string().max(1000))
  .refine((attributes) => Object.keys(attributes).length <= 100, { error: 'at most 100 attributes' });
const nameSchema = z.string().trim().min(1).max(200).nullable();

/** The `attr.<key>` query parameters: attributes a listed contact must hold exactly. */
const ATTRIBUTE_PREFIX = 'attr.';

/**
 * `GET /api/contacts?whatsappAccountId=…&tag=vip&tag=2024&attr.city=Haifa&optState=opted_in&limit=50&offset=0`:
 * every condition must hold (the contact filter of api/contacts/contact-filter.ts).
 */
export const listContactsQuerySchema = z
  .object({
    limit: limitSchema,
    offset: offsetSchema,
    whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be a UUID' }).optional(),
    /** Repeat for several tags: contacts carrying all of them. */
    tag: z.union([z.string(), z.array(z.string())]).optional(),
    optState: optStateSchema.optional(),
  })
  .catchall(z.string({ error: 'give each attr.<key> once' }))
  .superRefine((query, ctx) => {
    for (const key of Object.keys(query)) {
      if (
        !['limit', 'offset', 'whatsappAccountId', 'tag', 'optState'].includes(key) &&
        !key.startsWith(ATTRIBUTE_PREFIX)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'unknown parameter (attribute filters are attr.<key>=<value>)',
        });
      }
    }
  });

/** The list query as a page and the shared contact filter; the `attr.` prefix is taken off. */
export function toContactListRequest(query: z.output<typeof listContactsQuerySchema>): {
  page: { limit: number; offset: number };
  filter: z.input<typeof contactFilterSchema>;
} {
  const { limit, offset, whatsappAccountId, tag, optState, ...rest } = query;
  const attributes = Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [key.slice(ATTRIBUTE_PREFIX.length), String(value)]),
  );
  return {
    page: { limit, offset },
    filter: {
      whatsappAccountId,
      tags: tag === undefined ? undefined : [tag].flat(),
      attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
      optState,
    },
  };
}

/** `{id}` of a contact route; anything but a UUID is simply not found. */
export const contactIdParamsSchema = z.object({ id: z.string() });

/** `POST /api/contacts`. */
export const createContactBodySchema = z
  .object({
    whatsappAccountId: z.uuid({ error: 'must be one of your WhatsApp account ids (UUID)' }),
    /** International format with the country code; stored as E.164. */
    phone: z.string().min(1).max(32),
    name: nameSchema.optional(),
    attributes: attributesSchema.optional(),
    tags: tagsSchema.optional(),
    optState: optStateSchema.optional(),
  })
  .strict();

/** `PATCH /api/contacts/{id}`: any subset; `attributes` and `tags` replace the stored ones. */
export const updateContactBodySchema = z
  .object({ name: nameSchema, attributes: attributesSchema, tags: tagsSchema, optState: optStateSchema })
  .partial()
  .strict();

/** `POST /api/contacts/import?whatsappAccountId=…` (body: text/csv). */
export const importContactsQuerySchema = z.object({
  whatsappAccountId: z.uuid({ error: 'whatsappAccountId must be one of your WhatsApp account ids (UUID)' }),
});

export const contactSchema = z.object({
  id: z.uuid(),
  whatsappAccountId: z.uuid(),
  phone: z.string(),
  name: z.string().nullable(),
  attributes: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  optState: optStateSchema,
  optStateAt: z.iso.datetime().nullable(),
  /** What last changed optState: `api`, `import`, `keyword`. */
  optStateSource: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const contactExample = {
  id: 'contact-uuid',
  whatsappAccountId: 'account-uuid',
  phone: '+972501234567',
  name: 'John Doe',
  attributes: { city: 'Haifa', plan: 'Premium' },
  tags: ['vip', 'newsletter'],
  optState: 'opted_in',
  optStateAt: '2025-01-20T14:30:00.000Z',
  optStateSource: 'api',
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-20T14:30:00.000Z',
};

export const importContactsResponseSchema = z.object({
  success: z.literal(true),
  created: z.number().int(),
  updated: z.number().int(),
});

/** A refused import: nothing was imported; each bad row with its line number (the header is line 1). */
export const importContactsRefusedSchema = z.object({
  error: z.string(),
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
