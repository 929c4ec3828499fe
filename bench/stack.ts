/**
 * Starts what the benchmarks measure: the process stack (embedded PostgreSQL, a Temporal dev
 * server of its own, one worker, the API on a loopback port, fakes on loopback) and one seeded tenant with
 * several business numbers, then fetches an API JWT through the API itself.
 */
import path from 'node:path';
import { startTemporalCluster } from '../production/temporal-cluster';
import { buildOrReuseTemporalServer } from '../production/temporal-server-build';
import { startProcessStack, type ProcessStack } from '../test/support/process-stack';
import { seedTenant, type SeededTenant } from '../test/support/seed-tenant';
import { requestApiToken } from '../test/support/stack-driver';
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
}

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
}

/** Starts and seeds the stack. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const profileDir = path.join(options.directory, 'profiles');
  // One folder per process and Node's default file names: every thread (main, tsx's loader thread,
  // Temporal's workflow thread) writes its own profile, and a fixed name would let one overwrite another.
  const profileArgs = (name: string) =>
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  const production = options.topology === 'production';
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
    apiNodeArgs: profileArgs('api'),
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
    return { stack, tenant, apiToken, temporalServer };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}
