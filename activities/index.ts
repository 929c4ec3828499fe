/**
 * All activities of the worker, built from their dependencies. Workflows import `FlowActivities` as a
 * type only (`proxyActivities<FlowActivities>()`); the worker passes `createActivities(deps)`.
 */
import path from 'node:path';
import { Context, log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../platform/config';
import { GENERATION_UPLOADS_FOLDER } from '../workflows/generate-flow-definitions';
import { DEFAULT_WEBHOOK_RETRY_SCHEDULE } from '../workflows/webhook-delivery-definitions';
import { createCampaignActivities } from './campaigns/campaign-activities';
import { createConversationStoreActivities } from './conversation-store';
import { createFlowGenerationActivities } from './flow-generation';
import { createHttpRequestActivity, type HttpRequestOptions } from './http-request';
import { createLlmActivities } from './llm';
import { createPerformStepActivity } from './perform-step';
import { createSendWhatsAppMessageActivity } from './send-whatsapp-message';
import { createGraphClient } from './whatsapp/graph-client';
import { createSendPacer, type SendPacer } from './whatsapp/send-pacer';
import { createWebhookActivities } from './webhooks/deliver-webhook';
import { dispatchWebhookDeliveries, type DispatchWebhooks } from './webhooks/dispatch-webhook-deliveries';

/** The configuration the activities read: a slice of `loadConfig()`'s result. */
export type ActivityConfig = Pick<AppConfig, 'dataEncryptionKey' | 'whatsapp' | 'openai' | 'httpNode'> &
  /**
   * The flow generator reads uploads from `<dataDir>/generation-uploads`; without it, prompts only.
   * Without `webhooks`, deliveries use the default retry schedule; without `flowGeneration`, the
   * default PDF limits.
   */
  Partial<Pick<AppConfig, 'dataDir' | 'webhooks' | 'flowGeneration'>>;

export interface ActivityDeps {
  /** Initialised, migrated DataSource. */
  dataSource: DataSource;
  config: ActivityConfig;
  /** Epoch ms; the 24-hour window check reads it. Tests pass a fixed clock. */
  now?: () => number;
  /** Deadline of one Graph request (default 15 s). */
  graphTimeoutMs?: number;
  /** Shared pacer, e.g. one per process when several activity sets exist. Default: a new one. */
  pacer?: SendPacer;
  /** Limits of the http_request node beyond `config.httpNode` (size cap, timeouts, test DNS). */
  httpRequest?: Omit<HttpRequestOptions, 'allowPrivateNetworks'>;
  /**
   * Starts the webhook deliveries an activity recorded, right after its commit, on the activity's own
   * task queue. Without it they wait for the worker's sweep (worker/webhook-delivery-sweep.ts).
   */
  temporalClient?: Client;
}

/**
 * Builds every activity: `sendWhatsAppMessage`, `performStep` (a step's sends and row change),
 * `generateAiReply`, `chooseAiIntent`,
 * `performHttpRequest`, `recordConversationChange`, and the flow generator's `extractDocumentText`,
 * `callFlowModel`, `validateGeneratedFlow`. Logging goes through Temporal's activity logger,
 * which the worker's Runtime routes to the process logger.
 */
export function createActivities(deps: ActivityDeps) {
  const now = deps.now ?? Date.now;
  const { config } = deps;
  const graphTimeoutMs = deps.graphTimeoutMs ?? 15_000;
  const dispatchWebhooks = createActivityWebhookDispatch(deps);
  // One Graph client and one pacer for every way of sending (single sends, steps, campaigns), so
  // pacing per number holds across them.
  const sendDeps = {
    dataSource: deps.dataSource,
    graph: createGraphClient({
      baseUrl: config.whatsapp.graphBaseUrl,
      apiVersion: config.whatsapp.graphVersion,
      timeoutMs: graphTimeoutMs,
    }),
    pacer: deps.pacer ?? createSendPacer({ defaultRatePerSecond: config.whatsapp.messagesPerSecond }),
    dataEncryptionKey: config.dataEncryptionKey,
    now,
    leaseMs: graphTimeoutMs + 10_000,
    dispatchWebhooks,
  };
  return {
    ...createSendWhatsAppMessageActivity(sendDeps),
    ...createPerformStepActivity(sendDeps),
    // Campaign sends share the pacer, so a number's campaign and conversations never add up past its pace.
    ...createCampaignActivities(sendDeps),
    ...createLlmActivities({
      apiKey: config.openai.apiKey,
      baseUrl: config.openai.baseUrl,
      model: config.openai.model,
      timeoutMs: config.openai.timeoutMs,
    }),
    ...createHttpRequestActivity({ ...deps.httpRequest, allowPrivateNetworks: config.httpNode.allowPrivate }),
    ...createConversationStoreActivities({ dataSource: deps.dataSource, now, dispatchWebhooks }),
    ...createWebhookActivities({
      dataSource: deps.dataSource,
      dataEncryptionKey: config.dataEncryptionKey,
      allowPrivateNetworks: config.httpNode.allowPrivate,
    }),
    ...createFlowGenerationActivities({
      openai: config.openai,
      uploadDir: config.dataDir && path.join(config.dataDir, GENERATION_UPLOADS_FOLDER),
      pdfLimits: config.flowGeneration && { timeoutMs: config.flowGeneration.pdfReadTimeoutMs },
    }),
  };
}

/** Starts deliveries from inside an activity (its task queue); failures are logged, the sweep retries. */
function createActivityWebhookDispatch(deps: ActivityDeps): DispatchWebhooks | undefined {
  const client = deps.temporalClient;
  if (!client) return undefined;
  const retry = deps.config.webhooks?.retry ?? DEFAULT_WEBHOOK_RETRY_SCHEDULE;
  return async (deliveryIds) => {
    const { taskQueue } = Context.current().info;
    await dispatchWebhookDeliveries(
      { client, dataSource: deps.dataSource, taskQueue, retry },
      deliveryIds,
    ).catch((error: unknown) =>
      log.warn('Could not start webhook deliveries; the sweep will', { error: String(error) }),
    );
  };
}

/** The activity interface workflows proxy. */
export type FlowActivities = ReturnType<typeof createActivities>;

export { whatsAppFailureTypes } from './whatsapp/errors';
export { llmFailureTypes } from './llm/llm-failure';
export { sendFailureTypes } from './send-whatsapp-message';
export type { SendWhatsAppMessageInput, SendWhatsAppMessageResult } from './send-whatsapp-message';
export type { HttpRequestResult } from './http-request';
export type { ConversationChange } from './conversation-store';
export type { PerformStepInput, PerformStepResult, StepSend, StepSendOutcome } from './perform-step';
