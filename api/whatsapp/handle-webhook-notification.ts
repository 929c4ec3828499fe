/**
 * One verified POST from Meta: routes every `messages` change to its business number by
 * `phone_number_id`, ingests customer messages and applies delivery statuses. Entries we cannot use
 * (unknown number, other fields, odd shapes) are logged and acknowledged: answering non-2xx for them
 * would only make Meta redeliver them for days. Text PostgreSQL cannot store (NUL, unpaired
 * surrogates) is repaired to U+FFFD rather than refused: refusing would drop the batch's good
 * messages with it. And one message that fails never keeps the next ones from being stored.
 */
import type { DataSource } from 'typeorm';
import type { ConversationServiceDeps } from '../conversations/start-conversation';
import { replaceMalformedText } from '../routing/malformed-text';
import {
  inboundMessageSchema,
  messagesChangeSchema,
  notificationSchema,
  statusSchema,
} from '../schemas/whatsapp-webhook';
import { applyStatusUpdate } from './apply-status-update';
import { ingestCustomerMessage, type IngestOutcome, type ReceivingAccount } from './ingest-customer-message';
import { CAMPAIGN_REPLY_DAYS } from './mark-campaign-reply';

/** What one notification did; the route logs it. */
export interface NotificationSummary {
  messages: Partial<Record<IngestOutcome, number>>;
  statusesApplied: number;
  statusesIgnored: number;
  unknownPhoneNumberIds: string[];
  skippedChanges: number;
  /** Strings whose NUL or unpaired surrogates were replaced by U+FFFD. */
  repairedStrings: number;
  /** Messages and statuses that failed; the first failure is thrown once the batch is done. */
  failed: number;
}

/** Paths of repaired strings logged per notification; the count is in the summary. */
const MAX_LOGGED_PATHS = 20;

/**
 * Processes a verified notification body. Throws (a 503 from ingestion) only when a message could not
 * be handed to its run, so that Meta redelivers it; everything stored so far is deduplicated then.
 * The rest of the batch is processed first: the failure is thrown at the end.
 */
export async function handleWebhookNotification(
  deps: ConversationServiceDeps,
  body: unknown,
): Promise<NotificationSummary> {
  const summary: NotificationSummary = {
    messages: {},
    statusesApplied: 0,
    statusesIgnored: 0,
    unknownPhoneNumberIds: [],
    skippedChanges: 0,
    repairedStrings: 0,
    failed: 0,
  };
  const { value: repairedBody, repaired } = replaceMalformedText(body);
  if (repaired.length > 0) {
    summary.repairedStrings = repaired.length;
    // Where, never what: the text is the customer's.
    deps.logger.warn(
      { fields: repaired.slice(0, MAX_LOGGED_PATHS), count: repaired.length },
      'WhatsApp webhook text with NUL or unpaired surrogates repaired to U+FFFD',
    );
  }
  let firstFailure: { error: unknown } | undefined;
  const isolate = async (what: Record<string, unknown>, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      summary.failed++;
      firstFailure ??= { error };
      deps.logger.warn(
        what,
        'WhatsApp webhook item failed; the rest of the batch goes on, Meta redelivers it',
      );
    }
  };
  const notification = notificationSchema.safeParse(repairedBody);
  if (!notification.success || notification.data.object !== 'whatsapp_business_account') {
    summary.skippedChanges++;
    return summary;
  }
  for (const entry of notification.data.entry) {
    for (const change of entry.changes) {
      const value = change.field === 'messages' ? messagesChangeSchema.safeParse(change.value) : undefined;
      if (!value?.success) {
        summary.skippedChanges++;
        continue;
      }
      const phoneNumberId = value.data.metadata.phone_number_id;
      const account = await findAccount(deps.dataSource, phoneNumberId);
      if (!account) {
        summary.unknownPhoneNumberIds.push(phoneNumberId);
        continue;
      }
      const profileName = value.data.contacts?.[0]?.profile?.name;
      for (const raw of value.data.messages ?? []) {
        const message = inboundMessageSchema.safeParse(raw);
        if (!message.success) {
          summary.skippedChanges++;
          continue;
        }
        await isolate({ waMessageId: message.data.id }, async () => {
          const outcome = await ingestCustomerMessage(deps, account, message.data, profileName);
          summary.messages[outcome] = (summary.messages[outcome] ?? 0) + 1;
        });
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(raw);
        if (!status.success) {
          summary.statusesIgnored++;
          continue;
        }
        await isolate({ waMessageId: status.data.id }, async () => {
          const applied = await applyStatusUpdate(deps.dataSource, account.id, status.data);
          if (applied) summary.statusesApplied++;
          else summary.statusesIgnored++;
        });
      }
    }
  }
  if (firstFailure) throw firstFailure.error;
  return summary;
}

async function findAccount(dataSource: DataSource, phoneNumberId: string): Promise<ReceivingAccount | null> {
  const rows: ReceivingAccount[] = await dataSource.query(
    `SELECT a.id, a."userId", a."inboundFlowId", a."optOutKeywords", a."optInKeywords", a."optOutConfirmation",
            EXISTS (SELECT 1 FROM campaign_recipients r
                     WHERE r."whatsappAccountId" = a.id
                       AND r."sentAt" > now() - make_interval(days => ${CAMPAIGN_REPLY_DAYS})) AS "awaitsCampaignReplies"
       FROM whatsapp_accounts a WHERE a."phoneNumberId" = $1`,
    [phoneNumberId],
  );
  return rows[0] ?? null;
}
