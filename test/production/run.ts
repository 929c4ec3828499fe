/**
 * `npm run test:production`: FlowBot on the production topology, verified on this machine. Builds
 * (or reuses) the Temporal server that docker-compose.yml pins, then runs test/production/ — which
 * starts Temporal on PostgreSQL with compose's configuration files, and FlowBot's APIs and workers as
 * separate processes against it — one file at a time. Not part of `npm test`.
 *
 *   npm run test:production
 *   npm run test:production -- test/production/end-to-end.test.ts   # some files
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildOrReuseTemporalServer } from '../../production/temporal-server-build';
import { runTestFiles } from '../support/run-test-files';

const FILE_TIMEOUT_MS = Number(process.env.FLOWBOT_TEST_FILE_TIMEOUT_MS ?? 30 * 60_000);
const RUN_TIMEOUT_MS = Number(process.env.FLOWBOT_TEST_RUN_TIMEOUT_MS ?? 60 * 60_000);

async function main(): Promise<number> {
  const startedAt = Date.now();
  const build = buildOrReuseTemporalServer();
  console.log(
    `Temporal server ${build.version} (${build.server}): ` +
      (build.built
        ? `built in ${seconds(build.elapsedMs)}`
        : `reused an earlier build (${seconds(build.elapsedMs)})`),
  );
  const files =
    process.argv.slice(2).length > 0
      ? process.argv.slice(2)
      : fs
          .readdirSync(__dirname)
          .filter((file) => file.endsWith('.test.ts'))
          .sort()
          .map((file) => path.join('test', 'production', file));
  const code = await runTestFiles(files, {
    fileTimeoutMs: FILE_TIMEOUT_MS,
    runTimeoutMs: RUN_TIMEOUT_MS,
    // Each file runs a Temporal cluster and several FlowBot processes: one at a time on two cores.
    concurrency: 1,
    command: 'npm run test:production',
  });
  console.log(`npm run test:production: ${seconds(Date.now() - startedAt)} in all`);
  return code;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run test:production: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
