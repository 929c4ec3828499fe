import type { DataSource } from 'typeorm';
import type { MessageStatusUpdate } from '../schemas/whatsapp-webhook';

/** How far along a message is; a status only ever moves to a higher rank. */
const RANK_SQL = `CASE status WHEN 'pending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                              WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 5 END`;
const RANKS = { sent: 1, delivered: 2, read: 3, failed: 4 } as const;
/** A campaign recipient on the same scale; a reply (or a skip) is never overwritten by a receipt. */
const RECIPIENT_RANK_SQL = `CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
                                        WHEN 'read' THEN 3 ELSE 5 END`;

/**
 * Applies one delivery status to our outbound message. Statuses arrive out of order (and `delivered`
 * may be skipped), so a status never moves a message backwards: a late `delivered` after `read`
 * changes nothing. `failed` wins over everything and carries Meta's error (e.g. a late 131047
 * "Re-engagement message"). A pending row whose send never learned its wamid is completed through
 * `biz_opaque_callback_data` (our send key). A campaign recipient follows its message (sent →
 * delivered → read, or failed with Meta's code). Returns whether a message changed.
 */
export async function applyStatusUpdate(
  dataSource: DataSource,
  accountId: string,
  update: MessageStatusUpdate,
): Promise<boolean> {
  if (update.biz_opaque_callback_data) {
    await dataSource.query(
      `UPDATE messages SET "waMessageId" = $3, status = 'sent', "errorCode" = NULL, "errorTitle" = NULL,
              "updatedAt" = now()
        WHERE "sendKey" = $2 AND "whatsappAccountId" = $1 AND "waMessageId" IS NULL
          AND NOT EXISTS (SELECT 1 FROM messages WHERE "waMessageId" = $3)`,
      [accountId, update.biz_opaque_callback_data, update.id],
    );
  }
  const error = update.status === 'failed' ? update.errors?.[0] : undefined;
  // One statement: the message moves, and so does the campaign recipient it was sent to, if any.
  const changed: { id: string }[] = await dataSource.query(
    `WITH moved AS (
       UPDATE messages
          SET status = $3,
              "errorCode" = COALESCE($4, "errorCode"),
              "errorTitle" = COALESCE($5, "errorTitle"),
              "updatedAt" = now()
        WHERE "waMessageId" = $2 AND "whatsappAccountId" = $1 AND direction = 'outbound'
          AND ${RANK_SQL} < $6
        RETURNING id),
     recipient AS (
       UPDATE campaign_recipients
          SET status = $3, "errorCode" = COALESCE($4, "errorCode"), "updatedAt" = now()
        WHERE "messageId" IN (SELECT id FROM moved) AND ${RECIPIENT_RANK_SQL} < $6)
     SELECT id FROM moved`,
    [
      accountId,
      update.id,
      update.status,
      error ? String(error.code) : null,
      error?.title?.slice(0, 500) ?? null,
      RANKS[update.status],
    ],
  );
  return changed.length > 0;
}
