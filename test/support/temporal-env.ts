import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The emulator executable, usable as `server.executable.path` with `type: 'existing-path'`. */
export const EMULATOR_EXECUTABLE = path.resolve(__dirname, '../../emulator/bin/temporal-emulator');

/** Options of {@link createTemporalTestEnv}. */
export interface TemporalTestEnvOptions {
  /** Virtual clock that skips ahead when idle (default true). Ignored against a real server. */
  timeSkipping?: boolean;
  /** Persist emulator state here (only without time skipping, as with the real dev server). */
  dbFilename?: string;
  /** Namespace (default `default`). */
  namespace?: string;
}

/** Which server a test environment talks to. */
export type TemporalTestTarget = 'emulator' | 'existing-server' | 'temporal-cli';

/** Which server the configuration selects (see {@link createTemporalTestEnv}). */
export function temporalTestTarget(): TemporalTestTarget {
  if (process.env.TEMPORAL_TEST_ADDRESS) return 'existing-server';
  if (process.env.TEMPORAL_TEST_SERVER_PATH) return 'temporal-cli';
  return 'emulator';
}

/**
 * Gives a suite a TestWorkflowEnvironment. Default: FlowBot's Temporal emulator launched through
 * `existing-path` — time-skipping (`createTimeSkipping`) unless `timeSkipping: false` (`createLocal`).
 * By configuration a real server instead:
 * - `TEMPORAL_TEST_ADDRESS=host:port` (+ optional `TEMPORAL_TEST_NAMESPACE`): an already running server;
 * - `TEMPORAL_TEST_SERVER_PATH=/path/to/temporal`: a real Temporal CLI started as a local dev server.
 * Real servers run in real time: tests should use `env.supportsTimeSkipping` when timing matters.
 * Call `env.teardown()` when done.
 */
export async function createTemporalTestEnv(
  options: TemporalTestEnvOptions = {},
): Promise<TestWorkflowEnvironment> {
  const namespace = options.namespace ?? process.env.TEMPORAL_TEST_NAMESPACE ?? 'default';
  switch (temporalTestTarget()) {
    case 'existing-server':
      return await TestWorkflowEnvironment.createFromExistingServer({
        address: process.env.TEMPORAL_TEST_ADDRESS,
        namespace,
      });
    case 'temporal-cli':
      return await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH as string },
          namespace,
          dbFilename: options.dbFilename,
        },
      });
    case 'emulator':
      if (options.timeSkipping ?? true) {
        return await TestWorkflowEnvironment.createTimeSkipping({
          server: { executable: { type: 'existing-path', path: EMULATOR_EXECUTABLE } },
        });
      }
      return await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: EMULATOR_EXECUTABLE },
          namespace,
          dbFilename: options.dbFilename,
        },
      });
  }
}
