/**
 * One customer message from the webhook: stored once (the unique `waMessageId` dedupes Meta's
 * redeliveries), the 24-hour window renewed, and handed to the conversation's run as a signal.
 *
 * Re-signalled even when the row already existed: the workflow dedupes by wamid, so a crash between
 * storing and signalling heals when Meta redelivers. A customer with no open conversation starts the
 * business number's inbound flow; without one (or when it cannot start) the message opens a
 * flow-less conversation in status `handoff`, which agents see in the list and can reply to. A reply
 * to a campaign marks its recipient `replied` and starts the campaign's reply flow, when it has one.
 *
 * A message that is wholly an opt-out keyword of the number never reaches a flow: see
 * apply-opt-out.ts. An opt-in keyword opts the contact back in and then goes on like any message.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { customerMessageSignal, type CustomerMessage } from '../../workflows/definitions';
import { ActiveConversationError } from '../conversations/conversation-errors';
import { maskPhone, normalizePhone } from '../conversations/normalize-phone';
import {
  findOpenConversation,
  startConversation,
  type ConversationServiceDeps,
  type OpenConversation,
} from '../conversations/start-conversation';
import { setContactOptStateByKeyword, upsertConversationContact } from '../contacts/contact-rows';
import { matchOptKeyword, type OptKeywordSettings } from '../contacts/opt-keywords';
import { HttpError, ServiceUnavailableError } from '../errors';
import type { InboundMessage } from '../schemas/whatsapp-webhook';
import { applyOptOut } from './apply-opt-out';
import {
  isKnownMessage,
  openHandoffConversation,
  renewWindow,
  storeMessage,
} from './inbound-conversation-rows';
import { markCampaignReply } from './mark-campaign-reply';

/** The business number the message was sent to. */
export interface ReceivingAccount extends OptKeywordSettings {
  id: string;
  userId: string;
  inboundFlowId: string | null;
  /** Sent once to a customer who opts out; null: none. */
  optOutConfirmation: string | null;
  /**
   * Whether a campaign sent from this number within CAMPAIGN_REPLY_DAYS (mark-campaign-reply.ts) days: only then can a
   * message be a campaign reply, so only then is it looked up (one statement fewer per message for
   * numbers that run no campaigns — the webhook path is bound by its statements).
   */
  awaitsCampaignReplies: boolean;
}

/** Where a message went; for logs and tests. */
export type IngestOutcome =
  'signalled' | 'stored' | 'started' | 'handoff' | 'duplicate' | 'ignored' | 'opted_out';

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
  const keyword = matchOptKeyword(account, customerMessage.text);
  if (keyword === 'out') {
    return await applyOptOut(deps, account, { customerPhone, message, customerMessage, profileName });
  }
  if (keyword === 'in') {
    const contact = { userId: account.userId, whatsappAccountId: account.id, phone: customerPhone };
    await setContactOptStateByKeyword(
      deps.dataSource,
      { ...contact, nameIfNew: profileName ?? null },
      'opted_in',
    );
    deps.logger.info(log, 'customer opted in by keyword');
  }
  // A reply to a campaign counts as one, and starts the campaign's reply flow instead of the inbound one.
  const replyFlowId = account.awaitsCampaignReplies
    ? await markCampaignReply(deps.dataSource, account.id, customerPhone, new Date(customerMessage.sentAt))
    : undefined;
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
    await upsertConversationContact(
      deps.dataSource,
      {
        userId: account.userId,
        whatsappAccountId: account.id,
        phone: customerPhone,
        name: profileName ?? null,
      },
      false,
    );
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
