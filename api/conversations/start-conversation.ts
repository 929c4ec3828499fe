/**
 * Starting a conversation: the one path the outbound trigger, the lead route and the inbound webhook
 * share. Checks the flow, runs its published revision (recorded in the row as `flowRevision`), claims the (business number, customer phone) slot through the partial unique
 * index, starts `conversationWorkflow`, and leaves nothing half-written when Temporal refuses.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Flow } from '../../entities/flow';
import { recordWebhookEventsWith } from '../../entities/webhook-outbox';
import { CONVERSATION_STARTED_EVENTS } from '../../activities/webhooks/conversation-events';
import { dispatchWebhookDeliveries } from '../../activities/webhooks/dispatch-webhook-deliveries';
import type { Logger } from '../../platform/logger';
import { problemsBlockingRun } from '../../workflows/engine';
import {
  conversationSearchAttributes,
  conversationWorkflowId,
  type ConversationTrigger,
  type ConversationWorkflowInput,
} from '../../workflows/definitions';
import type { conversationWorkflow } from '../../workflows';
import { summarizeConversationStart } from '../../workflows/run-summaries';
import {
  DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  type WebhookRetrySchedule,
} from '../../workflows/webhook-delivery-definitions';
import { upsertConversationContact } from '../contacts/contact-rows';
import { RecipientOptedOutError } from '../contacts/recipient-opted-out-error';
import { BadRequestError, ConflictError, NotFoundError, ServiceUnavailableError } from '../errors';
import { findFlow } from '../flows/flow-rows';
import { findFlowRevision } from '../flows/flow-revision-rows';
import { ensureFlowPublished } from '../flows/publish-flow-revision';
import { CompiledFlowCache } from './compiled-flow-cache';
import { endConversation } from './end-conversation';
import { ActiveConversationError, FlowNotRunnableError } from './conversation-errors';
import { hashPhone, normalizePhone } from './normalize-phone';

/** What starting a conversation needs from the process. */
export interface ConversationServiceDeps {
  dataSource: DataSource;
  /** Absent when the API runs without Temporal: starting answers 503. */
  temporalClient?: Client;
  taskQueue: string;
  logger: Logger;
  /** The retry schedule of the webhook deliveries a start records (WEBHOOK_RETRY_*); default 10 s → 30 min, 24 h. */
  webhookRetry?: WebhookRetrySchedule;
}

/** One request to run a flow for a customer. */
export interface StartConversationRequest {
  /** The user the caller acts for; the flow must belong to them (otherwise 404). */
  ownerId: string;
  flowId: string;
  /**
   * The flow's row when the caller has read it already (the trigger routes read it to check the
   * caller's credentials by `flowId`): it is not read again. Its owner must still be `ownerId`.
   */
  flow?: Flow;
  /** As the caller wrote it; normalised to E.164 here. */
  phone: string;
  trigger: ConversationTrigger;
  /** Initial flow variables. */
  variables: Record<string, unknown>;
  customerName?: string | null;
  /** End the customer's open conversation (and stop its run) instead of answering 409. */
  replaceActive?: boolean;
  /** An inbound run starts with the customer's message: it opens the 24-hour window. */
  lastCustomerMessageAt?: Date | null;
}

/** The conversation row and the run now serving it. */
export interface StartedConversation {
  conversationId: string;
  customerPhone: string;
  flowId: string;
  workflowId: string;
  runId: string;
}

/** Message for a phone number {@link normalizePhone} refuses. */
export const INVALID_PHONE_MESSAGE =
  'phone: must be an international number with country code, e.g. +972501234567 (8 to 15 digits)';

const FLOW_NOT_FOUND = 'Flow not found';
/** Bounded: each round either inserts or ends one concurrent conversation. */
const MAX_INSERT_ROUNDS = 3;
/** One per API process: every trigger route of the process shares the compiled flow revisions. */
const compiledFlows = new CompiledFlowCache();

type RunnableFlow = Pick<Flow, 'id' | 'name' | 'version' | 'publishedRevision' | 'whatsappAccountId'>;

/** A customer's open conversation: the row and its run. */
export interface OpenConversation {
  id: string;
  workflowId: string | null;
  runId: string | null;
}

/**
 * Starts `conversationWorkflow` for one customer and creates or refreshes their contact. Errors: 400
 * bad phone, 404 flow unknown or not the owner's, 409 flow not active / no WhatsApp account / the
 * customer opted out (nothing written) / a conversation already open (unless `replaceActive`), 422
 * graph not runnable for this trigger, 503 Temporal unavailable (the row is removed again, so a
 * retry starts cleanly).
 */
export async function startConversation(
  deps: ConversationServiceDeps,
  request: StartConversationRequest,
): Promise<StartedConversation> {
  const customerPhone = normalizePhone(request.phone);
  if (!customerPhone) throw new BadRequestError(INVALID_PHONE_MESSAGE);
  const client = deps.temporalClient;
  if (!client) throw new ServiceUnavailableError('Flow runs are unavailable: Temporal is not configured');

  const flow = await loadRunnableFlow(deps.dataSource, request);
  const whatsappAccountId = flow.whatsappAccountId as string;
  const flowRevision = await ensureFlowPublished(deps.dataSource, flow);
  const compiled = await compiledFlows.get({ flowId: flow.id, revision: flowRevision }, () =>
    loadRevisionGraph(deps.dataSource, flow.id, flowRevision),
  );
  const blocking = problemsBlockingRun(compiled, request.trigger.source);
  if (blocking.length > 0 || compiled.graph === null) throw new FlowNotRunnableError(blocking);
  const reachable = await upsertConversationContact(
    deps.dataSource,
    { userId: request.ownerId, whatsappAccountId, phone: customerPhone, name: request.customerName ?? null },
    // Leads and triggers carry the business's own data; an inbound profile name only fills a gap.
    request.trigger.source !== 'inbound',
  );
  if (!reachable) throw new RecipientOptedOutError(customerPhone);

  const conversationId = randomUUID();
  const workflowId = conversationWorkflowId(conversationId);
  await insertConversation(deps, client, {
    conversationId,
    workflowId,
    request,
    flow,
    flowRevision,
    customerPhone,
  });

  const input: ConversationWorkflowInput = {
    conversationId,
    flowId: flow.id,
    flowVersion: flow.version,
    flow: compiled.graph,
    variables: request.variables,
    trigger: request.trigger,
    whatsappAccountId,
    customerPhone,
    customerPhoneHash: hashPhone(customerPhone),
  };
  let runId: string;
  try {
    const handle = await client.workflow.start<typeof conversationWorkflow>('conversationWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [input],
      typedSearchAttributes: [
        { key: conversationSearchAttributes.flowId, value: flow.id },
        { key: conversationSearchAttributes.conversationId, value: conversationId },
        { key: conversationSearchAttributes.triggerSource, value: request.trigger.source },
        { key: conversationSearchAttributes.phoneHash, value: input.customerPhoneHash as string },
      ],
      // Shown in the Temporal Web UI: no phone number, no customer name.
      ...summarizeConversationStart({
        flowName: flow.name,
        flowId: flow.id,
        flowVersion: flow.version,
        trigger: request.trigger.source,
        conversationId,
      }),
    });
    runId = handle.firstExecutionRunId;
  } catch (error) {
    await deps.dataSource
      .query(`DELETE FROM conversations WHERE id = $1`, [conversationId])
      .catch((cleanupError: unknown) =>
        deps.logger.error(
          { err: cleanupError, conversationId },
          'could not remove an unstarted conversation',
        ),
      );
    deps.logger.error({ err: error, conversationId, flowId: flow.id }, 'starting the flow run failed');
    throw new ServiceUnavailableError(
      'The flow run could not be started (workflow service unavailable); nothing was started, retry later',
      { cause: error },
    );
  }
  // The run exists now: the same statement records the tenant's conversation.started webhooks.
  const { deliveryIds } = await recordWebhookEventsWith(
    deps.dataSource,
    {
      sql: `UPDATE conversations SET "runId" = $2, "updatedAt" = now() WHERE id = $1 RETURNING *`,
      params: [conversationId, runId],
    },
    CONVERSATION_STARTED_EVENTS,
  );
  await dispatchWebhookDeliveries(
    {
      client,
      dataSource: deps.dataSource,
      taskQueue: deps.taskQueue,
      retry: deps.webhookRetry ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE,
    },
    deliveryIds,
  ).catch((error: unknown) =>
    // The conversation has started; the worker's sweep starts these deliveries later.
    deps.logger.warn({ err: error, conversationId }, 'could not start webhook deliveries'),
  );
  return { conversationId, customerPhone, flowId: flow.id, workflowId, runId };
}

async function loadRunnableFlow(
  dataSource: DataSource,
  request: StartConversationRequest,
): Promise<RunnableFlow> {
  const flow = request.flow ?? (await findFlow(dataSource, request.flowId));
  if (!flow || flow.userId !== request.ownerId) throw new NotFoundError(FLOW_NOT_FOUND);
  if (flow.status !== 'active') {
    throw new ConflictError(`Flow ${flow.id} is ${flow.status}; only active flows can be started`);
  }
  if (!flow.whatsappAccountId) {
    throw new ConflictError(`Flow ${flow.id} has no WhatsApp account linked; link one before starting it`);
  }
  return flow;
}

/** The graph of a published revision; revisions are deleted only with their flow. */
async function loadRevisionGraph(dataSource: DataSource, flowId: string, revision: number): Promise<unknown> {
  const found = await findFlowRevision(dataSource, flowId, revision);
  if (!found) throw new NotFoundError(FLOW_NOT_FOUND);
  return found.drawflowData;
}

interface NewConversation {
  conversationId: string;
  workflowId: string;
  request: StartConversationRequest;
  flow: RunnableFlow;
  /** The published revision the run executes. */
  flowRevision: number;
  customerPhone: string;
}

/**
 * Inserts the row; the partial unique index decides races. A conflict names the open conversation,
 * or — with `replaceActive` — stops its run, ends it and tries again.
 */
async function insertConversation(
  deps: ConversationServiceDeps,
  client: Client,
  row: NewConversation,
): Promise<void> {
  const { request, flow } = row;
  for (let round = 0; round < MAX_INSERT_ROUNDS; round++) {
    const inserted: { id: string }[] = await deps.dataSource.query(
      `INSERT INTO conversations
         (id, "userId", "whatsappAccountId", "flowId", "flowVersion", "flowRevision", "customerPhone",
          "customerName", status, "triggerSource", variables, "lastCustomerMessageAt", "workflowId")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10::jsonb, $11, $12)
       ON CONFLICT ("whatsappAccountId", "customerPhone") WHERE "endedAt" IS NULL DO NOTHING
       RETURNING id`,
      [
        row.conversationId,
        request.ownerId,
        flow.whatsappAccountId,
        flow.id,
        flow.version,
        row.flowRevision,
        row.customerPhone,
        request.customerName ?? null,
        request.trigger.source,
        JSON.stringify(request.variables),
        request.lastCustomerMessageAt ?? null,
        row.workflowId,
      ],
    );
    if (inserted.length > 0) return;

    const open = await findOpenConversation(
      deps.dataSource,
      flow.whatsappAccountId as string,
      row.customerPhone,
    );
    if (!open) continue; // ended between our insert and our look: try again
    if (!request.replaceActive) throw new ActiveConversationError(row.customerPhone, open.id);
    await endConversation(deps, client, open, {
      reason: 'replaced',
      detail: `Replaced by conversation ${row.conversationId}`,
    });
  }
  throw new ConflictError(
    `Another conversation for ${row.customerPhone} was started at the same time; retry the request`,
  );
}

/** The customer's open conversation on a business number, if any. */
export async function findOpenConversation(
  dataSource: DataSource,
  whatsappAccountId: string,
  customerPhone: string,
): Promise<OpenConversation | null> {
  const rows: OpenConversation[] = await dataSource.query(
    `SELECT id, "workflowId", "runId" FROM conversations
      WHERE "whatsappAccountId" = $1 AND "customerPhone" = $2 AND "endedAt" IS NULL`,
    [whatsappAccountId, customerPhone],
  );
  return rows[0] ?? null;
}
