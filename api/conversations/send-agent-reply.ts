/**
 * An agent's reply into a conversation. The API never talks to WhatsApp: it checks the 24-hour window,
 * runs `agentReplyWorkflow` (whose activity sends) and waits for the wamid, so the caller still gets
 * the WhatsApp message id synchronously.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure, type Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../../platform/logger';
import type { AgentReplyInput, AgentReplyResult } from '../../workflows/definitions';
import type { agentReplyWorkflow } from '../../workflows';
import { isAllowedOutsideWindow, isWindowOpen, type OutgoingMessage } from '../../workflows/engine';
import {
  BadGatewayError,
  ConflictError,
  GatewayTimeoutError,
  NotFoundError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '../errors';
import type { ReplyBody } from '../schemas/conversations';
import { RecipientOptedOutError } from '../contacts/recipient-opted-out-error';
import { buildReplyTemplate } from './build-reply-template';
import { WindowClosedError } from './conversation-errors';
import type { Reader } from './read-conversations';

/** What sending a reply needs from the process. */
export interface AgentReplyDeps {
  dataSource: DataSource;
  temporalClient?: Client;
  taskQueue: string;
  logger: Logger;
  /** How long the request waits for WhatsApp's answer (default 30 s). */
  replyTimeoutMs?: number;
  now?: () => number;
}

/** The published result: the WhatsApp message id and whether the window is open. */
export interface AgentReplyOutcome {
  waMessageId: string;
  windowOpen: boolean;
}

/** Failure types the send activity reports (activities/whatsapp/errors.ts), by how the API answers. */
const failureAnswers: Record<string, (message: string, cause: unknown) => Error> = {
  WhatsAppWindowClosed: () => new WindowClosedError(),
  WhatsAppInvalidRequest: (message, cause) =>
    new UnprocessableEntityError(`WhatsApp rejected the message: ${message}`, { cause }),
  WhatsAppAuthFailed: (_message, cause) =>
    new BadGatewayError("WhatsApp refused the business number's access token", { cause }),
  WhatsAppRateLimited: (_message, cause) =>
    new BadGatewayError('WhatsApp rate limit reached; the message was not sent, retry later', { cause }),
  WhatsAppUnavailable: (_message, cause) =>
    new BadGatewayError('WhatsApp is unavailable; the message was not sent, retry later', { cause }),
  ConversationNotFound: () => new NotFoundError('Conversation not found'),
  WhatsAppRecipientOptedOut: () =>
    new ConflictError('The customer has opted out of messages from this business number; nothing was sent'),
};

/**
 * Sends one agent message. 404 unknown/foreign conversation, 409 the customer opted out (nothing
 * sent), 422 window closed for a non-template
 * (`WindowClosedError`, nothing sent), a template not in the owner's template groups or with the wrong
 * number of parameters ({@link buildReplyTemplate}, nothing sent) or a message WhatsApp rejects, 502
 * WhatsApp failing, 503 Temporal not configured or unreachable, 504 no answer in time.
 */
export async function sendAgentReply(
  deps: AgentReplyDeps,
  reader: Reader,
  conversationId: string,
  body: ReplyBody,
): Promise<AgentReplyOutcome> {
  const rows: {
    userId: string;
    customerPhone: string;
    lastCustomerMessageAt: Date | null;
    optedOut: boolean;
  }[] = await deps.dataSource.query(
    `SELECT c."userId", c."customerPhone", c."lastCustomerMessageAt",
            EXISTS (SELECT 1 FROM contacts t
                     WHERE t."whatsappAccountId" = c."whatsappAccountId" AND t.phone = c."customerPhone"
                       AND t."optState" = 'opted_out') AS "optedOut"
       FROM conversations c WHERE c.id = $1`,
    [conversationId],
  );
  const conversation = rows[0];
  if (!conversation || (conversation.userId !== reader.userId && !reader.isAdmin)) {
    throw new NotFoundError('Conversation not found');
  }
  // The send claim refuses too; answering here spares starting a workflow that cannot send.
  if (conversation.optedOut) throw new RecipientOptedOutError(conversation.customerPhone);
  const message =
    body.messageType === 'template'
      ? await buildReplyTemplate(deps.dataSource, conversation.userId, body)
      : toOutgoingMessage(body);
  const now = (deps.now ?? Date.now)();
  const windowOpen = isWindowOpen(
    { lastCustomerMessageAt: conversation.lastCustomerMessageAt?.getTime() ?? null },
    now,
  );
  if (!windowOpen && !isAllowedOutsideWindow(message)) throw new WindowClosedError();

  const client = deps.temporalClient;
  if (!client) throw new ServiceUnavailableError('Sending is unavailable: Temporal is not configured');
  const input: AgentReplyInput = { conversationId, message };
  let handle;
  try {
    handle = await client.workflow.start<typeof agentReplyWorkflow>('agentReplyWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: `agent-reply-${conversationId}-${randomUUID()}`,
      args: [input],
      staticSummary: `Agent ${message.kind} reply in conversation ${conversationId}`,
    });
  } catch (error) {
    throw new ServiceUnavailableError('The reply could not be handed to the workflow service; retry later', {
      cause: error,
    });
  }
  const result = await awaitResult(handle.result(), deps.replyTimeoutMs ?? 30_000);
  return { waMessageId: result.waMessageId, windowOpen };
}

async function awaitResult(result: Promise<AgentReplyResult>, timeoutMs: number): Promise<AgentReplyResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new GatewayTimeoutError(
            'WhatsApp has not confirmed the message yet; it may still be sent — check the conversation’s messages',
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([result, timeout]);
  } catch (error) {
    if (error instanceof GatewayTimeoutError) throw error;
    throw toHttpError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** Finds the typed failure under WorkflowFailedError → ActivityFailure → ApplicationFailure. */
function toHttpError(error: unknown): Error {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure && cause.type && failureAnswers[cause.type]) {
      return failureAnswers[cause.type](cause.message, error);
    }
  }
  return new BadGatewayError('The message could not be sent', { cause: error });
}

/**
 * A text or media reply as the engine's OutgoingMessage (the shape the send activity takes);
 * templates are built by {@link buildReplyTemplate}, which checks them.
 */
function toOutgoingMessage(body: Exclude<ReplyBody, { messageType: 'template' }>): OutgoingMessage {
  switch (body.messageType) {
    case 'text':
      return { kind: 'text', body: body.text };
    case 'image':
    case 'video':
    case 'document':
      return {
        kind: 'media',
        mediaType: body.messageType,
        link: body.mediaUrl,
        ...(body.caption === undefined ? {} : { caption: body.caption }),
        ...(body.filename === undefined || body.messageType !== 'document'
          ? {}
          : { filename: body.filename }),
      };
  }
}
