/**
 * Meta's messaging limit of a business number: how many unique customers it may still message
 * outside a customer-service window in the moving 24 hours. Counted from what FlowBot sent
 * business-initiated: campaign recipients and conversations opened by outbound triggers and leads.
 */
import type { DataSource } from 'typeorm';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Room left now, or when there is none, the moment the oldest counted send leaves the 24 hours. */
export type RecipientQuota = { remaining: number } | { remaining: 0; freesAt: number };

/** The quota of `whatsappAccountId` under `limit` (null = unlimited) at `now` (epoch ms). */
export async function readRecipientQuota(
  dataSource: DataSource,
  whatsappAccountId: string,
  limit: number | null,
  now: number,
): Promise<RecipientQuota> {
  if (limit === null) return { remaining: Number.POSITIVE_INFINITY };
  const rows: { unique: number; oldest: Date | null }[] = await dataSource.query(
    `WITH recent AS (
       SELECT phone, "sentAt" AS at FROM campaign_recipients
        WHERE "whatsappAccountId" = $1 AND "sentAt" > $2
       UNION ALL
       SELECT "customerPhone", "createdAt" FROM conversations
        WHERE "whatsappAccountId" = $1 AND "createdAt" > $2 AND "triggerSource" IN ('outbound', 'lead'))
     SELECT count(DISTINCT phone)::int AS unique, min(at) AS oldest FROM recent`,
    [whatsappAccountId, new Date(now - DAY_MS)],
  );
  const { unique, oldest } = rows[0];
  if (unique < limit) return { remaining: limit - unique };
  return { remaining: 0, freesAt: (oldest ? oldest.getTime() : now) + DAY_MS };
}
