/**
 * A worker restarted under a backlog must make progress (hardening item 1). Customers keep writing
 * to an inbound flow that loops question → message → question while the worker is stopped; the new
 * worker starts with an empty cache and must replay every waiting run. With too many workflow task
 * slots for its one workflow thread, tasks queue behind each other past Temporal's task timeout:
 * the server times them out and hands them out again, work is thrown away, and under enough load
 * nothing is ever sent. FlowBot sizes the slots so no task overruns (worker/create-worker.ts).
 *
 * Quick form in `npm test` (60 customers × 5 messages); the probe's full scenario (200 × 10 at
 * 100/s) with FLOWBOT_FULL_TESTS=1. bench/worker-backlog.ts measures the drain time per slot count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL } from './fault-kit';
import { runWorkerBacklogScenario } from './worker-backlog-scenario';

const SCENARIO = FULL
  ? { customers: 200, messagesPerCustomer: 10, ratePerSecond: 100 }
  : { customers: 60, messagesPerCustomer: 5, ratePerSecond: 60 };

test(
  `a restarted worker drains the backlog of ${SCENARIO.customers} customers × ${SCENARIO.messagesPerCustomer} messages without a workflow task running past its timeout`,
  { timeout: 600_000 },
  async (t) => {
    const outcome = await runWorkerBacklogScenario({
      ...SCENARIO,
      drainTimeoutMs: 360_000,
      log: (message) => t.diagnostic(message),
    });
    assert.ok(outcome.backlogAtRestart > outcome.expectedSends / 2, 'the restart must leave a real backlog');
    assert.notEqual(
      outcome.drainMs,
      null,
      `only ${outcome.sends} of ${outcome.expectedSends} messages were sent`,
    );
    assert.equal(
      outcome.timedOutTasks,
      0,
      'workflow tasks ran past their timeout: their work was thrown away',
    );
    t.diagnostic(`workflow tasks slower than 5 s: ${outcome.slowTaskWarnings}`);
    assert.equal(outcome.duplicates, 0, 'a message was sent twice');
    assert.equal(outcome.sends, outcome.expectedSends);
  },
);
