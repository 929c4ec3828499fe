/**
 * Everything `POST /api/flows/generate` needs, on loopback: test/api/api-stack.ts (PostgreSQL, the
 * Temporal dev server, a worker with the real activities, the fake OpenAI server, and the API as
 * buildApp mounts it) with the model configured and DATA_DIR shared by API and worker, plus a second
 * API without OPENAI_API_KEY for the 503. Callers get their credentials through the real routes.
 */
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { startApiServer, type ApiServer } from '../../api/start-api-server';
import { createLogger } from '../../platform/logger';
import { hashPassword } from '../../platform/secrets';
import { GENERATION_UPLOADS_FOLDER } from '../../workflows/generate-flow-definitions';
import { startApiStack, type ApiStack } from '../api/api-stack';
import { seedTenant } from '../api/conversation-fixtures';
import type { FakeOpenAI } from './fake-openai';

/** The key the worker sends to the fake OpenAI server. */
export const GENERATION_API_KEY = 'sk-test-generation';

/** A user with API access and both credentials a person calls the API with. */
export interface GenerationCaller {
  userId: string;
  /** `flowbot_session=…`, from `POST /api/auth/login`. */
  cookie: string;
  /** API JWT, from rotating the API key and `POST /api/auth/api-token`. */
  apiToken: string;
}

/** How {@link FlowGenerationStack.post} authenticates. */
export interface PostOptions {
  /** Default: the stack's own caller. */
  caller?: GenerationCaller;
  /** Default `cookie`; `none` sends no credential. */
  credential?: 'cookie' | 'bearer' | 'none';
  /** Another server (e.g. `unconfiguredBaseUrl`). */
  baseUrl?: string;
}

export interface FlowGenerationStack {
  api: ApiStack;
  baseUrl: string;
  /** The same API without OPENAI_API_KEY (for the 503). */
  unconfiguredBaseUrl: string;
  dataSource: DataSource;
  openai: FakeOpenAI;
  uploadDir: string;
  /** A caller made at start. */
  caller: GenerationCaller;
  /** A new user (own business number) with its credentials. */
  createCaller(): Promise<GenerationCaller>;
  /** POSTs the form to /api/flows/generate. */
  post(form: FormData, options?: PostOptions): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts the stack. */
export async function startFlowGenerationStack(): Promise<FlowGenerationStack> {
  const api = await startApiStack({
    fullStack: { openaiApiKey: GENERATION_API_KEY },
    env: { OPENAI_API_KEY: GENERATION_API_KEY },
  });
  let unconfigured: ApiServer | undefined;
  try {
    // The API only checks that a key is set; the worker holds the one sent to the fake OpenAI.
    const { stack, config, baseUrl } = api;
    unconfigured = await startApiServer(
      {
        config: { ...config, openai: { ...config.openai, apiKey: undefined } },
        dataSource: stack.dataSource,
        logger: createLogger({ level: 'silent' }),
        checkTemporal: async () => undefined,
        temporalClient: stack.client,
      },
      0,
    );
    const unconfiguredServer = unconfigured;

    const createCaller = async (): Promise<GenerationCaller> => {
      const tenant = await seedTenant(stack.dataSource, stack.activityConfig.dataEncryptionKey);
      const password = `pw-${tenant.username}`;
      await stack.dataSource.query(`UPDATE users SET "passwordHash" = $1 WHERE id = $2`, [
        await hashPassword(password),
        tenant.userId,
      ]);
      const login = await fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: tenant.username, password }),
      });
      const cookie = login.headers
        .getSetCookie()
        .find((value) => value.startsWith('flowbot_session='))
        ?.split(';')[0];
      if (!cookie) throw new Error(`login answered ${login.status}: ${await login.text()}`);
      const rotate = await fetch(`${baseUrl}/api/settings/api-access/rotate`, {
        method: 'POST',
        headers: { cookie },
      });
      if (!rotate.ok) throw new Error(`rotate answered ${rotate.status}: ${await rotate.text()}`);
      const { clientId, apiKey } = (await rotate.json()) as { clientId: string; apiKey: string };
      const exchange = await api.request('POST', '/api/auth/api-token', { body: { clientId, apiKey } });
      if (exchange.status !== 200) throw new Error(`api-token answered ${exchange.status}`);
      return {
        userId: tenant.userId,
        cookie,
        apiToken: (exchange.body as { accessToken: string }).accessToken,
      };
    };

    const caller = await createCaller();
    return {
      api,
      baseUrl,
      unconfiguredBaseUrl: `http://127.0.0.1:${unconfiguredServer.port}`,
      dataSource: stack.dataSource,
      openai: stack.openai,
      uploadDir: path.join(config.dataDir, GENERATION_UPLOADS_FOLDER),
      caller,
      createCaller,
      post: (form, options = {}) => {
        const as = options.caller ?? caller;
        const credential = options.credential ?? 'cookie';
        const headers: Record<string, string> = {};
        if (credential === 'cookie') headers.cookie = as.cookie;
        if (credential === 'bearer') headers.authorization = `Bearer ${as.apiToken}`;
        return fetch(`${options.baseUrl ?? baseUrl}/api/flows/generate`, {
          method: 'POST',
          headers,
          body: form,
        });
      },
      async stop() {
        await unconfiguredServer.close(0);
        await api.stop();
      },
    };
  } catch (error) {
    await unconfigured?.close(0);
    await api.stop();
    throw error;
  }
}
