/**
 * Meta delivers at least once and in no particular order: every customer message is delivered
 * twice — the copy arriving after the customer's next message — and the delivery statuses of our
 * messages arrive twice and backwards (read, delivered, sent). Each answer must be handled once, each
 * status must end at the furthest one, and the conversations must end exactly as without redelivery.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SEEDED_ANSWERS } from '../support/seed-tenant';
import { phoneDigits, waitUntil } from '../support/stack-driver';
import { buildStatusWebhook, signWebhookBody } from '../support/whatsapp-webhook-payloads';
import {
  assertNoProblems,
  checkOutcome,
  CONVERSATIONS,
  deliverLikeMeta,
  EXPECTED_MESSAGES,
  makeCustomers,
  messagesTo,
  postRaw,
  submitLead,
  type Customer,
  type FaultStack,
  startFaultStack,
} from './fault-kit';

let fault: FaultStack;
before(async () => {
  fault = await startFaultStack();
});
after(() => fault?.stack.stop());

/** Plays one customer with every answer delivered twice, the second copy after the next answer. */
async function playWithRedeliveries(customer: Customer): Promise<void> {
  await submitLead(fault, customer);
  let previous: { wamid: string; text: string } | null = null;
  for (let turn = 1; turn <= SEEDED_ANSWERS; turn++) {
    assert.ok(
      await waitUntil(() => messagesTo(fault, customer).length >= turn, 120_000, 50),
      `no message ${turn}`,
    );
    const text = `answer ${turn} from ${customer.phone}`;
    const wamid = await deliverLikeMeta(fault, customer, text);
    if (previous) await deliverLikeMeta(fault, customer, previous.text, { waMessageId: previous.wamid });
    previous = { wamid, text };
  }
  if (previous) await deliverLikeMeta(fault, customer, previous.text, { waMessageId: previous.wamid });
  await waitUntil(() => messagesTo(fault, customer).length >= EXPECTED_MESSAGES, 120_000, 50);
}

/** Sends read, delivered, sent — each twice — for every message `customer` received. */
async function deliverStatusesBackwards(customer: Customer): Promise<void> {
  for (const message of messagesTo(fault, customer)) {
    for (const status of ['read', 'delivered', 'sent', 'read', 'delivered', 'sent'] as const) {
      const body = JSON.stringify(
        buildStatusWebhook({
          phoneNumberId: fault.tenant.accounts[0].phoneNumberId,
          from: phoneDigits(customer.phone),
          waMessageId: message.waMessageId,
          status,
        }),
      );
      const answer = await postRaw(
        fault.stack.apiUrl,
        body,
        signWebhookBody(body, fault.stack.secrets.whatsappAppSecret),
      );
      assert.equal(answer, 200);
    }
  }
}

test(
  `every webhook delivered twice and out of order (${CONVERSATIONS} conversations) changes nothing`,
  { timeout: 600_000 },
  async () => {
    const customers = makeCustomers(CONVERSATIONS);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(25, customers.length) }, async () => {
        while (next < customers.length) await playWithRedeliveries(customers[next++]);
      }),
    );
    const outcome = await checkOutcome(fault, customers);
    assertNoProblems(outcome);
    assert.deepEqual(outcome.duplicates, []);

    for (const customer of customers) await deliverStatusesBackwards(customer);
    const wamids = customers.flatMap((customer) =>
      messagesTo(fault, customer).map((message) => message.waMessageId),
    );
    const rows: { waMessageId: string; status: string }[] = await fault.stack.dataSource.query(
      `SELECT "waMessageId", status FROM messages WHERE direction = 'outbound' AND "waMessageId" = ANY($1)`,
      [wamids],
    );
    assert.equal(rows.length, wamids.length, 'every sent message is recorded once');
    assert.deepEqual(
      rows.filter((row) => row.status !== 'read'),
      [],
      'a late "delivered" or "sent" must never move a message back from "read"',
    );
  },
);
