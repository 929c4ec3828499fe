/**
 * The rows behind an idempotent send: a `messages` row claimed by its unique `sendKey` before Graph is
 * called, then completed with the wamid. Plain SQL through TypeORM's DataSource: each step is one
 * statement, and `ON CONFLICT` is the point.
 */
import type { DataSource } from 'typeorm';
import { recordWebhookEvent } from '../../entities/webhook-outbox';
import { OPT_OUT_CONFIRMATION_WORKFLOW_PREFIX } from '../../workflows/definitions';
import type { OutgoingMessage } from '../../workflows/engine/engine-action';
import { createRecipientOptedOutFailure } from './errors';
import { summarizeOutgoingMessage, toWhatsAppMessageType } from './summarize-message';

/** What a send needs to know about its conversation and business number. */
export interface SendContext {
  /** Null for a send outside any conversation (a campaign recipient). */
  conversationId: string | null;
  customerPhone: string;
  lastCustomerMessageAt: Date | null;
  whatsappAccountId: string;
  phoneNumberId: string;
  accessTokenEncrypted: string;
  messagesPerSecond: number;
}

/**
 * Who holds a send key's row. `owned`: this attempt may call Graph. `sent`: an earlier attempt already
 * got the wamid. `in-flight`: another attempt claimed it moments ago and may still be calling Graph
 * (Temporal can start a retry while a timed-out attempt still runs).
 */
export type ClaimedSend =
  | {
      state: 'owned';
      messageId: string;
      /** True when this attempt created the row. */
      created: boolean;
      /** The failure an earlier attempt recorded (`130429`, `outcome_unknown`, …); null after a crash. */
      previousErrorCode: string | null;
    }
  | { state: 'sent'; messageId: string; waMessageId: string }
  | { state: 'in-flight'; messageId: string; retryInMs: number };

/** Loads the conversation with its business number, or null when the conversation does not exist. */
export async function loadSendContext(
  dataSource: DataSource,
  conversationId: string,
): Promise<SendContext | null> {
  const rows: SendContext[] = await dataSource.query(
    `SELECT c.id AS "conversationId", c."customerPhone", c."lastCustomerMessageAt",
            a.id AS "whatsappAccountId", a."phoneNumberId", a."accessTokenEncrypted", a."messagesPerSecond"
       FROM conversations c JOIN whatsapp_accounts a ON a.id = c."whatsappAccountId"
      WHERE c.id = $1`,
    [conversationId],
  );
  return rows[0] ?? null;
}

/** `messages.errorCode` of a send refused because the customer opted out. */
export const OPTED_OUT_ERROR_CODE = 'opted_out';

const optedOutTitle = 'Not sent: the customer has opted out of messages from this business number';

/**
 * Claims the outbound row for `sendKey` as a lease: inserts it pending, or takes over a row whose
 * earlier attempt ended without a wamid (it recorded a failure, or its lease of `leaseMs` expired —
 * the attempt crashed). The unique index on `sendKey` and the conditional upsert make concurrent
 * attempts agree on one owner.
 *
 * Opt-out is enforced here, in the same statement, because every send path claims its row first:
 * when the conversation's customer has opted out of the business number, the row is recorded
 * `failed` with `errorCode` `opted_out` and a non-retryable `WhatsAppRecipientOptedOut` is thrown,
 * so nothing reaches Graph. Checking at claim time (not when the run started) also stops sends that
 * were already scheduled when the customer wrote STOP.
 */
export async function claimSend(
  dataSource: DataSource,
  context: SendContext,
  sendKey: string,
  message: OutgoingMessage,
  leaseMs: number,
): Promise<ClaimedSend> {
  const claimed: { id: string; created: boolean; previousErrorCode: string | null; optedOut: boolean }[] =
    await dataSource.query(
      `WITH previous AS (SELECT "errorCode" FROM messages WHERE "sendKey" = $5),
           refused AS (
             SELECT 1 FROM contacts
              WHERE "whatsappAccountId" = $2 AND phone = $7 AND "optState" = 'opted_out' AND NOT $8::boolean)
     INSERT INTO messages ("conversationId", "whatsappAccountId", direction, type, content, "sendKey", status,
                           "errorCode", "errorTitle")
     VALUES ($1, $2, 'outbound', $3, $4, $5,
             CASE WHEN EXISTS (SELECT 1 FROM refused) THEN 'failed' ELSE 'pending' END,
             CASE WHEN EXISTS (SELECT 1 FROM refused) THEN $9 END,
             CASE WHEN EXISTS (SELECT 1 FROM refused) THEN $10 END)
     ON CONFLICT ("sendKey") DO UPDATE
        SET status = EXCLUDED.status, "errorCode" = EXCLUDED."errorCode", "errorTitle" = EXCLUDED."errorTitle",
            "updatedAt" = clock_timestamp()
      WHERE messages."waMessageId" IS NULL
        AND (messages."errorCode" IS NOT NULL
             OR messages."updatedAt" < clock_timestamp() - make_interval(secs => $6::double precision / 1000))
     RETURNING id, (xmax = 0) AS created, (SELECT "errorCode" FROM previous) AS "previousErrorCode",
               "errorCode" IS NOT DISTINCT FROM $9 AS "optedOut"`,
      [
        context.conversationId,
        context.whatsappAccountId,
        toWhatsAppMessageType(message),
        JSON.stringify(message),
        sendKey,
        leaseMs,
        context.customerPhone,
        // The confirmation of the opt-out itself (its send key starts with its workflow id).
        sendKey.startsWith(OPT_OUT_CONFIRMATION_WORKFLOW_PREFIX),
        OPTED_OUT_ERROR_CODE,
        optedOutTitle,
      ],
    );
  if (claimed[0]?.optedOut) throw createRecipientOptedOutFailure(optedOutTitle);
  const owned = claimed[0];
  if (owned) {
    return {
      state: 'owned',
      messageId: owned.id,
      created: owned.created,
      previousErrorCode: owned.previousErrorCode,
    };
  }
  const existing: { id: string; waMessageId: string | null; leaseLeftMs: number }[] = await dataSource.query(
    `SELECT id, "waMessageId",
            GREATEST(0, EXTRACT(EPOCH FROM ("updatedAt" - clock_timestamp())) * 1000 + $2)::float8 AS "leaseLeftMs"
       FROM messages WHERE "sendKey" = $1`,
    [sendKey, leaseMs],
  );
  const row = existing[0];
  if (!row) throw new Error(`Send key ${sendKey} conflicted but no row holds it`);
  if (row.waMessageId) return { state: 'sent', messageId: row.id, waMessageId: row.waMessageId };
  return { state: 'in-flight', messageId: row.id, retryInMs: Math.ceil(row.leaseLeftMs) };
}

/**
 * Records Graph's acceptance and the conversation's last message in one statement, so the wamid is
 * durable as soon as possible after Graph answered.
 */
export async function recordSent(
  dataSource: DataSource,
  messageId: string,
  waMessageId: string,
  message: OutgoingMessage,
): Promise<void> {
  await dataSource.query(
    `WITH sent AS (
       UPDATE messages
          SET "waMessageId" = $2, status = 'sent', "errorCode" = NULL, "errorTitle" = NULL, "updatedAt" = now()
        WHERE id = $1
        RETURNING "conversationId")
     UPDATE conversations SET "lastMessage" = $3, "updatedAt" = now()
      WHERE id = (SELECT "conversationId" FROM sent)`,
    [messageId, waMessageId, summarizeOutgoingMessage(message)],
  );
}

/**
 * Notes why an attempt failed. `final` marks the row failed (no attempt will follow); otherwise it stays
 * pending for the retry, carrying the error for audits. A row that becomes failed records the
 * tenant's `message.failed` webhooks in the same transaction; their delivery ids are returned.
 */
export async function recordSendFailure(
  dataSource: DataSource,
  messageId: string,
  failure: { code: string; title: string; final: boolean },
  recipient: Pick<SendContext, 'customerPhone'>,
): Promise<string[]> {
  const title = failure.title.slice(0, 500);
  if (!failure.final) {
    await dataSource.query(
      `UPDATE messages SET "errorCode" = $2, "errorTitle" = $3, "updatedAt" = now()
        WHERE id = $1 AND "waMessageId" IS NULL`,
      [messageId, failure.code, title],
    );
    return [];
  }
  return await dataSource.transaction(async (manager) => {
    const [rows]: [
      { conversationId: string | null; whatsappAccountId: string; userId: string; previousStatus: string }[],
      number,
    ] = await manager.query(
      `UPDATE messages m SET status = 'failed', "errorCode" = $2, "errorTitle" = $3, "updatedAt" = now()
         FROM (SELECT id AS "messageId", status AS "previousStatus" FROM messages WHERE id = $1 FOR UPDATE) previous
        WHERE m.id = previous."messageId" AND m."waMessageId" IS NULL
        RETURNING m."conversationId", m."whatsappAccountId", previous."previousStatus",
                  (SELECT "userId" FROM whatsapp_accounts a WHERE a.id = m."whatsappAccountId") AS "userId"`,
      [messageId, failure.code, title],
    );
    const row = rows[0];
    if (!row || row.previousStatus === 'failed') return [];
    return await recordWebhookEvent(manager, {
      userId: row.userId,
      type: 'message.failed',
      data: {
        messageId,
        conversationId: row.conversationId,
        whatsappAccountId: row.whatsappAccountId,
        phone: recipient.customerPhone,
        errorCode: failure.code,
        errorTitle: title,
      },
    });
  });
}

/** How an earlier attempt left a send key: sent (with its wamid), or failed for good. */
export type FinishedSend =
  | { sent: true; messageId: string; waMessageId: string }
  | { sent: false; messageId: string; errorCode: string | null; errorTitle: string | null };

/**
 * The sends among `sendKeys` that an earlier attempt finished: Graph accepted them, or they failed
 * for good (`status = 'failed'` without a wamid). Keys still pending are left out: they are claimed again.
 */
export async function findFinishedSends(
  dataSource: DataSource,
  sendKeys: string[],
): Promise<Map<string, FinishedSend>> {
  const rows: {
    sendKey: string;
    id: string;
    waMessageId: string | null;
    errorCode: string | null;
    errorTitle: string | null;
  }[] = await dataSource.query(
    `SELECT "sendKey", id, "waMessageId", "errorCode", "errorTitle" FROM messages
      WHERE "sendKey" = ANY($1::text[]) AND ("waMessageId" IS NOT NULL OR status = 'failed')`,
    [sendKeys],
  );
  return new Map(
    rows.map((row): [string, FinishedSend] => [
      row.sendKey,
      row.waMessageId
        ? { sent: true, messageId: row.id, waMessageId: row.waMessageId }
        : { sent: false, messageId: row.id, errorCode: row.errorCode, errorTitle: row.errorTitle },
    ]),
  );
}
