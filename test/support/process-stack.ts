/**
 * The whole product as separate processes on loopback, the way production runs it: an embedded
 * PostgreSQL (restartable on the same data folder and port), a real Temporal server (`npm test`'s
 * shared dev server, one of the stack's own, or a given one such as `npm run test:production`'s
 * cluster), one or more workers and one or more APIs (child processes running worker/main.ts and
 * api/main.ts), and the fake Graph API / fake OpenAI in this process so tests can count what was sent.
 * The fault suite kills and restarts parts of it; the benchmarks measure it.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../entities';
import {
  createTemporaryDirectory,
  findFreePort,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../platform/embedded-postgres';
import { generateEncryptionKey, generateToken } from '../../platform/secrets';
import { startTemporalDevServer, type TemporalDevServer } from '../../platform/temporal-dev-server';
import {
  logSize,
  REPO_ROOT,
  sleep,
  startChildService,
  waitForLogLine,
  type ChildService,
} from './child-service';
import { startFakeGraphApi, type FakeGraphApi } from './fake-graph-api';
import { startFakeOpenAI, type FakeOpenAI } from './fake-openai';

/** Options of {@link startProcessStack}. */
export interface ProcessStackOptions {
  /** State folder (database, Temporal log, logs); a temporary one, deleted by `stop()`, when omitted. */
  directory?: string;
  /** LOG_LEVEL of the API (default `warn`: a log line per request would cost benchmark time). */
  logLevel?: string;
  /** LOG_LEVEL of workers (default `info`: their readiness line, "worker running", is an info line). */
  workerLogLevel?: string;
  /** Workers started with the stack (default 1). */
  workers?: number;
  /** Extra environment for the API and workers (e.g. WHATSAPP_MESSAGES_PER_SECOND). */
  env?: Record<string, string>;
  /**
   * API entry point relative to the repository (default `api/main.ts`); `scripts/start.ts` runs the
   * API and the worker in one process, as `npm start` does (give `workers: 0` then).
   */
  apiScript?: string;
  /** Node arguments of the API process (e.g. `--cpu-prof`). */
  apiNodeArgs?: string[];
  /** Node arguments of worker processes. */
  workerNodeArgs?: string[];
  /** Worker entry point relative to the repository (default `worker/main.ts`). */
  workerScript?: string;
  /** Keep the state folder after `stop()` (profiles and logs live there). */
  keepDirectory?: boolean;
  /**
   * Start a Temporal dev server for this stack alone even when `npm test` shares one (benchmarks do:
   * they measure the server's resources and must not share it with other work).
   */
  ownTemporal?: boolean;
  /** A Temporal frontend to use instead of a dev server (`npm run test:production`'s cluster). */
  temporalAddress?: string;
  /** API processes (default 1), each on a port of its own, all on the same database and Temporal. */
  apis?: number;
}

/** Secrets the API and worker were started with. */
export interface StackSecrets {
  jwtSecret: string;
  dataEncryptionKey: string;
  whatsappAppSecret: string;
  whatsappVerifyToken: string;
}

/** A running stack; see {@link startProcessStack}. */
export interface ProcessStack {
  directory: string;
  /** The first API's URL and port. */
  apiUrl: string;
  apiPort: number;
  /** Every API's URL, the first one first (see `apis`). */
  apiUrls: string[];
  databaseUrl: string;
  temporalAddress: string;
  secrets: StackSecrets;
  graph: FakeGraphApi;
  openai: FakeOpenAI;
  /** This process's own connection, for seeding and for checking results. */
  dataSource: DataSource;
  temporal: Client;
  /** The first API; the others are in `apis`. */
  api: ChildService;
  /** Every API process, the first one first. */
  apis: ChildService[];
  /** The pid of the stack's own Temporal dev server; undefined when it uses `npm test`'s shared one. */
  temporalPid: number | undefined;
  /** The task queue of this stack's workers (unique, so stacks can share a Temporal server). */
  taskQueue: string;
  workers: ChildService[];
  /** Starts one more worker and waits until it polls. */
  startWorker(): Promise<ChildService>;
  /** Sends `signal` to a worker (default: all of them) and waits for it to exit. */
  stopWorkers(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the API (SIGTERM, graceful) and starts it again on the same port. */
  restartApi(signal?: NodeJS.Signals): Promise<void>;
  /** Stops PostgreSQL (fast shutdown); the data stays. */
  stopPostgres(): Promise<void>;
  /** Starts PostgreSQL again on the same folder and port. */
  startPostgres(): Promise<void>;
  /** Stops everything, in reverse order; safe to call twice. */
  stop(): Promise<void>;
}

/** Lines the worker and API log once they serve; matched loosely so log wording can evolve. */
const WORKER_READY = /"msg":"[^"]*worker[^"]*(running|started|polling|ready|listening)/i;

/** Starts PostgreSQL, migrations, Temporal, the fakes, the worker(s) and the API. */
export async function startProcessStack(options: ProcessStackOptions = {}): Promise<ProcessStack> {
  const directory = options.directory ?? createTemporaryDirectory('flowbot-stack-');
  fs.mkdirSync(directory, { recursive: true });
  const logs = path.join(directory, 'logs');
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    if (!options.keepDirectory) fs.rmSync(directory, { recursive: true, force: true });
  };

  try {
    const pgPort = await findFreePort();
    let postgres: EmbeddedPostgres | null = await startEmbeddedPostgres({
      directory: path.join(directory, 'postgres'),
      port: pgPort,
    });
    stops.push(async () => {
      await postgres?.stop();
    });
    const databaseUrl = postgres.url;
    const dataSource = createDataSource(databaseUrl, { poolSize: 6 });
    await dataSource.initialize();
    await runMigrations(dataSource);
    stops.push(async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    });

    const graph = await startFakeGraphApi();
    stops.push(() => graph.stop());
    const openai = await startFakeOpenAI();
    stops.push(() => openai.stop());

    const sharedAddress =
      options.temporalAddress ?? (options.ownTemporal ? undefined : process.env.TEMPORAL_TEST_ADDRESS);
    let ownServer: TemporalDevServer | undefined;
    if (!sharedAddress) {
      ownServer = await startTemporalDevServer({ logFile: path.join(logs, 'temporal.log') });
      stops.push(ownServer.stop);
    }
    const temporalAddress = sharedAddress ?? ownServer!.address;
    const taskQueue = `flowbot-stack-${randomUUID()}`;
    const connection = await Connection.connect({ address: temporalAddress });
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: 'default' });

    const secrets: StackSecrets = {
      jwtSecret: generateToken(32),
      dataEncryptionKey: generateEncryptionKey(),
      whatsappAppSecret: generateToken(24),
      whatsappVerifyToken: generateToken(16),
    };
    const apiPorts: number[] = [];
    for (let i = 0; i < (options.apis ?? 1); i++) apiPorts.push(await findFreePort());
    const [apiPort] = apiPorts;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(apiPort),
      DATA_DIR: path.join(directory, 'data'),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      LOG_LEVEL: options.logLevel ?? 'warn',
      JWT_SECRET: secrets.jwtSecret,
      DATA_ENCRYPTION_KEY: secrets.dataEncryptionKey,
      WHATSAPP_APP_SECRET: secrets.whatsappAppSecret,
      WHATSAPP_VERIFY_TOKEN: secrets.whatsappVerifyToken,
      WHATSAPP_GRAPH_BASE_URL: graph.baseUrl,
      OPENAI_API_KEY: 'sk-fake',
      OPENAI_BASE_URL: openai.baseUrl,
      ...options.env,
    };

    const workers: ChildService[] = [];
    let workerCount = 0;
    const startWorker = async (): Promise<ChildService> => {
      workerCount += 1;
      const worker = startChildService({
        name: `worker-${workerCount}`,
        script: options.workerScript ?? 'worker/main.ts',
        nodeArgs: options.workerNodeArgs,
        env: { ...env, LOG_LEVEL: options.workerLogLevel ?? 'info' },
        logFile: path.join(logs, `worker-${workerCount}.log`),
      });
      workers.push(worker);
      void worker.exited.then(() => workers.splice(workers.indexOf(worker) >>> 0, 1));
      await waitForLogLine(worker, WORKER_READY, 90_000);
      return worker;
    };
    const stopWorkers = async (signal: NodeJS.Signals = 'SIGTERM') => {
      await Promise.all([...workers].map((worker) => worker.stop(signal)));
    };
    stops.push(() => stopWorkers());

    const startApi = async (index = 0): Promise<ChildService> => {
      const name = index === 0 ? 'api' : `api-${index + 1}`;
      const logFile = path.join(logs, `${name}.log`);
      const offset = logSize(logFile);
      const child = startChildService({
        name,
        script: options.apiScript ?? 'api/main.ts',
        nodeArgs: options.apiNodeArgs,
        env: { ...env, PORT: String(apiPorts[index]) },
        logFile,
      });
      await waitForHttp(`http://127.0.0.1:${apiPorts[index]}/readyz`, child, 90_000, offset);
      return child;
    };
    const firstApi = await startApi();
    const stack: ProcessStack = {
      directory,
      apiUrl: `http://127.0.0.1:${apiPort}`,
      apiPort,
      apiUrls: apiPorts.map((port) => `http://127.0.0.1:${port}`),
      databaseUrl,
      temporalAddress,
      secrets,
      graph,
      openai,
      dataSource,
      temporal,
      api: firstApi,
      apis: [firstApi],
      temporalPid: ownServer?.pid,
      taskQueue,
      workers,
      startWorker,
      stopWorkers,
      restartApi: async (signal = 'SIGTERM') => {
        await stack.api.stop(signal);
        stack.api = await startApi();
        stack.apis[0] = stack.api;
      },
      stopPostgres: async () => {
        await postgres?.stop();
        postgres = null;
      },
      startPostgres: async () => {
        postgres = await startEmbeddedPostgres({ directory: path.join(directory, 'postgres'), port: pgPort });
      },
      stop: stopAll,
    };
    stops.push(async () => void (await Promise.all(stack.apis.map((api) => api.stop()))));
    for (let i = 1; i < apiPorts.length; i++) stack.apis.push(await startApi(i));
    for (let i = 0; i < (options.workers ?? 1); i++) await startWorker();
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Polls `url` until it answers 200, failing early when `child` exits. */
async function waitForHttp(
  url: string,
  child: ChildService,
  timeoutMs: number,
  logOffset: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | undefined;
  void child.exited.then((how) => (gone = how));
  while (Date.now() < deadline) {
    if (gone !== undefined) {
      const log = fs.readFileSync(child.logFile).subarray(logOffset).toString('utf8');
      throw new Error(`${child.name} exited (${gone}) before ready; log tail:\n${log.slice(-2000)}`);
    }
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export async function isPortOpen(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export { REPO_ROOT };
