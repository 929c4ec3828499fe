/**
 * One verified POST from Meta: routes every `messages` change to its business number by
 * `phone_number_id`, ingests customer messages and applies delivery statuses. Entries we cannot use
 * (unknown number, other fields, odd shapes) are logged and acknowledged: answering non-2xx for them
 * would only make Meta redeliver them for days.
 */
import type { DataSource } from 'typeorm';
import type { ConversationServiceDeps } from '../conversations/start-conversation';
import {
  inboundMessageSchema,
  messagesChangeSchema,
  notificationSchema,
  statusSchema,
} from '../schemas/whatsapp-webhook';
import { applyStatusUpdate } from './apply-status-update';
import { ingestCustomerMessage, type IngestOutcome, type ReceivingAccount } from './ingest-customer-message';

/** What one notification did; the route logs it. */
export interface NotificationSummary {
  messages: Partial<Record<IngestOutcome, number>>;
  statusesApplied: number;
  statusesIgnored: number;
  unknownPhoneNumberIds: string[];
  skippedChanges: number;
}

/**
 * Processes a verified notification body. Throws (a 503 from ingestion) only when a message could not
 * be handed to its run, so that Meta redelivers it; everything stored so far is deduplicated then.
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
  };
  const notification = notificationSchema.safeParse(body);
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
        const outcome = await ingestCustomerMessage(deps, account, message.data, profileName);
        summary.messages[outcome] = (summary.messages[outcome] ?? 0) + 1;
      }
      for (const raw of value.data.statuses ?? []) {
        const status = statusSchema.safeParse(raw);
        const applied = status.success && (await applyStatusUpdate(deps.dataSource, account.id, status.data));
        if (applied) summary.statusesApplied++;
        else summary.statusesIgnored++;
      }
    }
  }
  return summary;
}

async function findAccount(dataSource: DataSource, phoneNumberId: string): Promise<ReceivingAccount | null> {
  const rows: ReceivingAccount[] = await dataSource.query(
    `SELECT id, "userId", "inboundFlowId" FROM whatsapp_accounts WHERE "phoneNumberId" = $1`,
    [phoneNumberId],
  );
  return rows[0] ?? null;
}
