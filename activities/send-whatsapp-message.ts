/**
 * The `sendWhatsAppMessage` activity: one OutgoingMessage to the conversation's customer, exactly once
 * as far as a client of Graph can make it.
 *
 * Idempotency. The send key is workflowId/runId/activityId — the same across every retry of one
 * scheduled activity, different for every other. A `messages` row is claimed under that key (unique)
 * before Graph is called; a retry that finds the row completed returns the stored wamid without sending.
 * The claim is a lease: while an attempt may still be talking to Graph (Temporal can start a retry when
 * an attempt times out but still runs), another attempt is turned away with a retryable
 * `WhatsAppSendInProgress` instead of sending in parallel.
 *
 * The one ambiguity no Graph client can remove: Graph accepted the message but we never learned the
 * wamid (the process died, or the response was lost after Graph committed). Graph has no idempotency
 * key, so the retry cannot ask "did you already send this?" and sends again: we choose at-least-once
 * over silently losing a message. The window is narrowed three ways:
 * - the wamid is written by one statement right after Graph answers, before anything else;
 * - once Graph has accepted, a failing database write is retried in-process and then only logged —
 *   the wamid still reaches the workflow through the activity result, so Temporal never re-runs the send;
 * - the send key travels as `biz_opaque_callback_data`, which Meta echoes in status webhooks, so the
 *   webhook handler can fill in the wamid of a pending row; a retry that finds it filled does not resend.
 */
import { Context, log, type Info } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { decryptSecret } from '../platform/secrets';
import { sendFailureTypes } from '../workflows/activity-failure-types';
import { isWindowOpen } from '../workflows/engine/flow-state';
import { isAllowedOutsideWindow, type OutgoingMessage } from '../workflows/engine/engine-action';
import {
  createWindowClosedFailure,
  GraphApiError,
  GraphTransportError,
  toWhatsAppFailure,
} from './whatsapp/errors';
import type { GraphClient } from './whatsapp/graph-client';
import { toGraphMessagePayload } from './whatsapp/graph-payload';
import { maskPhone } from './whatsapp/mask-phone';
import {
  claimSend,
  loadSendContext,
  recordSendFailure,
  recordSent,
  type SendContext,
} from './whatsapp/outbound-message-store';
import type { SendPacer } from './whatsapp/send-pacer';
import type { DispatchWebhooks } from './webhooks/dispatch-webhook-deliveries';

export interface SendWhatsAppMessageInput {
  conversationId: string;
  message: OutgoingMessage;
  /**
   * The customer's latest message as the workflow knows it (epoch ms). The window check uses the later
   * of this and `conversations.lastCustomerMessageAt`, so a message the webhook has not written yet
   * still counts.
   */
  lastCustomerMessageAt?: number | null;
  /** Overrides the default key (workflowId/runId/activityId), e.g. for a send outside a workflow. */
  sendKey?: string;
}

export interface SendWhatsAppMessageResult {
  waMessageId: string;
  /** Our `messages.id`. */
  messageId: string;
  /** True when an earlier attempt had already sent it and nothing went to Graph this time. */
  deduplicated: boolean;
}

export { sendFailureTypes };

export interface SendWhatsAppMessageDeps {
  dataSource: DataSource;
  graph: GraphClient;
  pacer: SendPacer;
  /** Key for `whatsapp_accounts.accessTokenEncrypted`. */
  dataEncryptionKey: Buffer;
  now: () => number;
  /**
   * How long a claimed send stays reserved for the attempt that claimed it: longer than one Graph
   * request plus recording it, so a retry never overlaps an attempt that is still running.
   */
  leaseMs: number;
  /** Starts the webhook deliveries a send that failed for good recorded (`message.failed`). */
  dispatchWebhooks?: DispatchWebhooks;
}

const recordAttempts = 4;

/** Creates the `sendWhatsAppMessage` activity. */
export function createSendWhatsAppMessageActivity(deps: SendWhatsAppMessageDeps) {
  return {
    /**
     * Sends one message, idempotently. Throws `WhatsAppWindowClosed` (non-retryable, Graph not called)
     * for a non-template outside the 24-hour window, and the Graph failures of whatsapp/errors.ts.
     */
    async sendWhatsAppMessage(input: SendWhatsAppMessageInput): Promise<SendWhatsAppMessageResult> {
      const { info } = Context.current();
      const sendKey = input.sendKey ?? readSendKey(info);
      const context = await loadSendContext(deps.dataSource, input.conversationId);
      if (!context) throw createConversationNotFoundFailure(input.conversationId);
      return await deliverMessage(deps, context, { ...input, sendKey });
    },
  };
}

/** The non-retryable failure of a send (or a step) whose conversation row does not exist. */
export function createConversationNotFoundFailure(conversationId: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `Conversation ${conversationId} does not exist`,
    type: sendFailureTypes.conversationNotFound,
    nonRetryable: true,
  });
}

/**
 * One message to the conversation's customer under `sendKey`, exactly once as far as a client of
 * Graph can make it (see the top of this file): paced, claimed, window-checked, sent, recorded.
 * Runs inside an activity (its context gives the attempt, cancellation and logger). Throws the
 * ApplicationFailures of the activity; `nonRetryable` tells whether another attempt could help.
 */
export async function deliverMessage(
  deps: SendWhatsAppMessageDeps,
  context: SendContext,
  input: { message: OutgoingMessage; sendKey: string; lastCustomerMessageAt?: number | null },
): Promise<SendWhatsAppMessageResult> {
  const { info, cancellationSignal } = Context.current();
  const { sendKey } = input;
  const logFields = {
    conversationId: context.conversationId,
    to: maskPhone(context.customerPhone),
    kind: input.message.kind,
    attempt: info.attempt,
  };

  // Paced before the claim, so the claim's lease measures the Graph call, not the queue.
  await deps.pacer.acquire(context.phoneNumberId, context.messagesPerSecond, cancellationSignal);
  const claim = await claimSend(deps.dataSource, context, sendKey, input.message, deps.leaseMs);
  if (claim.state === 'sent') {
    log.info('WhatsApp message already sent by an earlier attempt', {
      ...logFields,
      waMessageId: claim.waMessageId,
    });
    return { waMessageId: claim.waMessageId, messageId: claim.messageId, deduplicated: true };
  }
  if (claim.state === 'in-flight') {
    throw ApplicationFailure.create({
      message: 'Another attempt of this send is still talking to Graph',
      type: sendFailureTypes.sendInProgress,
      nextRetryDelay: Math.max(claim.retryInMs, 100),
    });
  }
  if (!claim.created && (claim.previousErrorCode === null || claim.previousErrorCode === outcomeUnknown)) {
    log.warn('An earlier attempt may have reached Graph without recording it; sending again', logFields);
  }

  const lastCustomerMessageAt = Math.max(
    context.lastCustomerMessageAt?.getTime() ?? -Infinity,
    input.lastCustomerMessageAt ?? -Infinity,
  );
  const windowState = {
    lastCustomerMessageAt: Number.isFinite(lastCustomerMessageAt) ? lastCustomerMessageAt : null,
  };
  if (!isAllowedOutsideWindow(input.message) && !isWindowOpen(windowState, deps.now())) {
    const title = 'The 24-hour customer-service window is closed: only templates may be sent';
    await noteSendFailure(deps, claim.messageId, { code: '131047', title, final: true }, context);
    log.warn('WhatsApp message refused: window closed', logFields);
    throw createWindowClosedFailure(title);
  }

  let accessToken: string;
  try {
    accessToken = readAccessToken(context.accessTokenEncrypted, deps.dataEncryptionKey);
  } catch (failure) {
    // Final, like a refused payload: a retried step skips it instead of waiting out its lease.
    await noteSendFailure(
      deps,
      claim.messageId,
      { code: 'credentials_unreadable', title: 'The access token cannot be decrypted', final: true },
      context,
    );
    throw failure;
  }
  const payload = {
    ...toGraphMessagePayload(context.customerPhone, input.message),
    biz_opaque_callback_data: sendKey,
  };
  let waMessageId: string;
  try {
    ({ waMessageId } = await deps.graph.sendMessage(
      { phoneNumberId: context.phoneNumberId, accessToken },
      payload,
      cancellationSignal,
    ));
  } catch (error) {
    if (!(error instanceof GraphApiError || error instanceof GraphTransportError)) throw error;
    const failure = toWhatsAppFailure(error);
    await noteSendFailure(
      deps,
      claim.messageId,
      { ...describeSendError(error), final: failure.nonRetryable === true },
      context,
    ).catch((recordError: unknown) =>
      log.warn('Could not record the send failure', { ...logFields, recordError }),
    );
    log.warn('WhatsApp send failed', { ...logFields, failureType: failure.type, error: error.message });
    throw failure;
  }

  await recordSentWithRetries(deps.dataSource, claim.messageId, waMessageId, input.message, logFields);
  log.info('WhatsApp message sent', { ...logFields, waMessageId });
  return { waMessageId, messageId: claim.messageId, deduplicated: false };
}

/** workflowId/runId/activityId: stable across retries of one scheduled activity, unique otherwise. */
export function readSendKey(info: Info): string {
  if (!info.workflowExecution) {
    throw ApplicationFailure.create({
      message: 'sendWhatsAppMessage outside a workflow needs an explicit sendKey',
      type: sendFailureTypes.sendKeyMissing,
      nonRetryable: true,
    });
  }
  const { workflowId, runId } = info.workflowExecution;
  return `${workflowId}/${runId}/${info.activityId}`;
}

/** Records a failed attempt, and starts the `message.failed` webhooks of a send that failed for good. */
async function noteSendFailure(
  deps: SendWhatsAppMessageDeps,
  messageId: string,
  failure: Parameters<typeof recordSendFailure>[2],
  context: SendContext,
): Promise<void> {
  const deliveryIds = await recordSendFailure(deps.dataSource, messageId, failure, context);
  if (deliveryIds.length > 0) await deps.dispatchWebhooks?.(deliveryIds);
}

/** Marks a failure after which Graph may or may not have sent the message. */
const outcomeUnknown = 'outcome_unknown';

function describeSendError(error: GraphApiError | GraphTransportError): { code: string; title: string } {
  if (error instanceof GraphApiError) return { code: String(error.graphError.code), title: error.message };
  return { code: error.timedOut ? outcomeUnknown : 'transport', title: error.message };
}

function readAccessToken(encrypted: string, key: Buffer): string {
  try {
    return decryptSecret(encrypted, key);
  } catch (cause) {
    throw ApplicationFailure.create({
      message: 'The WhatsApp access token of this number cannot be decrypted with DATA_ENCRYPTION_KEY',
      type: sendFailureTypes.credentialsUnreadable,
      nonRetryable: true,
      cause: cause instanceof Error ? cause : undefined,
    });
  }
}

/**
 * Graph has accepted: the message is out. Throwing now would make Temporal send it again, so the row
 * update is retried briefly and then given up with an error log — the workflow still gets the wamid.
 */
async function recordSentWithRetries(
  dataSource: DataSource,
  messageId: string,
  waMessageId: string,
  message: OutgoingMessage,
  logFields: Record<string, unknown>,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await recordSent(dataSource, messageId, waMessageId, message);
      return;
    } catch (error) {
      if (attempt >= recordAttempts) {
        log.error('WhatsApp message sent but not recorded', {
          ...logFields,
          waMessageId,
          error: String(error),
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
