/**
 * Everything `POST /api/flows/generate` needs, on loopback: a throw-away PostgreSQL, the Temporal
 * emulator, the fake OpenAI server, a worker running generateFlowWorkflow with the real activities,
 * and the API with the generation route. `post(form)` sends multipart/form-data as a user.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Middleware } from 'koa';
import { buildApp } from '../../api/app';
import type { AppState } from '../../api/app-state';
import { createFlowGenerationRouter } from '../../api/routes/flow-generation';
import { createFlowGenerationActivities } from '../../activities/flow-generation';
import { User } from '../../entities/user';
import { loadConfig, type AppConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { GENERATION_UPLOADS_FOLDER } from '../../workflows/generate-flow-definitions';
import { startTestDatabase, type TestDatabase } from './database';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';
import { createTemporalTestEnv } from './temporal-env';

export interface FlowGenerationStack {
  baseUrl: string;
  /** The same API without OPENAI_API_KEY (for the 503). */
  unconfiguredBaseUrl: string;
  db: TestDatabase;
  openai: FakeOpenAI;
  env: TestWorkflowEnvironment;
  config: AppConfig;
  userId: string;
  uploadDir: string;
  /** POSTs the form to /api/flows/generate as the seeded user (`baseUrl` picks another server). */
  post(form: FormData, options?: { baseUrl?: string; headers?: Record<string, string> }): Promise<Response>;
  stop(): Promise<void>;
}

const TASK_QUEUE = 'flow-generation-test';

/** Test-only authentication: `X-Test-User` names the caller (the real auth middleware is tested on its own). */
function testAuthenticate(): Middleware<AppState> {
  return async (ctx, next) => {
    const userId = ctx.get('x-test-user');
    if (userId) (ctx.state as AppState & { user?: { id: string } }).user = { id: userId };
    await next();
  };
}

/** Starts the stack. */
export async function startFlowGenerationStack(): Promise<FlowGenerationStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-generation-'));
  const [db, openai, env] = await Promise.all([
    startTestDatabase(),
    startFakeOpenAI(),
    createTemporalTestEnv(),
  ]);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    OPENAI_BASE_URL: openai.baseUrl,
    OPENAI_API_KEY: 'sk-test-generation',
  });
  const uploadDir = path.join(dataDir, GENERATION_UPLOADS_FOLDER);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowsPath: require.resolve('../../workflows/generate-flow-workflow'),
    activities: createFlowGenerationActivities({
      openai: { ...config.openai, apiKey: 'sk-test-generation' },
      uploadDir,
    }),
  });
  const running = worker.run();
  const serve = async (appConfig: AppConfig) => {
    const app = buildApp({
      config: appConfig,
      dataSource: db.dataSource,
      logger: createLogger({ level: 'silent' }),
      checkTemporal: async () => undefined,
      temporalClient: env.client,
    });
    app.use(
      createFlowGenerationRouter({
        config: appConfig,
        dataSource: db.dataSource,
        temporalClient: env.client,
        authenticate: testAuthenticate(),
      }).routes(),
    );
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const configured = await serve(config);
  const unconfigured = await serve({ ...config, openai: { ...config.openai, apiKey: undefined } });
  const baseUrl = configured.url;
  const user = await db.dataSource.getRepository(User).save({
    username: 'generator',
    displayName: 'Generator',
    passwordHash: 'unused',
  });

  return {
    baseUrl,
    unconfiguredBaseUrl: unconfigured.url,
    db,
    openai,
    env,
    config,
    userId: user.id,
    uploadDir,
    post: (form, postOptions = {}) =>
      fetch(`${postOptions.baseUrl ?? baseUrl}/api/flows/generate`, {
        method: 'POST',
        headers: { 'x-test-user': user.id, ...postOptions.headers },
        body: form,
      }),
    stop: async () => {
      for (const { server } of [configured, unconfigured]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      worker.shutdown();
      await running;
      await Promise.all([env.teardown(), openai.stop(), db.stop()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
