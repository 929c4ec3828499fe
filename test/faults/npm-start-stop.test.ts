/**
 * `npm start` stops cleanly however it is told to: SIGTERM to npm alone (a process manager that
 * knows only npm's pid), SIGTERM to the whole process group while leads are arriving (`kill -TERM
 * -<pgid>`, a container runtime), Ctrl-C (SIGINT to the group). Each time the app logs "stopping",
 * stops its parts in order — the API stops accepting, the worker drains, the Temporal dev server,
 * PostgreSQL — and no process of the tree is left, within a bound. Every variant starts the real
 * thing (npm, PostgreSQL, the Temporal dev server), on one data folder, so each is also a restart.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type TestContext, after, afterEach, before, describe, it } from 'node:test';
import { createDataSource } from '../../entities';
import { createTemporaryDirectory, startEmbeddedPostgres } from '../../platform/embedded-postgres';
import { generateEncryptionKey } from '../../platform/secrets';
import { startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';
import { startNpmStart, waitUntilGone, type NpmStart, type TreeProcess } from '../support/npm-start';
import { seedTenant, type SeededTenant } from '../support/seed-tenant';
import { nextCustomerPhone, postLead, requestApiToken, waitUntil } from '../support/stack-driver';

const FULL = process.env.FLOWBOT_FULL_TESTS === '1';

/** What the app logs from the signal on, in this order (other lines may come between). */
const STOP_LOG = [
  'stopping',
  'API stopped',
  'worker stopped',
  'Temporal client stopped',
  'Temporal dev server stopped',
  'PostgreSQL stopped',
  'stopped',
];

/** Well under STOP_TIMEOUT_MS's default of 30 s: a graceful stop of an idle or lightly loaded app. */
const STOP_BOUND_MS = 20_000;

describe('npm start stops every part, in order', () => {
  const directory = createTemporaryDirectory('flowbot-npm-start-');
  const dataEncryptionKey = generateEncryptionKey();
  let graph: FakeGraphApi;
  const started: NpmStart[] = [];

  const start = async () => {
    const app = await startNpmStart(directory, {
      DATA_ENCRYPTION_KEY: dataEncryptionKey,
      WHATSAPP_GRAPH_BASE_URL: graph.baseUrl,
      WHATSAPP_MESSAGES_PER_SECOND: '1000',
    });
    started.push(app);
    const tree = app.tree();
    for (const part of ['scripts/start.ts', 'postgres -D', 'temporal server start-dev']) {
      assert.ok(
        tree.some(({ command }) => command.includes(part)),
        `the tree holds ${part}: ${listProcesses(tree)}`,
      );
    }
    return { app, tree };
  };

  /**
   * All gone within the bound, no warning or error while stopping (as when Temporal goes away before
   * the worker has drained), and the stop logged in order after the app's last start.
   */
  const assertStoppedCleanly = async (
    app: NpmStart,
    tree: TreeProcess[],
    t: TestContext,
    signalledAt: number,
  ) => {
    const left = await waitUntilGone(tree, STOP_BOUND_MS);
    assert.deepEqual(left, [], `left running ${STOP_BOUND_MS} ms after the signal:\n${listProcesses(left)}`);
    t.diagnostic(`${tree.length} processes gone ${Date.now() - signalledAt} ms after the signal`);
    assert.deepEqual(warningsSinceStopping(app.log()), [], 'warnings or errors while stopping');
    const messages = app.messages();
    const sinceStart = messages.slice(messages.lastIndexOf('FlowBot is running'));
    const logged = sinceStart.filter((message) => STOP_LOG.includes(message));
    assert.deepEqual(logged, STOP_LOG, `stop log:\n${app.log().slice(-3000)}`);
  };

  before(async () => {
    graph = await startFakeGraphApi();
  });
  // A variant that failed must not leave its processes (or its hold on the data folder) to the next.
  afterEach(() => started.splice(0).forEach((app) => app.kill()));
  after(async () => {
    await graph?.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('SIGTERM to npm alone stops the app, the Temporal dev server and PostgreSQL', async (t) => {
    const { app, tree } = await start();
    process.kill(app.pid, 'SIGTERM');
    await assertStoppedCleanly(app, tree, t, Date.now());
  });

  it('SIGTERM to the process group while leads arrive answers them, then stops in order', async (t) => {
    const { app, tree } = await start();
    const tenant = await seedTenantThroughRunningDatabase(directory, dataEncryptionKey);
    const token = await requestApiToken(app.apiUrl, tenant);
    assert.ok(token);
    const answers: number[] = [];
    // Each sender posts leads one after another until the API no longer takes connections.
    const send = async () => {
      for (;;) {
        const answer = await postLead(app.apiUrl, token, tenant.flowId, {
          phone: nextCustomerPhone(),
          name: 'Stop Test',
        }).catch(() => undefined);
        if (!answer) return;
        answers.push(answer.status);
      }
    };
    const senders = Array.from({ length: 6 }, send);
    assert.ok(await waitUntil(() => answers.length >= 12, 30_000), 'leads were accepted before the signal');
    const signalledAt = Date.now();
    process.kill(-app.pid, 'SIGTERM');
    await Promise.all(senders);
    await assertStoppedCleanly(app, tree, t, signalledAt);
    t.diagnostic(`${answers.length} leads answered`);
    assert.deepEqual(
      answers.filter((status) => status !== 200),
      [],
      'every lead the API took was answered 200, also those in flight at the signal',
    );
  });

  it(
    'Ctrl-C (SIGINT to the process group) stops in order',
    { skip: !FULL && 'FLOWBOT_FULL_TESTS=1' },
    async (t) => {
      const { app, tree } = await start();
      process.kill(-app.pid, 'SIGINT');
      await assertStoppedCleanly(app, tree, t, Date.now());
    },
  );
});

/** Seeds through the app's own embedded PostgreSQL, which a second process may share while it runs. */
async function seedTenantThroughRunningDatabase(
  directory: string,
  dataEncryptionKey: string,
): Promise<SeededTenant> {
  const postgres = await startEmbeddedPostgres({ directory: path.join(directory, 'data', 'postgres') });
  assert.ok(postgres.shared, 'the running app owns the database');
  const dataSource = createDataSource(postgres.url, { poolSize: 1 });
  await dataSource.initialize();
  try {
    return await seedTenant(dataSource, { dataEncryptionKey, messagesPerSecond: 1000 });
  } finally {
    await dataSource.destroy();
  }
}

/** pino lines at warn level or above, and sdk-core's own WARN/ERROR lines, after "stopping". */
function warningsSinceStopping(log: string): string[] {
  const stopping = log.lastIndexOf('"msg":"stopping"');
  const lines = log.slice(stopping === -1 ? 0 : log.indexOf('\n', stopping) + 1).split('\n');
  return lines.filter((line) => {
    if (!line.startsWith('{')) return /\b(WARN|ERROR)\b/.test(line);
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
    } catch {
      return false;
    }
  });
}

function listProcesses(processes: TreeProcess[]): string {
  return processes.map(({ pid, command }) => `  ${pid} ${command.slice(0, 120)}`).join('\n');
}
