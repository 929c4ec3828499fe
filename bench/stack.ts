/**
 * Starts what the benchmarks measure: the process stack (embedded PostgreSQL, a Temporal dev
 * server of its own, one worker, the API on a loopback port, fakes on loopback) and one seeded tenant with
 * several business numbers, then fetches an API JWT through the API itself. On request also the
 * bare-Temporal baseline's process beside it, on the same Temporal server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startTemporalCluster } from '../production/temporal-cluster';
import { buildOrReuseTemporalServer } from '../production/temporal-server-build';
import { startProcessStack, type ProcessStack } from '../test/support/process-stack';
import { seedTenant, type SeededTenant } from '../test/support/seed-tenant';
import { requestApiToken } from '../test/support/stack-driver';
import { startBareTemporal, type BareTemporal } from './bare-temporal/bare-temporal';
import type { MeasuredProcess } from './process-cpu';
import {
  describeProductionTemporalServer,
  describeTemporalServer,
  type TemporalServerInfo,
} from './temporal-server';

/** Business numbers seeded: sustained sending spreads its conversations over them. */
export const BENCH_ACCOUNTS = 8;

/**
 * Per-number send rate stored on the bench numbers. WhatsApp's default tier is 80/s; upgraded
 * numbers reach 1,000/s. The bench raises every number to 1,000/s (an upgraded number) so the pacer
 * does not cap the figures; sustained sending also spreads conversations over {@link BENCH_ACCOUNTS}
 * numbers, as a business with several numbers would.
 */
export const BENCH_MESSAGES_PER_SECOND = 1000;

/** The running stack plus who to act as. */
export interface BenchStack {
  stack: ProcessStack;
  tenant: SeededTenant;
  apiToken: string | null;
  /** The stack's own Temporal dev server, as it reported itself. */
  temporalServer: TemporalServerInfo;
  /** The bare-Temporal baseline's process, when the benchmark asked for it. */
  bare: BareTemporal | null;
  /** The processes whose CPU the benchmarks split their cost over (read when called: workers may change). */
  measuredProcesses(): MeasuredProcess[];
}

/**
 * How FlowBot's processes are laid out: `separate` (the default, as production runs it: `npm run api`
 * and `npm run worker`) or `one` (API and worker in one process, as `npm start` runs them).
 */
export type ProcessShape = 'separate' | 'one';

/** Options of {@link startBenchStack}. */
export interface BenchStackOptions {
  /** Where logs (and CPU profiles) go; kept after the run. */
  directory: string;
  /** Profile the API and worker with `node --cpu-prof` into `directory/profiles`. */
  profile?: boolean;
  /** Run bench/cache-sized-worker.ts with this workflow cache size instead of `npm run worker`. */
  maxCachedWorkflows?: number;
  /**
   * `dev-server` (default): a Temporal dev server of its own, in memory. `production`: the server
   * compose runs, on PostgreSQL with deploy/temporal's configuration (`npm run test:production`'s).
   */
  topology?: 'dev-server' | 'production';
  /** Default `separate`. */
  processShape?: ProcessShape;
  /** Start the bare-Temporal baseline's process too. */
  bareTemporal?: boolean;
}

/** Starts and seeds the stack. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const profileDir = path.join(options.directory, 'profiles');
  // One folder per process and Node's default file names: every thread (main, tsx's loader thread,
  // Temporal's workflow thread) writes its own profile, and a fixed name would let one overwrite another.
  const profileArgs = (name: string) =>
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  const production = options.topology === 'production';
  const oneProcess = options.processShape === 'one';
  const cluster = production
    ? await startTemporalCluster(buildOrReuseTemporalServer(), {
        directory: path.join(options.directory, 'temporal'),
      })
    : undefined;
  const stack = await startProcessStack({
    ownTemporal: true,
    temporalAddress: cluster?.address,
    directory: options.directory,
    keepDirectory: true,
    logLevel: 'warn',
    workerLogLevel: 'info',
    apiNodeArgs: profileArgs(oneProcess ? 'api+worker' : 'api'),
    // scripts/start.ts is `npm start` itself: with DATABASE_URL and TEMPORAL_ADDRESS set it starts
    // neither an embedded database nor a dev server, only the API and the worker sharing the process.
    ...(oneProcess ? { apiScript: 'scripts/start.ts', workers: 0 } : {}),
    workerNodeArgs: profileArgs('worker'),
    env: {
      WHATSAPP_MESSAGES_PER_SECOND: String(BENCH_MESSAGES_PER_SECOND),
      ...(options.maxCachedWorkflows
        ? { FLOWBOT_BENCH_MAX_CACHED_WORKFLOWS: String(options.maxCachedWorkflows) }
        : {}),
    },
    ...(options.maxCachedWorkflows ? { workerScript: 'bench/cache-sized-worker.ts' } : {}),
  }).catch(async (error: unknown) => {
    await cluster?.stop();
    throw error;
  });
  if (cluster) {
    const stopStack = stack.stop;
    stack.stop = async () => {
      await stopStack();
      await cluster.stop();
    };
  }
  try {
    const tenant = await seedTenant(stack.dataSource, {
      dataEncryptionKey: stack.secrets.dataEncryptionKey,
      accounts: BENCH_ACCOUNTS,
      messagesPerSecond: BENCH_MESSAGES_PER_SECOND,
    });
    const apiToken = await requestApiToken(stack.apiUrl, tenant);
    const temporalServer = await (production ? describeProductionTemporalServer : describeTemporalServer)(
      stack.temporal.connection,
    );
    const bare = options.bareTemporal
      ? await startBareTemporal({
          temporalAddress: stack.temporalAddress,
          temporal: stack.temporal,
          graphBaseUrl: stack.graph.baseUrl,
          directory: options.directory,
          nodeArgs: profileArgs('bare-temporal'),
        })
      : null;
    if (bare) {
      const stopStack = stack.stop;
      stack.stop = async () => {
        await bare.stop();
        await stopStack();
      };
    }
    const measuredProcesses = (): MeasuredProcess[] => [
      { name: oneProcess ? 'API + worker' : 'API', pid: stack.api.pid, tree: true },
      ...stack.workers.map((worker, index) => ({
        name: index === 0 ? 'worker' : `worker ${index + 1}`,
        pid: worker.pid,
        tree: true,
      })),
      ...(stack.temporalPid ? [{ name: 'Temporal server', pid: stack.temporalPid, tree: true }] : []),
      ...postmaster(options.directory),
      ...(bare ? [{ name: 'bare Temporal process', pid: bare.process.pid, tree: true }] : []),
      { name: 'load generator + fakes', pid: process.pid, tree: false },
    ];
    return { stack, tenant, apiToken, temporalServer, bare, measuredProcesses };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/** PostgreSQL's postmaster (its backends are its children), from the pid file it writes. */
function postmaster(directory: string): MeasuredProcess[] {
  try {
    const pid = Number(
      fs.readFileSync(path.join(directory, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    return Number.isInteger(pid) && pid > 0 ? [{ name: 'PostgreSQL', pid, tree: true }] : [];
  } catch {
    return [];
  }
}
