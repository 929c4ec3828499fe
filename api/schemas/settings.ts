/** Bodies of the settings routes (`/api/settings/…`). */
import { z } from 'zod';

/** `GET /api/settings/api-access`. */
export const apiAccessStatusSchema = z.object({
  /** The current client id, or null before the first rotation. */
  clientId: z.string().nullable(),
  /** Whether an admin approved API usage for this account. */
  approved: z.boolean(),
  rotatedAt: z.iso.datetime().nullable(),
});

/** `POST /api/settings/api-access/rotate`: the key is shown this once. */
export const rotatedApiCredentialsSchema = z.object({
  clientId: z.string(),
  apiKey: z.string(),
  rotatedAt: z.iso.datetime(),
});
