/**
 * One customer message from the webhook: stored once (the unique `waMessageId` dedupes Meta's
 * redeliveries), the 24-hour window renewed, and handed to the conversation's run as a signal.
 *
 * Re-signalled even when the row already existed: the workflow dedupes by wamid, so a crash between
 * storing and signalling heals when Meta redelivers. A customer with no open conversation starts the
 * business number's inbound flow; without one (or when it cannot start) the message opens a
 * flow-less conversation in status `handoff`, which agents see in the list and can reply to. A reply
 * to a campaign marks its recipient `replied` and starts the campaign's reply flow, when it has one.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { customerMessageSignal, type CustomerMessage } from '../../workflows/definitions';
import { ActiveConversationError } from '../conversations/conversation-errors';
import { maskPhone, normalizePhone } from '../conversations/normalize-phone';
import {
  findOpenConversation,
  startConversation,
  type ConversationServiceDeps,
  type OpenConversation,
} from '../conversations/start-conversation';
import { HttpError, ServiceUnavailableError } from '../errors';
import type { InboundMessage } from '../schemas/whatsapp-webhook';
import { markCampaignReply } from './mark-campaign-reply';

/** The business number the message was sent to. */
export interface ReceivingAccount {
  id: string;
  userId: string;
  inboundFlowId: string | null;
}

/** Where a message went; for logs and tests. */
export type IngestOutcome = 'signalled' | 'stored' | 'started' | 'handoff' | 'duplicate' | 'ignored';

const MAX_ROUNDS = 3;

/** Stores, renews the window and signals one message. Throws 503 when the run cannot be reached. */
export async function ingestCustomerMessage(
  deps: ConversationServiceDeps,
  account: ReceivingAccount,
  message: InboundMessage,
  profileName: string | undefined,
): Promise<IngestOutcome> {
  const customerPhone = normalizePhone(`+${message.from}`);
  if (!customerPhone) {
    deps.logger.warn({ waMessageId: message.id }, 'WhatsApp message with an unusable sender number ignored');
    return 'ignored';
  }
  const customerMessage = toCustomerMessage(message);
  const log = { waMessageId: message.id, from: maskPhone(customerPhone), accountId: account.id };
  // A reply to a campaign counts as one, and starts the campaign's reply flow instead of the inbound one.
  const replyFlowId = await markCampaignReply(
    deps.dataSource,
    account.id,
    customerPhone,
    new Date(customerMessage.sentAt),
  );
  const receiving = replyFlowId ? { ...account, inboundFlowId: replyFlowId } : account;

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const open = await findOpenConversation(deps.dataSource, account.id, customerPhone);
    if (open) {
      await storeMessage(deps.dataSource, account.id, open.id, message, customerMessage);
      await renewWindow(deps.dataSource, open.id, customerMessage, profileName);
      if (!open.workflowId) return 'stored';
      return await signalRun(deps, open, customerMessage, log);
    }
    if (await isKnownMessage(deps.dataSource, message.id)) {
      // A redelivery of a message whose conversation has ended since: nothing to start.
      return 'duplicate';
    }
    if (receiving.inboundFlowId) {
      const started = await startInboundFlow(
        deps,
        receiving,
        customerPhone,
        customerMessage,
        profileName,
        log,
      );
      if (started === 'conflict') continue;
      if (started) {
        await storeMessage(deps.dataSource, account.id, started, message, customerMessage);
        await renewWindow(deps.dataSource, started, customerMessage, profileName);
        return 'started';
      }
    }
    const handoffId = await openHandoffConversation(
      deps.dataSource,
      account,
      customerPhone,
      customerMessage,
      profileName,
    );
    if (!handoffId) continue;
    await storeMessage(deps.dataSource, account.id, handoffId, message, customerMessage);
    deps.logger.info(
      { ...log, conversationId: handoffId },
      'customer message kept for agents (no inbound flow)',
    );
    return 'handoff';
  }
  throw new ServiceUnavailableError('Conversation changed concurrently; retry');
}

/** The signal payload: text for the flow, the picked button/row id, WhatsApp's send time. */
export function toCustomerMessage(message: InboundMessage): CustomerMessage {
  const seconds = Number(message.timestamp);
  const base = { waMessageId: message.id, type: message.type, sentAt: seconds * 1000 };
  if (message.text) return { ...base, text: message.text.body };
  const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
  if (reply) return { ...base, text: reply.title, replyId: reply.id };
  if (message.button) {
    return {
      ...base,
      text: message.button.text,
      ...(message.button.payload === undefined ? {} : { replyId: message.button.payload }),
    };
  }
  const caption = message.image?.caption ?? message.video?.caption ?? message.document?.caption;
  return { ...base, text: caption ?? '' };
}

async function isKnownMessage(dataSource: DataSource, waMessageId: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM messages WHERE "waMessageId" = $1 AND "conversationId" IS NOT NULL`,
    [waMessageId],
  );
  return rows.length > 0;
}

/** Inserts the message once; a redelivery changes nothing (an orphan row is attached). */
async function storeMessage(
  dataSource: DataSource,
  accountId: string,
  conversationId: string,
  message: InboundMessage,
  customerMessage: CustomerMessage,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO messages ("conversationId", "whatsappAccountId", direction, type, content, "waMessageId", status)
     VALUES ($1, $2, 'inbound', $3, $4::jsonb, $5, 'received')
     ON CONFLICT ("waMessageId") DO UPDATE SET "conversationId" = EXCLUDED."conversationId"
      WHERE messages."conversationId" IS NULL`,
    [
      conversationId,
      accountId,
      message.type,
      JSON.stringify(toStoredContent(message, customerMessage)),
      message.id,
    ],
  );
}

function toStoredContent(message: InboundMessage, customerMessage: CustomerMessage): Record<string, unknown> {
  const { from: _from, id: _id, timestamp: _timestamp, type: _type, ...content } = message;
  return { ...content, text: customerMessage.text, sentAt: new Date(customerMessage.sentAt).toISOString() };
}

/** The window only moves forward: messages may arrive out of order. */
async function renewWindow(
  dataSource: DataSource,
  conversationId: string,
  customerMessage: CustomerMessage,
  profileName: string | undefined,
): Promise<void> {
  await dataSource.query(
    `UPDATE conversations
        SET "lastCustomerMessageAt" = GREATEST("lastCustomerMessageAt", $2::timestamptz),
            "lastMessage" = CASE WHEN "lastCustomerMessageAt" IS NULL OR "lastCustomerMessageAt" <= $2::timestamptz
                                 THEN $3 ELSE "lastMessage" END,
            "customerName" = COALESCE("customerName", $4),
            "updatedAt" = now()
      WHERE id = $1`,
    [conversationId, new Date(customerMessage.sentAt), describeForList(customerMessage), profileName ?? null],
  );
}

function describeForList(message: CustomerMessage): string {
  return message.text ? message.text.slice(0, 500) : `[${message.type}]`;
}

async function signalRun(
  deps: ConversationServiceDeps,
  open: OpenConversation,
  customerMessage: CustomerMessage,
  log: Record<string, unknown>,
): Promise<IngestOutcome> {
  const client = deps.temporalClient;
  if (!client) throw new ServiceUnavailableError('Temporal is not configured');
  try {
    await client.workflow.getHandle(open.workflowId as string).signal(customerMessageSignal, customerMessage);
    return 'signalled';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError && open.runId !== null) {
      // The run has ended while the row is still open (it records its end last): the message stays stored.
      deps.logger.warn({ ...log, conversationId: open.id }, 'conversation run already ended; message kept');
      return 'stored';
    }
    deps.logger.error(
      { ...log, err: error, conversationId: open.id },
      'signalling the conversation run failed',
    );
    throw new ServiceUnavailableError('The conversation could not be reached; retry later', { cause: error });
  }
}

/** Starts the inbound flow; null when it cannot run (then agents get the message), 'conflict' to retry. */
async function startInboundFlow(
  deps: ConversationServiceDeps,
  account: ReceivingAccount,
  customerPhone: string,
  customerMessage: CustomerMessage,
  profileName: string | undefined,
  log: Record<string, unknown>,
): Promise<string | 'conflict' | null> {
  try {
    const started = await startConversation(deps, {
      ownerId: account.userId,
      flowId: account.inboundFlowId as string,
      phone: customerPhone,
      trigger: { source: 'inbound', firstMessage: customerMessage },
      variables: { phone: customerPhone, ...(profileName ? { customerName: profileName } : {}) },
      customerName: profileName ?? null,
      lastCustomerMessageAt: new Date(customerMessage.sentAt),
    });
    deps.logger.info({ ...log, conversationId: started.conversationId }, 'inbound flow started');
    return started.conversationId;
  } catch (error) {
    if (error instanceof ActiveConversationError) return 'conflict';
    if (error instanceof HttpError && error.status < 500) {
      deps.logger.warn(
        { ...log, reason: error.message },
        'inbound flow cannot start; message kept for agents',
      );
      return null;
    }
    throw error;
  }
}

/** A flow-less open conversation (status `handoff`) so agents see the customer; null on a race. */
async function openHandoffConversation(
  dataSource: DataSource,
  account: ReceivingAccount,
  customerPhone: string,
  customerMessage: CustomerMessage,
  profileName: string | undefined,
): Promise<string | null> {
  const rows: { id: string }[] = await dataSource.query(
    `INSERT INTO conversations
       ("userId", "whatsappAccountId", "customerPhone", "customerName", status, "triggerSource",
        "lastMessage", "lastCustomerMessageAt")
     VALUES ($1, $2, $3, $4, 'handoff', 'inbound', $5, $6)
     ON CONFLICT ("whatsappAccountId", "customerPhone") WHERE "endedAt" IS NULL DO NOTHING
     RETURNING id`,
    [
      account.userId,
      account.id,
      customerPhone,
      profileName ?? null,
      describeForList(customerMessage),
      new Date(customerMessage.sentAt),
    ],
  );
  return rows[0]?.id ?? null;
}
