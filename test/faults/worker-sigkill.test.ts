/**
 * SIGKILL the worker (a separate process) while conversations are in the middle of their flows,
 * start a new one, and check that every conversation finishes exactly as it would have.
 *
 * Known limit, measured rather than hidden: Graph has no idempotency key, so a send that reached
 * Graph just before the kill — accepted, but its answer never recorded — is sent again when the
 * activity is retried on the new worker. The test allows a duplicate only when it is explained that
 * way (first copy accepted before the kill, second after the restart) and reports each one.
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
  `SIGKILL of the worker during ${CONVERSATIONS} active conversations loses and repeats nothing`,
  { timeout: 600_000 },
  async (t) => {
    const { stack } = fault;
    const customers = makeCustomers(CONVERSATIONS);
    const playing = playAll(fault, customers);

    // Kill once the conversations are well under way: about a third of all messages sent.
    const total = CONVERSATIONS * EXPECTED_MESSAGES;
    assert.ok(
      await waitUntil(() => stack.graph.sentMessages().length >= total / 3, 120_000, 10),
      'traffic never started',
    );
    const [victim] = stack.workers;
    const killedAt = Date.now();
    const sentBeforeKill = stack.graph.sentMessages().length;
    await victim.stop('SIGKILL');
    // The worker can still reach Graph between our kill() call and its death; `stop` resolves on
    // the exit event, so anything that arrived before this moment came from the old worker.
    const deadAt = Date.now();
    await sleep(500);
    const restartedAt = Date.now();
    await stack.startWorker();
    t.diagnostic(
      `worker SIGKILLed after ${sentBeforeKill}/${total} messages; new worker polling after ${Date.now() - killedAt} ms`,
    );

    await playing;
    const outcome = await checkOutcome(fault, customers);
    assertNoProblems(outcome);

    // Each duplicate must be the ambiguous case: first copy accepted before the old worker died, the
    // copy after the restart.
    const firstArrival = new Map<string, number>();
    const arrivals = stack.graph.requests.filter((request) => request.waMessageId);
    for (const duplicate of outcome.duplicates) {
      const key = JSON.stringify([duplicate.phoneNumberId, duplicate.body]);
      const copies = arrivals.filter(
        (request) => JSON.stringify([request.phoneNumberId, request.body]) === key,
      );
      const [first, second] = copies.map((request) => request.receivedAt);
      firstArrival.set(duplicate.waMessageId, first);
      t.diagnostic(
        `duplicate to ${duplicate.to}: first copy ${Math.round(first - killedAt)} ms relative to the kill, second ${Math.round(second - killedAt)} ms`,
      );
      assert.ok(first <= deadAt && second >= restartedAt, 'a duplicate not explained by the kill');
    }
    t.diagnostic(
      `duplicates: ${outcome.duplicates.length} (sends in flight at the kill can repeat; see file comment)`,
    );
  },
);
