/**
 * The `sendCampaignBatch` activity: the next queued recipients of a running campaign, each sent once
 * through the same idempotent send as every other message ({@link deliverMessage}: pacer, send-key
 * claim, Graph, message row), under the send key `campaign/<campaignId>/<recipientId>`.
 *
 * Crash safety. A heartbeat after each recipient carries the id up to which all are done, so a retry after a killed worker
 * starts where the dead attempt stopped; a recipient it had sent but not yet recorded is found by its
 * send key and recorded without a second send.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Context, log } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { CampaignTemplate, SendingWindow } from '../../entities/campaign';
import {
  campaignSendKey,
  type CampaignBatchInput,
  type CampaignBatchResult,
} from '../../workflows/campaign-definitions';
import type { OutgoingMessage } from '../../workflows/engine/engine-action';
import { deliverMessage, type SendWhatsAppMessageDeps } from '../send-whatsapp-message';
import { whatsAppFailureTypes } from '../whatsapp/errors';
import type { SendContext } from '../whatsapp/outbound-message-store';
import { nextWindowOpening } from './campaign-window';
import { readRecipientQuota } from './daily-recipient-quota';

interface BatchCampaign {
  status: string;
  template: CampaignTemplate;
  sendingWindow: SendingWindow | null;
  messagesPerSecond: number;
  whatsappAccountId: string;
  phoneNumberId: string;
  accessTokenEncrypted: string;
  accountMessagesPerSecond: number;
  dailyRecipientLimit: number | null;
}

interface QueuedRecipient {
  id: string;
  phone: string;
  parameters: string[];
  optedOut: boolean;
}

const SECONDS_PER_BATCH = 2;

/** Failures after which no other recipient can be sent either: the batch stops, the campaign pauses. */
const campaignWideFailures = new Set<string>([
  whatsAppFailureTypes.authFailed,
  'WhatsAppCredentialsUnreadable',
]);

/** Sends one batch; see the module comment. */
export async function sendCampaignBatch(
  deps: SendWhatsAppMessageDeps,
  input: CampaignBatchInput,
): Promise<CampaignBatchResult> {
  const { info } = Context.current();
  const campaign = await loadBatchCampaign(deps.dataSource, input.campaignId);
  if (!campaign) return { kind: 'stopped', status: 'gone' };
  if (campaign.status !== 'running') {
    return { kind: 'stopped', status: campaign.status === 'paused' ? 'paused' : 'cancelled' };
  }
  const now = deps.now();
  const opening = campaign.sendingWindow ? nextWindowOpening(campaign.sendingWindow, now) : null;
  if (opening !== null) return { kind: 'wait', reason: 'sending_window', until: opening };
  const quota = await readRecipientQuota(
    deps.dataSource,
    campaign.whatsappAccountId,
    campaign.dailyRecipientLimit,
    now,
  );
  if ('freesAt' in quota) return { kind: 'wait', reason: 'daily_recipient_limit', until: quota.freesAt };

  const resumedAfter = typeof info.heartbeatDetails === 'string' ? info.heartbeatDetails : undefined;
  const after = maxId(input.afterRecipientId, resumedAfter);
  // The campaign's pace, never above the number's throughput.
  const rate = Math.min(campaign.messagesPerSecond, campaign.accountMessagesPerSecond);
  // About two seconds of sending: pause and cancel act between batches, so they act within that.
  const limit = Math.min(input.limit, quota.remaining, Math.max(10, rate * SECONDS_PER_BATCH));
  const recipients = await loadQueuedRecipients(deps.dataSource, input.campaignId, after, limit);
  const context: SendContext = {
    conversationId: null,
    customerPhone: '',
    lastCustomerMessageAt: null,
    whatsappAccountId: campaign.whatsappAccountId,
    phoneNumberId: campaign.phoneNumberId,
    accessTokenEncrypted: campaign.accessTokenEncrypted,
    messagesPerSecond: rate,
  };
  const last = await forEachInOrder(recipients, concurrencyFor(rate), after, async (recipient) => {
    if (recipient.optedOut) await markRecipientSkipped(deps.dataSource, recipient.id);
    else
      await sendToRecipient(
        deps,
        input.campaignId,
        { ...context, customerPhone: recipient.phone },
        recipient,
        campaign.template,
      );
  });
  return { kind: 'sent', lastRecipientId: last, handled: recipients.length, done: recipients.length < limit };
}

async function sendToRecipient(
  deps: SendWhatsAppMessageDeps,
  campaignId: string,
  context: SendContext,
  recipient: QueuedRecipient,
  template: CampaignTemplate,
): Promise<void> {
  const sendKey = campaignSendKey(campaignId, recipient.id);
  try {
    const sent = await deliverMessage(deps, context, {
      sendKey,
      message: toTemplateMessage(template, recipient.parameters),
      lastCustomerMessageAt: null,
    });
    await recordRecipientSent(deps.dataSource, recipient.id, sent.messageId, sent.waMessageId);
  } catch (error) {
    if (
      !(error instanceof ApplicationFailure) ||
      !error.nonRetryable ||
      campaignWideFailures.has(error.type ?? '')
    ) {
      throw error;
    }
    if (error.type === whatsAppFailureTypes.recipientOptedOut) {
      await markRecipientSkipped(deps.dataSource, recipient.id);
      return;
    }
    log.warn('Campaign recipient failed', { campaignId, recipientId: recipient.id, failureType: error.type });
    await markRecipientFailed(deps.dataSource, recipient.id, sendKey);
  }
}

/**
 * Sends in flight at once: one send is a few database statements and a Graph round trip (~10 ms
 * here, more against Meta), so one at a time tops out near 100/s whatever the pace. The pacer still
 * spaces every send by 1/pace; this only keeps enough of them in flight to meet it.
 */
function concurrencyFor(rate: number): number {
  return Math.min(32, Math.max(1, Math.ceil(rate / 25)));
}

/**
 * Runs `handle` for each recipient, `concurrency` at a time, heartbeating the id of the last
 * recipient before which every one is done (so a retry resumes without skipping one still in
 * flight). On the first failure nothing new starts; the ones in flight finish; the failure is thrown.
 * Returns the id of the last recipient (or `after` when there were none).
 */
async function forEachInOrder(
  recipients: QueuedRecipient[],
  concurrency: number,
  after: string,
  handle: (recipient: QueuedRecipient) => Promise<void>,
): Promise<string> {
  const done = new Array<boolean>(recipients.length).fill(false);
  let next = 0;
  let prefix = -1;
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined && next < recipients.length) {
      const index = next++;
      try {
        await handle(recipients[index]);
      } catch (error) {
        failure ??= error;
        return;
      }
      done[index] = true;
      const before = prefix;
      while (prefix + 1 < recipients.length && done[prefix + 1]) prefix++;
      if (prefix > before) Context.current().heartbeat(recipients[prefix].id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, recipients.length) }, lane));
  if (failure !== undefined) throw failure;
  return recipients.at(-1)?.id ?? after;
}

/** The template with this recipient's parameters: the header's first, then the body's. */
function toTemplateMessage(template: CampaignTemplate, parameters: string[]): OutgoingMessage {
  const headerCount = template.headerParamCount ?? 0;
  return {
    kind: 'template',
    name: template.name,
    language: template.language,
    ...(headerCount > 0 ? { headerParams: parameters.slice(0, headerCount) } : {}),
    bodyParams: parameters.slice(headerCount),
  };
}

/** Recipient ids are bigints as text: compare by length, then lexically. */
function maxId(a: string, b: string | undefined): string {
  if (b === undefined) return a;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a > b ? a : b;
}

async function loadBatchCampaign(dataSource: DataSource, campaignId: string): Promise<BatchCampaign | null> {
  const rows: BatchCampaign[] = await dataSource.query(
    `SELECT k.status, k.template, k."sendingWindow", k."messagesPerSecond", a.id AS "whatsappAccountId",
            a."phoneNumberId", a."accessTokenEncrypted", a."messagesPerSecond" AS "accountMessagesPerSecond",
            a."dailyRecipientLimit"
       FROM campaigns k JOIN whatsapp_accounts a ON a.id = k."whatsappAccountId"
      WHERE k.id = $1`,
    [campaignId],
  );
  return rows[0] ?? null;
}

/** Queued recipients after `after`, with whether their contact has opted out by now. */
async function loadQueuedRecipients(
  dataSource: DataSource,
  campaignId: string,
  after: string,
  limit: number,
): Promise<QueuedRecipient[]> {
  return dataSource.query(
    `SELECT r.id::text AS id, r.phone, r.parameters, COALESCE(c."optState" = 'opted_out', false) AS "optedOut"
       FROM campaign_recipients r
       LEFT JOIN contacts c ON c."whatsappAccountId" = r."whatsappAccountId" AND c.phone = r.phone
      WHERE r."campaignId" = $1 AND r.status = 'queued' AND r.id > $2::bigint
      ORDER BY r.id
      LIMIT $3`,
    [campaignId, after, limit],
  );
}

/** Sent, or further already when a status webhook beat us to it (the message row knows). */
async function recordRecipientSent(
  dataSource: DataSource,
  recipientId: string,
  messageId: string,
  waMessageId: string,
): Promise<void> {
  await dataSource.query(
    `UPDATE campaign_recipients r
        SET status = CASE WHEN m.status IN ('delivered', 'read', 'failed') THEN m.status ELSE 'sent' END,
            "errorCode" = m."errorCode", "messageId" = $2, "waMessageId" = $3, "sentAt" = now(), "updatedAt" = now()
       FROM messages m
      WHERE r.id = $1 AND m.id = $2 AND r.status = 'queued'`,
    [recipientId, messageId, waMessageId],
  );
}

/** An opted-out contact: nothing goes out, and the campaign says so. */
async function markRecipientSkipped(dataSource: DataSource, recipientId: string): Promise<void> {
  await dataSource.query(
    `UPDATE campaign_recipients SET status = 'skipped_opted_out', "updatedAt" = now()
      WHERE id = $1 AND status = 'queued'`,
    [recipientId],
  );
}

/** Failed with Meta's error code, as the send recorded it on the message row. */
async function markRecipientFailed(
  dataSource: DataSource,
  recipientId: string,
  sendKey: string,
): Promise<void> {
  await dataSource.query(
    `WITH m AS (SELECT id, "errorCode" FROM messages WHERE "sendKey" = $2)
     UPDATE campaign_recipients
        SET status = 'failed', "messageId" = (SELECT id FROM m),
            "errorCode" = COALESCE((SELECT "errorCode" FROM m), 'unknown'), "updatedAt" = now()
      WHERE id = $1 AND status = 'queued'`,
    [recipientId, sendKey],
  );
}
