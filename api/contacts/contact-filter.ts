/**
 * Which contacts a list, an export or a campaign audience means: every condition must hold. Shared by
 * the contacts routes and campaigns so "the same filter" always selects the same people.
 */
import { z } from 'zod';

export const contactFilterSchema = z
  .object({
    whatsappAccountId: z.uuid().optional(),
    /** Contacts carrying every one of these tags. */
    tags: z.array(z.string().min(1).max(100)).max(20).optional(),
    /** Contacts whose attributes hold every one of these key/value pairs exactly. */
    attributes: z.record(z.string().min(1).max(100), z.string().max(1000)).optional(),
    optState: z.enum(['unknown', 'opted_in', 'opted_out']).optional(),
  })
  .strict();

export type ContactFilter = z.infer<typeof contactFilterSchema>;

/**
 * The WHERE clause (without the keyword) selecting `userId`'s contacts that match, aliased `c`, with
 * its parameters numbered from `firstParameter` (so callers can put their own before it).
 */
export function contactFilterSql(
  userId: string,
  filter: ContactFilter,
  firstParameter = 1,
): { where: string; parameters: unknown[] } {
  const parameters: unknown[] = [userId];
  const next = (value: unknown) => {
    parameters.push(value);
    return `$${firstParameter + parameters.length - 1}`;
  };
  const conditions = [`c."userId" = $${firstParameter}`];
  if (filter.whatsappAccountId) conditions.push(`c."whatsappAccountId" = ${next(filter.whatsappAccountId)}`);
  if (filter.tags?.length) conditions.push(`c.tags @> ${next(filter.tags)}::text[]`);
  if (filter.attributes && Object.keys(filter.attributes).length > 0)
    conditions.push(`c.attributes @> ${next(JSON.stringify(filter.attributes))}::jsonb`);
  if (filter.optState) conditions.push(`c."optState" = ${next(filter.optState)}`);
  return { where: conditions.join(' AND '), parameters };
}
