/**
 * Faults on the production topology, each in the middle of live traffic spread over two API
 * processes and two workers: a worker SIGKILLed (the other one finishes its conversations), the
 * Temporal server stopped with SIGTERM and with SIGKILL and started again, Temporal's PostgreSQL
 * stopped and started again. After each: every accepted lead has exactly one run, every
 * conversation reached its end, nothing accepted was lost, and no message reached the fake Graph API
 * twice — except a send a killed worker had made but not recorded (see activities/send-whatsapp-message.ts),
 * which is counted and reported.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sleep } from '../support/child-service';
import { CONVERSATIONS } from '../faults/fault-kit';
import {
  runScenario,
  startProductionStack,
  type ProductionStack,
  type ScenarioCounts,
} from './production-stack';

/** Time the server or database stays down: long enough for requests and polls to fail meanwhile. */
const DOWN_MS = 3_000;

let production: ProductionStack;
const report: string[] = [];
before(async () => {
  production = await startProductionStack({ apis: 2, workers: 2 });
});
after(async () => {
  console.log(`\nproduction fault scenarios (${CONVERSATIONS} conversations each):\n${report.join('\n')}`);
  await production?.stop();
});

const record = (name: string, counts: ScenarioCounts) =>
  report.push(
    `  ${name}: leads ${counts.leadsAccepted}, completed ${counts.conversationsCompleted}, ` +
      `lost ${counts.lost}, duplicated ${counts.duplicated}, webhooks redelivered ${counts.redeliveries}`,
  );

test(
  'a worker SIGKILLed mid-traffic: the other worker finishes its conversations',
  { timeout: 900_000 },
  async (t) => {
    const { stack } = production.fault;
    assert.equal(stack.workers.length, 2);
    assert.equal(stack.apiUrls.length, 2);
    let deadAt = 0;
    const counts = await runScenario(t, production, {
      conversations: CONVERSATIONS,
      fault: async () => {
        await stack.workers[0].stop('SIGKILL');
        deadAt = Date.now();
        assert.equal(stack.workers.length, 1, 'one worker left');
      },
      // The documented case: the killed worker's send reached Graph, its wamid was never recorded, and
      // the surviving worker retried the activity.
      explainDuplicate: (first, second) => first <= deadAt && second >= deadAt,
    });
    record('worker SIGKILL', counts);
    await stack.startWorker();
  },
);

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
  test(
    `the Temporal server stopped with ${signal} mid-traffic and started again`,
    { timeout: 900_000 },
    async (t) => {
      const { cluster } = production;
      const counts = await runScenario(t, production, {
        conversations: CONVERSATIONS,
        fault: async () => {
          const stoppedAt = Date.now();
          await cluster.stopServer(signal);
          await sleep(DOWN_MS);
          await cluster.startServer();
          t.diagnostic(
            `server down for ${Date.now() - stoppedAt} ms (${signal}), pid now ${cluster.serverPid()}`,
          );
        },
      });
      record(`Temporal server ${signal}`, counts);
    },
  );
}

test("Temporal's PostgreSQL stopped mid-traffic and started again", { timeout: 900_000 }, async (t) => {
  const { cluster } = production;
  const counts = await runScenario(t, production, {
    conversations: CONVERSATIONS,
    fault: async () => {
      const stoppedAt = Date.now();
      await cluster.stopPostgres();
      await sleep(DOWN_MS);
      await cluster.startPostgres();
      t.diagnostic(`Temporal's PostgreSQL down for ${Date.now() - stoppedAt} ms`);
    },
  });
  record("Temporal's PostgreSQL restart", counts);
});
