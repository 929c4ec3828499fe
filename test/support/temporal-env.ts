/**
 * Temporal for tests, always the official binaries:
 * - time skipping → the Java SDK's time-skipping test server, one per environment (time is global to
 *   a test server, so suites never share one);
 * - real time → the Temporal CLI's dev server: the one `npm test` shares between files
 *   (`TEMPORAL_TEST_ADDRESS`, set by test/run.ts; files isolate themselves by task queue), or one of
 *   the file's own when a file runs alone.
 * We start each server ourselves and wait until it answers (platform/wait-for-temporal.ts), then
 * connect: sdk-core's own start-up wait is a fixed 5 s that a loaded machine can miss.
 */
import { Connection } from '@temporalio/client';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { findFreePort } from '../../platform/embedded-postgres';
import { registerSearchAttributes } from '../../platform/register-search-attributes';
import { resolveTemporalBinary } from '../../platform/temporal-binaries';
import { spawnLogged, startTemporalDevServer, stopper } from '../../platform/temporal-dev-server';
import { waitForTemporal } from '../../platform/wait-for-temporal';

/** Options of {@link createTemporalTestEnv}. */
export interface TemporalTestEnvOptions {
  /** Virtual clock that skips ahead when idle (default true): the time-skipping test server. */
  timeSkipping?: boolean;
}

/** Gives a suite a TestWorkflowEnvironment on a real Temporal server; call `env.teardown()` when done. */
export async function createTemporalTestEnv(
  options: TemporalTestEnvOptions = {},
): Promise<TestWorkflowEnvironment> {
  if (options.timeSkipping ?? true) return await startTimeSkippingEnv();
  const shared = process.env.TEMPORAL_TEST_ADDRESS;
  if (shared) return await connectTemporalTestEnv(shared);
  const server = await startTemporalDevServer();
  return await StartedServerEnvironment.attach(server.address, false, server.stop);
}

/** An environment on a server the caller started and stops (e.g. one a test restarts). */
export async function connectTemporalTestEnv(address: string): Promise<TestWorkflowEnvironment> {
  return await StartedServerEnvironment.attach(address, false, async () => undefined);
}

async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const executable = await resolveTemporalBinary('testServer');
  const port = await findFreePort();
  const child = spawnLogged(executable, [String(port)]);
  const stop = stopper(child);
  const address = `127.0.0.1:${port}`;
  try {
    await waitForTemporal(address, {
      child,
      timeoutMs: 60_000,
      describe: () => `Temporal test server (${executable} ${port})`,
    });
    const env = await StartedServerEnvironment.attach(address, true, stop);
    await registerSearchAttributes(env.connection, 'default');
    return env;
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A TestWorkflowEnvironment on a server this file started (or shares). The SDK only builds its
 * time-skipping client for servers that sdk-core itself launched; the constructor is protected for
 * subclasses like this one, and the connection flag that enables the TestService is the one
 * `TestWorkflowEnvironment.create` sets.
 */
class StartedServerEnvironment extends TestWorkflowEnvironment {
  private stopServer: () => Promise<void> = async () => undefined;

  static async attach(
    address: string,
    timeSkipping: boolean,
    stopServer: () => Promise<void>,
  ): Promise<StartedServerEnvironment> {
    const internal = { [InternalConnectionOptionsSymbol]: { supportsTestService: timeSkipping } };
    const nativeConnection = await NativeConnection.connect({ address, ...internal });
    const connection = await Connection.connect({ address, ...internal });
    const env = new StartedServerEnvironment(
      Runtime.instance(),
      { server: { type: 'existing' }, client: {}, plugins: [] } as never,
      timeSkipping,
      'existing',
      connection,
      nativeConnection,
      'default',
      address,
    );
    env.stopServer = stopServer;
    return env;
  }

  override async teardown(): Promise<void> {
    await super.teardown();
    await this.stopServer();
  }
}
