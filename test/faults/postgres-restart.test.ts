/**
 * Restart PostgreSQL (embedded; same data folder and port) in the middle of conversations. While it
 * is down the API answers webhooks with an error (Meta redelivers) and activities fail and are
 * retried; afterwards every conversation completes as it would have, nothing stored twice or lost.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sleep } from '../support/child-service';
import { waitUntil } from '../support/stack-driver';
import {
  assertNoProblems,
  checkOutcome,
  CONVERSATIONS,
  EXPECTED_MESSAGES,
  makeCustomers,
  playAll,
  startFaultStack,
  type FaultStack,
} from './fault-kit';

let fault: FaultStack;
before(async () => {
  fault = await startFaultStack();
});
after(() => fault?.stack.stop());

test(
  `a PostgreSQL restart during ${CONVERSATIONS} conversations loses and repeats nothing`,
  { timeout: 600_000 },
  async (t) => {
    const { stack } = fault;
    const customers = makeCustomers(CONVERSATIONS);
    const playing = playAll(fault, customers);
    const total = CONVERSATIONS * EXPECTED_MESSAGES;

    assert.ok(
      await waitUntil(() => stack.graph.sentMessages().length >= total / 3, 120_000, 10),
      'traffic never started',
    );
    const sentBefore = stack.graph.sentMessages().length;
    await stack.stopPostgres();
    await sleep(2_000);
    await stack.startPostgres();
    t.diagnostic(`PostgreSQL down for ~2 s after ${sentBefore}/${total} messages`);

    await playing;
    const outcome = await checkOutcome(fault, customers);
    const redeliveries = customers.reduce((sum, customer) => sum + customer.redeliveries, 0);
    t.diagnostic(
      `webhook redeliveries needed: ${redeliveries}; duplicate sends: ${outcome.duplicates.length}`,
    );
    assertNoProblems(outcome);
    assert.deepEqual(outcome.duplicates, []);
  },
);
