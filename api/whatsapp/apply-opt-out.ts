/**
 * A customer wrote an opt-out keyword: the contact is marked `opted_out` (source `keyword`), the
 * message is kept in their conversation (a flow-less one is opened when none is), that conversation
 * ends as `stopped` (its run terminated, so nothing scheduled goes out), and the number's
 * confirmation, if it has one, is sent once. From then on the send claim refuses every other send to
 * them (activities/whatsapp/outbound-message-store.ts).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import {
  optOutConfirmationWorkflowId,
  type AgentReplyInput,
  type CustomerMessage,
} from '../../workflows/definitions';
import { setContactOptStateByKeyword } from '../contacts/contact-rows';
import { maskPhone } from '../conversations/normalize-phone';
import { endConversation } from '../conversations/end-conversation';
import {
  findOpenConversation,
  type ConversationServiceDeps,
  type OpenConversation,
} from '../conversations/start-conversation';
import { ServiceUnavailableError } from '../errors';
import type { InboundMessage } from '../schemas/whatsapp-webhook';
import {
  isKnownMessage,
  openHandoffConversation,
  renewWindow,
  storeMessage,
} from './inbound-conversation-rows';
import type { IngestOutcome, ReceivingAccount } from './ingest-customer-message';

/** The opt-out message and who sent it. */
export interface OptOutMessage {
  customerPhone: string;
  message: InboundMessage;
  customerMessage: CustomerMessage;
  profileName: string | undefined;
}

const MAX_ROUNDS = 3;

/** Records the opt-out, ends the conversation and confirms once. Throws 503 when Temporal is unreachable. */
export async function applyOptOut(
  deps: ConversationServiceDeps,
  account: ReceivingAccount,
  optOut: OptOutMessage,
): Promise<IngestOutcome> {
  const { customerPhone, message, customerMessage, profileName } = optOut;
  if (await isKnownMessage(deps.dataSource, message.id)) return 'duplicate';
  const client = deps.temporalClient;
  if (!client) throw new ServiceUnavailableError('Temporal is not configured');
  // First, so that a send racing this request is already refused by its claim.
  const previous = await setContactOptStateByKeyword(
    deps.dataSource,
    {
      userId: account.userId,
      whatsappAccountId: account.id,
      phone: customerPhone,
      nameIfNew: profileName ?? null,
    },
    'opted_out',
  );
  const conversation = await findOrOpenConversation(deps, account, optOut);
  await storeMessage(deps.dataSource, account.id, conversation.id, message, customerMessage);
  await renewWindow(deps.dataSource, conversation.id, customerMessage, profileName);
  await endConversation(deps, client, conversation, {
    reason: 'opted_out',
    detail: 'The customer opted out',
  });
  const log = { waMessageId: message.id, from: maskPhone(customerPhone), conversationId: conversation.id };
  deps.logger.info(log, 'customer opted out by keyword');

  if (previous !== 'opted_out' && account.optOutConfirmation) {
    await startConfirmation(deps, conversation.id, account.optOutConfirmation, log);
  }
  return 'opted_out';
}

async function findOrOpenConversation(
  deps: ConversationServiceDeps,
  account: ReceivingAccount,
  optOut: OptOutMessage,
): Promise<OpenConversation> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const open = await findOpenConversation(deps.dataSource, account.id, optOut.customerPhone);
    if (open) return open;
    const id = await openHandoffConversation(
      deps.dataSource,
      account,
      optOut.customerPhone,
      optOut.customerMessage,
      optOut.profileName,
    );
    if (id) return { id, workflowId: null, runId: null };
  }
  throw new ServiceUnavailableError('Conversation changed concurrently; retry');
}

/**
 * Hands the confirmation to the same workflow as agent replies (the API never sends itself), under
 * a workflow id the send claim lets through to an opted-out customer. Not awaited: the webhook must
 * answer Meta quickly. Best effort: the opt-out is recorded whether or not the confirmation starts.
 */
async function startConfirmation(
  deps: ConversationServiceDeps,
  conversationId: string,
  text: string,
  log: Record<string, unknown>,
): Promise<void> {
  const input: AgentReplyInput = { conversationId, message: { kind: 'text', body: text } };
  try {
    await deps.temporalClient?.workflow.start('agentReplyWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: optOutConfirmationWorkflowId(conversationId),
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: [input],
      staticSummary: `Opt-out confirmation in conversation ${conversationId}`,
    });
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return;
    deps.logger.error({ ...log, err: error }, 'the opt-out confirmation could not be started');
  }
}
