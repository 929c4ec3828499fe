/**
 * Temporal as docker-compose.yml runs it, on this machine: a PostgreSQL of its own, the `temporal`
 * and `temporal_visibility` databases made by Temporal's schema tool, the pinned server started with
 * deploy/temporal/config.yaml and dynamicconfig.yaml, and the namespace and search attributes
 * registered by deploy/temporal/setup-namespace.sh — the files the containers use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgres } from '../platform/embedded-postgres';
import { resolveTemporalBinary } from '../platform/temporal-binaries';
import { logTail, spawnLogged, stopper } from '../platform/temporal-dev-server';
import { waitForTemporal } from '../platform/wait-for-temporal';
import type { TemporalServerBuild } from './temporal-server-build';

/** The files compose mounts into its Temporal containers. */
export const DEPLOY_TEMPORAL_DIR = path.resolve(__dirname, '..', 'deploy', 'temporal');

/** The namespace FlowBot runs in (compose's default TEMPORAL_NAMESPACE). */
const NAMESPACE = 'default';

/** Options of {@link startTemporalCluster}. */
export interface TemporalClusterOptions {
  /** Holds Temporal's PostgreSQL (`postgres/`) and the logs (`logs/`). */
  directory: string;
  /** Give up when the server has not answered within this time (default 120 s). */
  startTimeoutMs?: number;
}

/** How long each start-up step took, in milliseconds. */
export interface ClusterTimings {
  postgres: number;
  schema: number;
  server: number;
  namespace: number;
}

/** A running cluster; see {@link startTemporalCluster}. */
export interface TemporalCluster {
  /** host:port of the frontend (gRPC). */
  address: string;
  namespace: string;
  /** As the server reports it (GetSystemInfo). */
  serverVersion: string;
  /** pid of the running server process. */
  serverPid(): number;
  timings: ClusterTimings;
  /** Stops the server with `signal` (SIGTERM waits for its graceful stop, at most 30 s). */
  stopServer(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the server again with the same configuration and ports; resolves once it answers. */
  startServer(): Promise<void>;
  /** Stops Temporal's PostgreSQL (fast shutdown); the data stays. */
  stopPostgres(): Promise<void>;
  /** Starts Temporal's PostgreSQL again on the same folder and port. */
  startPostgres(): Promise<void>;
  /** Runs the schema and namespace scripts again, as compose does on every `up`; they must succeed. */
  runSetupScriptsAgain(): Promise<void>;
  /** Stops the server, then PostgreSQL. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts PostgreSQL, creates and migrates Temporal's databases (deploy/temporal/setup-schema.sh with
 * the built schema tool), starts the built server with the shared configuration (the variables the
 * temporalio/server image takes, free ports instead of the defaults) and registers the namespace and
 * search attributes (deploy/temporal/setup-namespace.sh with the pinned `temporal` CLI).
 */
export async function startTemporalCluster(
  build: TemporalServerBuild,
  options: TemporalClusterOptions,
): Promise<TemporalCluster> {
  const logs = path.join(options.directory, 'logs');
  fs.mkdirSync(logs, { recursive: true });
  const startTimeoutMs = options.startTimeoutMs ?? 120_000;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  const timed = async (run: () => Promise<unknown>) => {
    const startedAt = Date.now();
    await run();
    return Date.now() - startedAt;
  };

  try {
    const pgPort = await findFreePort();
    const pgDirectory = path.join(options.directory, 'postgres');
    let postgres: EmbeddedPostgres | null = null;
    const startPostgres = async () => {
      postgres = await startEmbeddedPostgres({ directory: pgDirectory, port: pgPort });
    };
    const stopPostgres = async () => {
      await postgres?.stop();
      postgres = null;
    };
    const postgresMs = await timed(startPostgres);
    stops.push(stopPostgres);
    const password = decodeURIComponent(new URL(postgres!.url).password);

    const setupSchema = () =>
      runScript('setup-schema.sh', path.join(logs, 'setup-schema.log'), {
        PATH: `${build.binDir}${path.delimiter}${process.env.PATH ?? ''}`,
        SQL_HOST: '127.0.0.1',
        SQL_PORT: String(pgPort),
        SQL_USER: 'postgres',
        SQL_PASSWORD: password,
        TEMPORAL_SCHEMA_DIR: build.schemaDir,
      });
    const schemaMs = await timed(setupSchema);

    const ports = await findFreePorts(9);
    const address = `127.0.0.1:${ports[0]}`;
    // The image's entrypoint runs `temporal-server start` with these variables (and BIND_ON_IP
    // 0.0.0.0 plus a broadcast address inside its network); compose sets the config file's path.
    const serverEnv: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_SERVER_CONFIG_FILE_PATH: path.join(DEPLOY_TEMPORAL_DIR, 'config.yaml'),
      DYNAMIC_CONFIG_FILE_PATH: path.join(DEPLOY_TEMPORAL_DIR, 'dynamicconfig.yaml'),
      POSTGRES_SEEDS: '127.0.0.1',
      DB_PORT: String(pgPort),
      POSTGRES_USER: 'postgres',
      POSTGRES_PWD: password,
      BIND_ON_IP: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FRONTEND_GRPC_PORT: String(ports[0]),
      FRONTEND_HTTP_PORT: String(ports[1]),
      FRONTEND_MEMBERSHIP_PORT: String(ports[2]),
      HISTORY_GRPC_PORT: String(ports[3]),
      HISTORY_MEMBERSHIP_PORT: String(ports[4]),
      MATCHING_GRPC_PORT: String(ports[5]),
      MATCHING_MEMBERSHIP_PORT: String(ports[6]),
      WORKER_GRPC_PORT: String(ports[7]),
      WORKER_MEMBERSHIP_PORT: String(ports[8]),
    };
    const serverLog = path.join(logs, 'temporal-server.log');
    let server: ChildProcess | null = null;
    let serverVersion = '';
    const startServer = async (namespace: string) => {
      const child = spawnLogged(build.server, ['start'], serverLog, serverEnv);
      server = child;
      ({ serverVersion } = await waitForTemporal(address, {
        child,
        namespace,
        timeoutMs: startTimeoutMs,
        describe: () => `Temporal server ${build.server}${logTail(serverLog)}`,
      }));
    };
    const stopServer = async (signal: 'SIGTERM' | 'SIGKILL') => {
      const child = server;
      server = null;
      if (!child) return;
      if (signal === 'SIGKILL') child.kill('SIGKILL');
      await stopper(child, 30_000)();
    };
    // The system namespace exists once the server runs; ours only after the setup script.
    const serverMs = await timed(() => startServer('temporal-system'));
    stops.push(() => stopServer('SIGTERM'));

    const cli = await resolveTemporalBinary('cli');
    const setupNamespace = () =>
      runScript('setup-namespace.sh', path.join(logs, 'setup-namespace.log'), {
        PATH: `${path.dirname(cli)}${path.delimiter}${process.env.PATH ?? ''}`,
        TEMPORAL_ADDRESS: address,
        NAMESPACE,
      });
    const namespaceMs = await timed(async () => {
      await setupNamespace();
      await waitForTemporal(address, {
        namespace: NAMESPACE,
        timeoutMs: startTimeoutMs,
        describe: () => `Temporal server ${build.server}`,
      });
    });

    return {
      address,
      namespace: NAMESPACE,
      serverVersion,
      serverPid: () => (server as ChildProcess | null)?.pid ?? -1,
      timings: { postgres: postgresMs, schema: schemaMs, server: serverMs, namespace: namespaceMs },
      stopServer,
      startServer: () => startServer(NAMESPACE),
      stopPostgres,
      startPostgres,
      runSetupScriptsAgain: async () => {
        await setupSchema();
        await setupNamespace();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Runs one of deploy/temporal's scripts with `sh`; output to `logFile`, its tail in the error. */
async function runScript(script: string, logFile: string, env: NodeJS.ProcessEnv): Promise<void> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn('sh', [path.join(DEPLOY_TEMPORAL_DIR, script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`${script} exited with ${code}${logTail(logFile)}`);
}

/**
 * `count` distinct ports free on 127.0.0.1 right now, below 32768: Temporal stores its services'
 * ports in PostgreSQL's `cluster_membership.rpc_port`, a smallint, and refuses to start on a higher
 * one — which is where the system hands out ephemeral ports.
 */
async function findFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = 10_000 + Math.floor(Math.random() * 22_000);
    if (await isFree(port)) ports.add(port);
  }
  return [...ports];
}

async function isFree(port: number): Promise<boolean> {
  const server = net.createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  return listening;
}
