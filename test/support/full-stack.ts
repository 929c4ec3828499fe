/**
 * The whole backend minus the HTTP API, for tests and benchmarks: a throw-away PostgreSQL, the Temporal
 * test environment (the time-skipping test server by default, else the dev server), the fake Graph API and fake OpenAI on loopback,
 * and a FlowBot worker (real activities pointed at the fakes) running in this process.
 *
 *   const stack = await startFullStack();
 *   const account = await stack.seedAccount();
 *   const run = await stack.startConversation({ account, drawflowData: flow().start()....build(),
 *     trigger: { source: 'lead' } });
 *   await run.handle.signal(customerMessageSignal, stack.customerMessage('hi'));
 *   ...
 *   await stack.stop();
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  type LogLevel,
  type Worker,
  type WorkerOptions,
  type WorkflowBundle,
} from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import type { ActivityConfig, ActivityDeps } from '../../activities';
import { encryptSecret } from '../../platform/secrets';
import { createFlowWorker, workflowsPath } from '../../worker/create-worker';
import {
  conversationSearchAttributes,
  conversationWorkflowId,
  type ConversationTrigger,
  type CarriedConversationState,
  type ConversationWorkflowInput,
  type LegacyConversationWorkflowInput,
  type CustomerMessage,
} from '../../workflows/definitions';
import type { conversationWorkflow } from '../../workflows';
import { compileFlow, type FlowGraph } from '../../workflows/engine';
import { summarizeConversationStart } from '../../workflows/run-summaries';
import { startTestDatabase, type TestDatabase } from './database';
import { startFakeGraphApi, type FakeGraphApi } from './fake-graph-api';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { connectTemporalTestEnv, createTemporalTestEnv } from './temporal-env';

export interface FullStackOptions {
  /** Virtual clock that skips ahead when idle (default true); false for real-time benchmarks. */
  timeSkipping?: boolean;
  /** A Temporal server the caller runs (and may restart); overrides `timeSkipping`. */
  temporalAddress?: string;
  /** Start the in-process worker (default true). False when the test runs workers itself. */
  startWorker?: boolean;
  /** Extra Worker options (cache size, concurrency…) for the in-process worker. */
  workerOptions?: Partial<WorkerOptions>;
  /** Overrides of the activities' dependencies (e.g. `graphTimeoutMs`). */
  activityDeps?: Partial<Omit<ActivityDeps, 'dataSource' | 'config'>>;
  /** OPENAI_API_KEY for the activities; null runs them with the LLM not configured. Default a test key. */
  openaiApiKey?: string | null;
  /** DATA_DIR shared with an API (flow generation uploads); without it the worker generates from prompts only. */
  dataDir?: string;
}

/** A user with one WhatsApp business number. */
export interface SeededAccount {
  userId: string;
  whatsappAccountId: string;
  phoneNumberId: string;
  accessToken: string;
}

/** A started conversation run. */
export interface StartedRun {
  conversationId: string;
  workflowId: string;
  customerPhone: string;
  input: ConversationWorkflowInput | LegacyConversationWorkflowInput;
  handle: WorkflowHandleWithFirstExecutionRunId<typeof conversationWorkflow>;
}

export interface StartConversationOptions {
  account: SeededAccount;
  /** The flow to run: an existing flow row (its current graph is snapshotted), or a graph to store. */
  flowId?: string;
  drawflowData?: unknown;
  trigger?: ConversationTrigger;
  variables?: Record<string, unknown>;
  customerPhone?: string;
  continueAsNewAfterEvents?: number;
  /** Start it as runs started before the API compiled flows: the Drawflow document in the input. */
  legacyInput?: boolean;
  /** Start it as a run continued-as-new with this state (no opening step). */
  carried?: CarriedConversationState;
}

export interface FullStack {
  env: TestWorkflowEnvironment;
  client: Client;
  db: TestDatabase;
  dataSource: DataSource;
  graph: FakeGraphApi;
  openai: FakeOpenAI;
  taskQueue: string;
  /** What the activities were configured with (fakes' URLs, the encryption key). */
  activityConfig: ActivityConfig;
  /** The in-process worker, when running. */
  worker: Worker | undefined;
  /** Starts the in-process worker (when not running). */
  startWorker(): Promise<void>;
  /** Stops the in-process worker gracefully (when running). */
  stopWorker(): Promise<void>;
  seedAccount(options?: { messagesPerSecond?: number }): Promise<SeededAccount>;
  /** Inserts an active flow; returns its id. */
  seedFlow(account: SeededAccount, drawflowData: unknown, options?: { name?: string }): Promise<string>;
  /** Inserts the conversation row (as the API does) and starts `conversationWorkflow` for it. */
  startConversation(options: StartConversationOptions): Promise<StartedRun>;
  /** A customer message with a fresh wamid. */
  customerMessage(text: string, options?: { replyId?: string; waMessageId?: string }): CustomerMessage;
  /** The Graph messages sent to `customerPhone`, in order. */
  messagesTo(customerPhone: string): { type: string; body: Record<string, unknown> }[];
  stop(): Promise<void>;
}

/** Hex SHA-256 of a phone number, as the `CustomerPhoneHash` search attribute stores it. */
export function hashCustomerPhone(phone: string): string {
  return createHash('sha256').update(phone, 'utf8').digest('hex');
}

let bundle: Promise<WorkflowBundle> | undefined;

/**
 * The workflow bundle: the one `npm test` built for the whole run (WORKFLOW_BUNDLE_PATH), else built
 * once per process (webpack takes seconds of CPU; tests start several workers).
 */
export function flowWorkflowBundle(): Promise<WorkflowBundle> {
  const prebuilt = process.env.WORKFLOW_BUNDLE_PATH;
  bundle ??= prebuilt
    ? fs.promises.readFile(prebuilt, 'utf8').then((code) => ({ code }))
    : bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
  return bundle;
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: unknown) => console.error(message, meta),
};

/** The run snapshot of a stored flow, as the API compiles it; a flow that cannot run is a test's mistake. */
function compiledGraph(drawflowData: unknown): FlowGraph {
  const { graph, problems } = compileFlow(drawflowData);
  if (graph === null) throw new Error(`The test flow cannot run: ${JSON.stringify(problems)}`);
  return graph;
}

/**
 * Keeps test output readable: Temporal's logs (workflow and activity lines included) at WARN unless
 * FLOWBOT_TEST_LOG_LEVEL says otherwise. Must run before the first Temporal object is created.
 */
function quietTemporalLogs(): void {
  const level = (process.env.FLOWBOT_TEST_LOG_LEVEL ?? 'WARN').toUpperCase() as LogLevel;
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // Already installed by this process (another suite, or a test that wants its own logger).
  }
}

/** Starts everything; call `stop()` in `after`. */
export async function startFullStack(options: FullStackOptions = {}): Promise<FullStack> {
  quietTemporalLogs();
  const [db, env, graph, openai, workflowBundle] = await Promise.all([
    startTestDatabase(),
    options.temporalAddress
      ? connectTemporalTestEnv(options.temporalAddress)
      : createTemporalTestEnv({ timeSkipping: options.timeSkipping ?? true }),
    startFakeGraphApi(),
    startFakeOpenAI(),
    flowWorkflowBundle(),
  ]);
  const dataEncryptionKey = randomBytes(32);
  const activityConfig: ActivityConfig = {
    dataEncryptionKey,
    whatsapp: {
      graphBaseUrl: graph.baseUrl,
      graphVersion: 'v23.0',
      appSecret: 'test-app-secret',
      verifyToken: 'test-verify-token',
      messagesPerSecond: 1000,
    },
    openai: {
      apiKey: options.openaiApiKey === null ? undefined : (options.openaiApiKey ?? 'sk-test'),
      baseUrl: openai.baseUrl,
      model: 'gpt-4o-mini',
      timeoutMs: 5_000,
    },
    httpNode: { allowPrivate: true },
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  };
  const taskQueue = `flowbot-test-${randomUUID()}`;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  const stack: FullStack = {
    env,
    client: env.client,
    db,
    dataSource: db.dataSource,
    graph,
    openai,
    taskQueue,
    activityConfig,
    get worker() {
      return worker;
    },
    async startWorker() {
      if (worker) return;
      worker = await createFlowWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        activitiesDeps: {
          dataSource: db.dataSource,
          config: activityConfig,
          // Activities start the webhook deliveries they record, as the worker process has them do.
          temporalClient: env.client,
          ...options.activityDeps,
        },
        options: { workflowBundle, ...options.workerOptions },
      });
      running = worker.run();
    },
    async stopWorker() {
      if (!worker) return;
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      worker = undefined;
    },
    async seedAccount(seed = {}) {
      const accessToken = `EAAG-${randomBytes(8).toString('hex')}`;
      const phoneNumberId = String(100_000_000 + Math.floor(Math.random() * 899_999_999));
      const [{ id: userId }]: { id: string }[] = await db.dataSource.query(
        `INSERT INTO users (username, "displayName", "passwordHash") VALUES ($1, 'Owner', 'x') RETURNING id`,
        [`owner-${randomUUID()}`],
      );
      const [{ id: whatsappAccountId }]: { id: string }[] = await db.dataSource.query(
        `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted", "messagesPerSecond")
         VALUES ($1, $2, '+15550001111', $3, $4) RETURNING id`,
        [
          userId,
          phoneNumberId,
          encryptSecret(accessToken, dataEncryptionKey),
          seed.messagesPerSecond ?? 1000,
        ],
      );
      return { userId, whatsappAccountId, phoneNumberId, accessToken };
    },
    async seedFlow(account, drawflowData, flowOptions = {}) {
      const [{ id }]: { id: string }[] = await db.dataSource.query(
        `INSERT INTO flows ("userId", "whatsappAccountId", name, status, "drawflowData")
         VALUES ($1, $2, $3, 'active', $4::jsonb) RETURNING id`,
        [
          account.userId,
          account.whatsappAccountId,
          flowOptions.name ?? 'Test flow',
          JSON.stringify(drawflowData),
        ],
      );
      return id;
    },
    async startConversation(start) {
      const { account } = start;
      const flowId = start.flowId ?? (await stack.seedFlow(account, start.drawflowData));
      const [flow]: { version: number; drawflowData: unknown; name: string }[] = await db.dataSource.query(
        `SELECT version, "drawflowData", name FROM flows WHERE id = $1`,
        [flowId],
      );
      const trigger = start.trigger ?? { source: 'lead' };
      const customerPhone = start.customerPhone ?? randomPhone();
      const conversationId = randomUUID();
      const workflowId = conversationWorkflowId(conversationId);
      const variables = start.variables ?? {};
      await db.dataSource.query(
        `INSERT INTO conversations
           (id, "userId", "whatsappAccountId", "flowId", "flowVersion", "customerPhone", status,
            "triggerSource", variables, "lastCustomerMessageAt", "workflowId")
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8::jsonb, $9, $10)`,
        [
          conversationId,
          account.userId,
          account.whatsappAccountId,
          flowId,
          flow.version,
          customerPhone,
          trigger.source,
          JSON.stringify(variables),
          trigger.source === 'inbound' ? new Date(trigger.firstMessage.sentAt) : null,
          workflowId,
        ],
      );
      const customerPhoneHash = hashCustomerPhone(customerPhone);
      const graph = start.legacyInput
        ? { drawflowData: flow.drawflowData }
        : { flow: compiledGraph(flow.drawflowData) };
      const input = {
        conversationId,
        flowId,
        flowVersion: flow.version,
        ...graph,
        variables,
        trigger,
        whatsappAccountId: account.whatsappAccountId,
        customerPhone,
        customerPhoneHash,
        ...(start.continueAsNewAfterEvents
          ? { continueAsNewAfterEvents: start.continueAsNewAfterEvents }
          : {}),
        ...(start.carried ? { carried: start.carried } : {}),
      };
      const handle = await env.client.workflow.start<typeof conversationWorkflow>('conversationWorkflow', {
        taskQueue,
        workflowId,
        // A legacy input is what the workflow's signature no longer admits, but old runs carry.
        args: [input as ConversationWorkflowInput],
        typedSearchAttributes: [
          { key: conversationSearchAttributes.flowId, value: flowId },
          { key: conversationSearchAttributes.conversationId, value: conversationId },
          { key: conversationSearchAttributes.triggerSource, value: trigger.source },
          { key: conversationSearchAttributes.phoneHash, value: customerPhoneHash },
        ],
        ...summarizeConversationStart({
          flowName: flow.name,
          flowId,
          flowVersion: flow.version,
          trigger: trigger.source,
          conversationId,
        }),
      });
      return { conversationId, workflowId, customerPhone, input, handle };
    },
    customerMessage(text, message = {}) {
      return {
        waMessageId: message.waMessageId ?? `wamid.CUSTOMER${randomBytes(10).toString('hex')}`,
        type: message.replyId ? 'interactive' : 'text',
        text,
        ...(message.replyId ? { replyId: message.replyId } : {}),
        sentAt: Date.now(),
      };
    },
    messagesTo(customerPhone) {
      const to = customerPhone.replace(/^\+/, '');
      return graph
        .sentMessages()
        .filter((message) => message.to === to)
        .map((message) => ({ type: message.type, body: message.body }));
    },
    async stop() {
      await stack.stopWorker().catch(() => undefined);
      await Promise.allSettled([env.teardown(), graph.stop(), openai.stop(), db.stop()]);
    },
  };
  try {
    if (options.startWorker ?? true) await stack.startWorker();
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

let phoneCounter = 0;
const phoneBase = Math.floor(Math.random() * 1e4) * 1e4;

/** A valid-looking E.164 number (+49 151 …), unique within this process (a counter, not chance). */
export function randomPhone(): string {
  phoneCounter += 1;
  return `+49151${String((phoneBase + phoneCounter) % 1e8).padStart(8, '0')}`;
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
