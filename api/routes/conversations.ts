import type { Router } from '@koa/router';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import type { AppState } from '../app-state';
import type { AuthDeps } from '../auth/authenticate-request';
import { isAdmin } from '../auth/principal';
import {
  countConversations,
  getConversation,
  listConversationMessages,
  listConversations,
  type Reader,
} from '../conversations/read-conversations';
import { handOverConversation, type HandoverAction } from '../conversations/hand-over-conversation';
import { sendAgentReply } from '../conversations/send-agent-reply';
import { NotFoundError } from '../errors';
import { createRouter } from '../routing/create-router';
import { defineRoute } from '../routing/define-route';
import type { UserAuth } from '../routing/route-definition';
import { isUuid } from '../routing/is-uuid';
import {
  conversationDetailSchema,
  conversationListItemSchema,
  conversationMessageSchema,
  conversationParamsSchema,
  conversationStatsQuerySchema,
  conversationStatsSchema,
  handoverResponseSchema,
  listConversationsQuerySchema,
  listMessagesQuerySchema,
  replyBodySchema,
  replyResponseSchema,
  windowClosedResponseSchema,
} from '../schemas/conversations';
import { errorResponseSchema } from '../schemas/system';

/** What the conversation routes need. */
export interface ConversationRouteDeps extends AuthDeps {
  dataSource: DataSource;
  config: AuthDeps['config'] & { temporal: { taskQueue: string } };
  temporalClient?: Client;
  /** How long a reply waits for WhatsApp's answer (default 30 s). */
  replyTimeoutMs?: number;
}

const notFound = { description: 'No such conversation (or another user’s)', schema: errorResponseSchema };
const badRequest = { description: 'Invalid query or body', schema: errorResponseSchema };

/**
 * Conversations of the caller (session cookie or Bearer JWT): list (published array shape, paged,
 * filtered, counts on request), one conversation, its messages, an agent's reply, and an agent taking
 * the conversation over from its flow and handing it back.
 */
export function createConversationsRouter(deps: ConversationRouteDeps): Router<AppState> {
  const list = defineRoute({
    method: 'get',
    path: '/api/conversations',
    tag: 'conversations',
    summary: 'List Conversations',
    description:
      'The caller’s conversations, newest first, as the published array. Paging: `limit` (1–200, default 50) with `offset`, or `before` (ISO 8601: conversations started before it) to walk back page by page. Filters: `status`, `flowId`, `search` (part of the customer’s name in any case, or of the phone number when written like one: digits, spaces, `+ - . ( )`); admins may pass `userId`. `stats=true` adds counts by status for the same filters in the `X-Conversation-Stats` header (JSON `{"total","byStatus"}`), keeping the body the published array; `GET /api/conversations/stats` answers the same counts as a body.',
    auth: ['cookie', 'bearer'],
    request: { query: listConversationsQuerySchema },
    responses: {
      200: {
        description: 'The conversations',
        schema: z.array(conversationListItemSchema),
        example: [
          {
            id: 'conv-uuid',
            waPhoneNumber: '+972501234567',
            customerName: 'John Doe',
            flowId: 'flow-uuid',
            status: 'active',
            lastMessage: 'Hello, I need help',
            startedAt: '2025-01-20T10:00:00.000Z',
            lastCustomerMessageAt: '2025-01-20T14:30:00.000Z',
          },
        ],
      },
      400: badRequest,
    },
    handler: async (ctx, { query, auth }) => {
      const reader = toReader(auth);
      ctx.body = await listConversations(deps.dataSource, reader, query);
      if (query.stats === 'true') {
        const stats = await countConversations(deps.dataSource, reader, query);
        ctx.set('X-Conversation-Stats', JSON.stringify(stats));
      }
    },
  });

  const stats = defineRoute({
    method: 'get',
    path: '/api/conversations/stats',
    tag: 'conversations',
    summary: 'Conversation Statistics',
    description:
      'Counts of the caller’s conversations by status, with the list’s filters (`status`, `flowId`, `search`, admin `userId`).',
    auth: ['cookie', 'bearer'],
    request: { query: conversationStatsQuerySchema },
    responses: {
      200: {
        description: 'Counts',
        schema: conversationStatsSchema,
        example: { total: 3, byStatus: { active: 1, handoff: 1, completed: 1, stopped: 0, failed: 0 } },
      },
      400: badRequest,
    },
    handler: async (ctx, { query, auth }) => {
      ctx.body = await countConversations(deps.dataSource, toReader(auth), query);
    },
  });

  const get = defineRoute({
    method: 'get',
    path: '/api/conversations/{id}',
    tag: 'conversations',
    summary: 'Get a Conversation',
    description:
      'One conversation with its variables, current node, run ids and whether the 24-hour window is open.',
    auth: ['cookie', 'bearer'],
    request: { params: conversationParamsSchema },
    responses: { 200: { description: 'The conversation', schema: conversationDetailSchema }, 404: notFound },
    handler: async (ctx, { params, auth }) => {
      ctx.body = await getConversation(deps.dataSource, toReader(auth), requireUuid(params.id));
    },
  });

  const messages = defineRoute({
    method: 'get',
    path: '/api/conversations/{id}/messages',
    tag: 'conversations',
    summary: 'List a Conversation’s Messages',
    description:
      'Messages in both directions, oldest first, paged with `limit` (1–200, default 50) and `offset`.',
    auth: ['cookie', 'bearer'],
    request: { params: conversationParamsSchema, query: listMessagesQuerySchema },
    responses: {
      200: { description: 'The messages', schema: z.array(conversationMessageSchema) },
      400: badRequest,
      404: notFound,
    },
    handler: async (ctx, { params, query, auth }) => {
      ctx.body = await listConversationMessages(
        deps.dataSource,
        toReader(auth),
        requireUuid(params.id),
        query,
      );
    },
  });

  const reply = defineRoute({
    method: 'post',
    path: '/api/conversations/{id}/reply',
    tag: 'conversations',
    summary: 'Send Message to Customer',
    description:
      'Sends one message (text; image, video or document by `mediaUrl` with `caption`; or an approved template) to the conversation’s customer. The message is sent by a Temporal activity (`agentReplyWorkflow`), and the WhatsApp message id is returned once WhatsApp accepted it. Outside the 24-hour window (the customer has not written in the last 24 hours) only templates may be sent: anything else is refused with 422 and `"windowOpen": false`, and nothing is sent. When the template is in one of the template groups of the conversation’s owner (same name and language), `templateParams` must fill exactly its parameters (header first, then body), as for the outbound trigger: otherwise 422 and nothing is sent. A template FlowBot has no definition of is sent as given, its parameters filling the body, and WhatsApp checks it. WhatsApp refusing the message is a 422 naming its reason; WhatsApp failing or refusing our credentials a 502; no answer in time a 504. A customer who opted out of the number (STOP) gets nothing: 409, nothing sent.',
    auth: ['cookie', 'bearer'],
    request: { params: conversationParamsSchema, body: replyBodySchema },
    responses: {
      200: {
        description: 'Accepted by WhatsApp',
        schema: replyResponseSchema,
        example: { success: true, messageId: 'wamid.xxx', windowOpen: true },
      },
      400: badRequest,
      404: notFound,
      409: {
        description: 'The customer opted out of messages from this business number; nothing was sent',
        schema: errorResponseSchema,
      },
      422: {
        description:
          'Window closed for a non-template message, a template unknown to the template groups or with the wrong number of parameters, or WhatsApp rejected the message',
        schema: windowClosedResponseSchema,
        example: {
          error:
            'The 24-hour window is closed (the customer has not written in the last 24 hours): only an approved template may be sent',
          windowOpen: false,
        },
      },
      502: { description: 'WhatsApp failed', schema: errorResponseSchema },
      503: { description: 'Temporal unavailable', schema: errorResponseSchema },
      504: { description: 'WhatsApp did not answer in time', schema: errorResponseSchema },
    },
    handler: async (ctx, { params, body, auth }) => {
      const outcome = await sendAgentReply(
        {
          dataSource: deps.dataSource,
          temporalClient: deps.temporalClient,
          taskQueue: deps.config.temporal.taskQueue,
          logger: ctx.state.logger,
          replyTimeoutMs: deps.replyTimeoutMs,
        },
        toReader(auth),
        requireUuid(params.id),
        body,
      );
      ctx.body = { success: true, messageId: outcome.waMessageId, windowOpen: outcome.windowOpen };
    },
  });

  const handover = (action: HandoverAction, summary: string, description: string) =>
    defineRoute({
      method: 'post',
      path: `/api/conversations/{id}/${action}`,
      tag: 'conversations',
      summary,
      description,
      auth: ['cookie', 'bearer'],
      request: { params: conversationParamsSchema },
      responses: {
        202: {
          description: 'The conversation’s run was told; its status follows within a moment',
          schema: handoverResponseSchema,
          example: { success: true, conversationId: 'conv-uuid', action },
        },
        404: notFound,
        409: {
          description: 'The conversation has ended, or has no flow run (it is with the agents already)',
          schema: errorResponseSchema,
        },
        503: { description: 'Temporal unavailable', schema: errorResponseSchema },
      },
      handler: async (ctx, { params, auth }) => {
        const id = requireUuid(params.id);
        await handOverConversation(
          { dataSource: deps.dataSource, temporalClient: deps.temporalClient, logger: ctx.state.logger },
          toReader(auth),
          id,
          action,
        );
        ctx.status = 202;
        ctx.body = { success: true, conversationId: id, action };
      },
    });
  const takeover = handover(
    'takeover',
    'Take Over a Conversation',
    'An agent takes the conversation over from its flow: the run pauses whatever it waited for (a reply, a delay, an HTTP or AI answer) and the conversation goes to status `handoff`, so customer messages wait for the agent (reply with `POST /api/conversations/{id}/reply`). Answers 202 once the run is told; `GET /api/conversations/{id}` shows `handoff` a moment later. Taking over a conversation already in `handoff` changes nothing.',
  );
  const release = handover(
    'release',
    'Release a Conversation',
    'The agent hands the conversation back to its flow: a handoff node takes its `released` output; an interrupted wait resumes (a reply wait starts afresh, a delay keeps its deadline, a timer that fired meanwhile takes its timeout path). Answers 202 once the run is told; the status goes back to `active` a moment later. Releasing a conversation that is not in `handoff` changes nothing.',
  );

  // stats before {id}: both match /api/conversations/stats.
  return createRouter(deps, [list, stats, get, messages, reply, takeover, release]);
}

function toReader(auth: UserAuth): Reader {
  return { userId: auth.user.id, isAdmin: isAdmin(auth.user) };
}

/** Ids are UUIDs; anything else cannot name a conversation. */
function requireUuid(id: string): string {
  if (!isUuid(id)) throw new NotFoundError('Conversation not found');
  return id;
}
