/**
 * What the integration guide's snippets run against: test/support/full-stack.ts (PostgreSQL, the
 * Temporal dev server, a worker, the fake Graph API and fake OpenAI) plus the HTTP API
 * on a loopback port configured like production would be (same encryption key and task queue,
 * OpenAI pointed at the fake), and one user set up the way an integrator's account is: a password,
 * approved API access with rotated client credentials, a flow with its outbound token and HMAC
 * secret, a template group, and a conversation whose 24-hour window is open.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiServer, type ApiServer } from '../../api/start-api-server';
import { signSessionToken } from '../../api/auth/auth-tokens';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { hashPassword } from '../../platform/secrets';
import { startFullStack, type FullStack } from '../support/full-stack';
import { asStrictAnswer, pizzaSupportGraph } from '../support/generated-graphs';
import { buildOutboundFlow } from '../api/api-stack';
import {
  randomPhone,
  seedConversation,
  seedFlow,
  seedTemplateGroup,
  seedTenant,
  type SeededTenant,
} from '../api/conversation-fixtures';

/** The integrator's settings, as the snippets read them from the environment. */
export interface IntegratorAccount {
  username: string;
  password: string;
  clientId: string;
  apiKey: string;
  flowId: string;
  outboundToken: string;
  hmacSecret: string;
  templateGroupId: string;
  tenant: SeededTenant;
}

export interface SnippetStack {
  stack: FullStack;
  baseUrl: string;
  /** The API's DATA_DIR: its generated development secrets are in `dev-secrets.json`. */
  dataDir: string;
  account: IntegratorAccount;
  /** A fresh conversation of the account with the customer's window open (for replies). */
  openConversation(): Promise<string>;
  /** A fresh conversation of the account whose flow runs (started by the outbound trigger). */
  runningConversation(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the stack and sets up the account; `env` adds to the API's configuration (e.g. TEMPORAL_WEB_UI_URL). */
export async function startSnippetStack(options: { env?: NodeJS.ProcessEnv } = {}): Promise<SnippetStack> {
  const stack = await startFullStack({ timeSkipping: false });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-snippets-'));
  let api: ApiServer | undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DATA_ENCRYPTION_KEY: stack.activityConfig.dataEncryptionKey.toString('hex'),
      WHATSAPP_GRAPH_BASE_URL: stack.graph.baseUrl,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: stack.openai.baseUrl,
      // The integrator's development machine: the guide's webhook endpoint listens on loopback.
      HTTP_NODE_ALLOW_PRIVATE: 'true',
      ...options.env,
    });
    api = await startApiServer(
      {
        config,
        dataSource: stack.dataSource,
        logger: createLogger({ level: 'silent' }),
        checkTemporal: async () => undefined,
        temporalClient: stack.client,
      },
      0,
    );
    const baseUrl = `http://127.0.0.1:${api.port}`;
    // Flow generation answers with a valid graph whenever the model is asked.
    stack.openai.setDefault({ json: asStrictAnswer(pizzaSupportGraph()) });

    const key = stack.activityConfig.dataEncryptionKey;
    const tenant = await seedTenant(stack.dataSource, key);
    const password = 'correct horse battery staple';
    await stack.dataSource.query(`UPDATE users SET "passwordHash" = $1 WHERE id = $2`, [
      await hashPassword(password),
      tenant.userId,
    ]);
    // Settings → API Access → rotate, as the user would (the seeded user is approved).
    const rotate = await fetch(`${baseUrl}/api/settings/api-access/rotate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signSessionToken(tenant.userId, 0, config.jwtSecret)}` },
    });
    if (!rotate.ok) throw new Error(`rotating the API key answered ${rotate.status}: ${await rotate.text()}`);
    const { clientId, apiKey } = (await rotate.json()) as { clientId: string; apiKey: string };
    const flow = await seedFlow(stack.dataSource, key, tenant, buildOutboundFlow(), {
      name: 'Customer Support',
    });
    const templateGroupId = await seedTemplateGroup(stack.dataSource, tenant, [
      { name: 'order_update', language: 'en', bodyParamCount: 1 },
    ]);
    const server = api;
    return {
      stack,
      baseUrl,
      dataDir,
      account: {
        username: tenant.username,
        password,
        clientId,
        apiKey,
        flowId: flow.flowId,
        outboundToken: flow.outboundToken,
        hmacSecret: flow.hmacSecret,
        templateGroupId,
        tenant,
      },
      openConversation: () =>
        seedConversation(stack.dataSource, tenant, {
          status: 'handoff',
          lastCustomerMessageAt: new Date(),
          customerName: 'John Doe',
        }),
      async runningConversation() {
        const started = await fetch(`${baseUrl}/api/webhook/outbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${flow.outboundToken}` },
          body: JSON.stringify({
            phone: randomPhone(),
            flowId: flow.flowId,
            templateGroupId,
            data: { customerName: 'John Doe', templateParams: ['ORD-1'] },
          }),
        });
        if (!started.ok)
          throw new Error(`the outbound trigger answered ${started.status}: ${await started.text()}`);
        return ((await started.json()) as { conversationId: string }).conversationId;
      },
      async stop() {
        await server.close(0);
        await stack.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await api?.close(0);
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
