/**
 * The conversation-domain API on the real stack: test/support/full-stack.ts (PostgreSQL, the Temporal dev server in
 * real time, worker, fake Graph API) plus the HTTP API listening on loopback with the same
 * encryption key, app secret and task queue, and callers with real JWTs.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { signApiToken, signSessionToken } from '../../api/auth/auth-tokens';
import { startApiServer, type ApiServer } from '../../api/start-api-server';
import { loadConfig, type AppConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { hashToken } from '../../platform/secrets';
import { startFullStack, type FullStack, type FullStackOptions } from '../support/full-stack';
import { signWebhookBody } from '../support/whatsapp-webhook-payloads';
import {
  seedFlow,
  seedTemplateGroup,
  seedTenant,
  type SeededFlow,
  type SeededTenant,
} from './conversation-fixtures';
import { flow } from '../support/flow-builder';
import { createEagerStartClient } from '../../worker/eager-start-client';

/** The WhatsApp app secret the API checks webhook signatures with. */
export const APP_SECRET = 'test-app-secret';

/** A tenant with credentials for each way a person calls the API. */
export interface Caller extends SeededTenant {
  /** API JWT (from client credentials). */
  apiToken: string;
  /** Session JWT (login), usable as cookie or Bearer. */
  sessionToken: string;
}

/** An HTTP answer with its parsed JSON body (or text). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface RequestOptions {
  /** An object is sent as JSON; a string is sent as is (exact bytes, e.g. malformed JSON). */
  body?: unknown;
  /** Bearer token. */
  token?: string;
  headers?: Record<string, string>;
}

export interface ApiStack {
  stack: FullStack;
  api: ApiServer;
  baseUrl: string;
  config: AppConfig;
  /** Every log line the API wrote. */
  logLines: string[];
  seedCaller(options?: { role?: 'admin' | 'user' }): Promise<Caller>;
  seedFlow(
    caller: SeededTenant,
    drawflowData: unknown,
    options?: { status?: 'draft' | 'active' | 'archived' },
  ): Promise<SeededFlow>;
  seedTemplateGroup(
    caller: SeededTenant,
    templates: Parameters<typeof seedTemplateGroup>[2],
  ): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** POSTs a WhatsApp notification signed with {@link APP_SECRET}. */
  postWhatsAppWebhook(payload: unknown): Promise<ApiResponse>;
  stop(): Promise<void>;
}

/** Options of {@link startApiStack}. */
export interface ApiStackOptions {
  /** Extra environment of the API (e.g. OPENAI_API_KEY, OPENAI_BASE_URL). */
  env?: NodeJS.ProcessEnv;
  /** Options of the worker's stack; API and worker always share DATA_DIR. */
  fullStack?: Omit<FullStackOptions, 'timeSkipping' | 'dataDir'>;
  /**
   * The API's client on the worker's connection with eager workflow start, as `npm start` builds it
   * (one process); default a separate client, as with `npm run api` beside `npm run worker`.
   */
  eagerStart?: boolean;
}

/** Starts the stack (real time: conversations wait as they would in production) and the API. */
export async function startApiStack(options: ApiStackOptions = {}): Promise<ApiStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-api-stack-'));
  let stack: FullStack;
  try {
    stack = await startFullStack({ ...options.fullStack, timeSkipping: false, dataDir });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const logLines: string[] = [];
  try {
    const config = loadConfig({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_ENCRYPTION_KEY: stack.activityConfig.dataEncryptionKey.toString('hex'),
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'test-verify-token',
      WHATSAPP_GRAPH_BASE_URL: stack.graph.baseUrl,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      ...options.env,
    });
    const logger = createLogger({
      level: 'debug',
      destination: new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    });
    const api = await startApiServer(
      {
        config,
        dataSource: stack.dataSource,
        logger,
        checkTemporal: async () => undefined,
        temporalClient: options.eagerStart
          ? createEagerStartClient({
              connection: stack.env.nativeConnection,
              namespace: stack.env.namespace ?? 'default',
              taskQueue: stack.taskQueue,
            })
          : stack.client,
      },
      0,
    );
    const baseUrl = `http://127.0.0.1:${api.port}`;
    const key = stack.activityConfig.dataEncryptionKey;

    const request = async (method: string, urlPath: string, options: RequestOptions = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${urlPath}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Plain text answers (webhook verification) stay text.
      }
      return { status: response.status, headers: response.headers, body: parsed };
    };

    return {
      stack,
      api,
      baseUrl,
      config,
      logLines,
      async seedCaller(options = {}) {
        const tenant = await seedTenant(stack.dataSource, key, options);
        const clientId = `aiflow_${randomBytes(8).toString('hex')}`;
        await stack.dataSource.query(
          `INSERT INTO api_clients ("userId", "clientId", "apiKeyHash") VALUES ($1, $2, $3)`,
          [tenant.userId, clientId, hashToken(`sk_${randomBytes(16).toString('hex')}`)],
        );
        return {
          ...tenant,
          apiToken: signApiToken(tenant.userId, clientId, config.jwtSecret, 3600),
          sessionToken: signSessionToken(tenant.userId, 0, config.jwtSecret),
        };
      },
      seedFlow: (caller, drawflowData, flowOptions) =>
        seedFlow(stack.dataSource, key, caller, drawflowData, flowOptions),
      seedTemplateGroup: (caller, templates) => seedTemplateGroup(stack.dataSource, caller, templates),
      request,
      postWhatsAppWebhook(payload) {
        const raw = JSON.stringify(payload);
        return request('POST', '/api/whatsapp/webhook', {
          body: raw,
          headers: { 'x-hub-signature-256': signWebhookBody(raw, APP_SECRET) },
        });
      },
      async stop() {
        await api.close(0);
        await stack.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A flow for outbound triggers: the trigger's template opens it, a prompt-less question waits for
 * the customer's answer, then a thank-you text and the end.
 */
export function buildOutboundFlow(): unknown {
  return flow()
    .start()
    .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 1440 })
    .then('message', { text: 'Thanks {{customerName}}, you said {{answer}}' })
    .then('end', {})
    .build();
}

/** A flow for leads: opens with its own template (the window is closed), then as the outbound flow. */
export function buildLeadFlow(): unknown {
  return flow()
    .start()
    .then('template', { name: 'lead_welcome', language: 'en', bodyParams: ['{{name}}'] })
    .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 1440 })
    .then('message', { text: 'Thanks {{name}}, you said {{answer}}' })
    .then('end', {})
    .build();
}
