/**
 * Restart the API in the middle of traffic — once gracefully (SIGTERM: in-flight requests finish),
 * once abruptly (SIGKILL: in-flight requests are cut). Integrators retry leads with the same
 * Idempotency-Key and Meta redelivers webhooks with the same wamid, so every lead still starts
 * exactly one run and every acknowledged answer is handled once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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
  `API restarts (SIGTERM, then SIGKILL) during ${CONVERSATIONS} conversations lose and repeat nothing`,
  { timeout: 600_000 },
  async (t) => {
    const { stack } = fault;
    const customers = makeCustomers(CONVERSATIONS);
    // Slow customers (up to 4 s per answer) keep traffic flowing through both restarts.
    const playing = playAll(fault, customers, { thinkMs: 4_000 });
    const total = CONVERSATIONS * EXPECTED_MESSAGES;

    assert.ok(
      await waitUntil(() => stack.graph.sentMessages().length >= total / 4, 120_000, 10),
      'traffic never started',
    );
    let sent = stack.graph.sentMessages().length;
    const restartBegan = Date.now();
    await stack.restartApi('SIGTERM');
    t.diagnostic(
      `API restarted gracefully after ${sent}/${total} messages in ${Date.now() - restartBegan} ms ` +
        `(${stack.graph.sentMessages().length}/${total} sent by then)`,
    );
    // The kill follows as soon as traffic moves again: waiting for a fixed share of it let a slow
    // first restart (the API takes seconds to start) push the kill past the end of the traffic.
    const sentAfterRestart = stack.graph.sentMessages().length;
    assert.ok(
      await waitUntil(() => stack.graph.sentMessages().length > sentAfterRestart, 120_000, 10),
      'traffic stalled',
    );
    sent = stack.graph.sentMessages().length;
    await stack.restartApi('SIGKILL');
    t.diagnostic(`API killed and restarted after ${sent}/${total} messages`);
    assert.ok(sent < total, 'the second restart must land mid-traffic');

    await playing;
    const outcome = await checkOutcome(fault, customers);
    const redeliveries = customers.reduce((sum, customer) => sum + customer.redeliveries, 0);
    t.diagnostic(
      `webhook redeliveries needed: ${redeliveries}; duplicate sends: ${outcome.duplicates.length}`,
    );
    const waits = customers.filter((customer) => customer.idempotencyWaits > 0).length;
    const lost = customers.filter((customer) => customer.startedByLostAttempt).length;
    t.diagnostic(
      `leads that waited for a stale Idempotency-Key claim (120 s): ${waits}; runs started by an attempt whose answer was lost: ${lost}`,
    );
    assertNoProblems(outcome);
    assert.deepEqual(outcome.duplicates, []);
  },
);
