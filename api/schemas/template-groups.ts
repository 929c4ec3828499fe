/** Bodies of the template group routes (`/api/template-groups…`). */
import { z } from 'zod';

/** One approved WhatsApp template as FlowBot needs to know it. */
export const templateDefinitionSchema = z.object({
  /** The template's name in WhatsApp Manager: lowercase letters, digits and underscores. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, {
    error: 'must be lowercase letters, digits or _ (as in WhatsApp Manager)',
  }),
  /** Language code as WhatsApp writes it: `en`, `en_US`, `pt_BR`. */
  language: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/, { error: 'must be a language code such as en or en_US' }),
  category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).optional(),
  /** Number of `{{n}}` parameters in the body. */
  bodyParamCount: z.number().int().min(0).max(100),
  /** Number of parameters in a text header (WhatsApp allows at most one). */
  headerParamCount: z.number().int().min(0).max(1).optional(),
  /** The template's buttons as WhatsApp Manager shows them (kept as given). */
  buttons: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
});

const templates = z.array(templateDefinitionSchema).max(200);

/** `{id}` of a template group route; anything but a UUID is simply not found. */
export const templateGroupIdParamsSchema = z.object({ id: z.string() });

/** `GET /api/template-groups?userId=…` (admins only). */
export const listTemplateGroupsQuerySchema = z.object({
  userId: z.uuid({ error: 'must be a user id (UUID)' }).optional(),
});

/** `POST /api/template-groups`. */
export const createTemplateGroupBodySchema = z.object({
  name: z.string().trim().min(1).max(200),
  templates: templates.default([]),
});

/** `PUT`/`PATCH /api/template-groups/{id}`: any subset; `templates` replaces the list. */
export const updateTemplateGroupBodySchema = z
  .object({ name: z.string().trim().min(1).max(200), templates })
  .partial()
  .strict();

export const templateGroupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  templates: z.array(templateDefinitionSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const templateGroupExample = {
  id: 'template-group-uuid',
  name: 'Order updates',
  templates: [
    { name: 'order_update', language: 'en', category: 'UTILITY', bodyParamCount: 2 },
    {
      name: 'login_code',
      language: 'en',
      category: 'AUTHENTICATION',
      bodyParamCount: 1,
      buttons: [{ type: 'URL' }],
    },
  ],
  createdAt: '2025-01-15T10:00:00.000Z',
  updatedAt: '2025-01-20T14:30:00.000Z',
};
