/**
 * Opt-out on the real stack (PostgreSQL, Temporal, worker, fake Graph API, HTTP API): a STOP keyword
 * ends the conversation and confirms once, and then every path refuses the customer — the flow's
 * next send never reaches Graph, agent replies, leads and outbound triggers answer 409 — until START.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { buildLeadFlow, buildOutboundFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, type SeededFlow } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let leadFlow: SeededFlow;
let outboundFlow: SeededFlow;
let templateGroupId: string;
const confirmation = 'You will get no more messages from us. Reply START to opt back in.';

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  leadFlow = await s.seedFlow(owner, buildLeadFlow());
  outboundFlow = await s.seedFlow(owner, buildOutboundFlow());
  templateGroupId = await s.seedTemplateGroup(owner, [
    { name: 'order_update', language: 'en', bodyParamCount: 1 },
  ]);
  const settings = await s.request('PATCH', `/api/whatsapp/accounts/${owner.accountId}`, {
    token: owner.apiToken,
    body: { optOutConfirmation: confirmation },
  });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  assert.equal(settings.body.optOutConfirmation, confirmation);
});
after(() => s?.stop());

const sendLead = (phone: string) =>
  s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
    token: owner.apiToken,
    body: { phone, name: 'Dana' },
  });
const sendOutbound = (phone: string) =>
  s.request('POST', '/api/webhook/outbound', {
    token: owner.apiToken,
    body: {
      phone,
      flowId: outboundFlow.flowId,
      templateGroupId,
      data: { customerName: 'Dana', templateParams: ['1'] },
    },
  });
const customerWrites = (phone: string, text: string) =>
  s.postWhatsAppWebhook(
    buildTextMessageWebhook({ phoneNumberId: owner.phoneNumberId, from: phone.slice(1), text }),
  );
const conversation = async (id: string) =>
  (await s.stack.dataSource.query(`SELECT * FROM conversations WHERE id = $1`, [id]))[0];
const contactOf = async (phone: string) =>
  (
    await s.stack.dataSource.query(`SELECT * FROM contacts WHERE "whatsappAccountId" = $1 AND phone = $2`, [
      owner.accountId,
      phone,
    ])
  )[0];

/** A lead whose opening template reached Graph: the run now waits for the customer's answer. */
async function startWaitingLead(phone: string): Promise<string> {
  const lead = await sendLead(phone);
  assert.equal(lead.status, 200, JSON.stringify(lead.body));
  await waitFor(() => s.stack.messagesTo(phone)[0], 15_000, 'the lead template');
  return lead.body.conversationId as string;
}

describe('STOP', () => {
  test('ends the conversation, confirms once, and every path refuses until START', async () => {
    const phone = randomPhone();
    const conversationId = await startWaitingLead(phone);
    assert.equal((await contactOf(phone)).name, 'Dana', 'the lead created the contact');

    assert.equal((await customerWrites(phone, '  Stop! ')).status, 200);
    const ended = await waitFor(
      async () => {
        const row = await conversation(conversationId);
        return row.endedAt ? row : undefined;
      },
      15_000,
      'the conversation to end',
    );
    assert.equal(ended.status, 'stopped');
    const contact = await contactOf(phone);
    assert.equal(contact.optState, 'opted_out');
    assert.equal(contact.optStateSource, 'keyword');
    const confirmed = await waitFor(
      () => s.stack.messagesTo(phone).find((m) => m.type === 'text'),
      15_000,
      'the opt-out confirmation',
    );
    assert.deepEqual((confirmed?.body.text as { body: string }).body, confirmation);

    // A second STOP (and Meta redelivering the first) sends no second confirmation.
    assert.equal((await customerWrites(phone, 'STOP')).status, 200);
    await sleep(1500);
    assert.equal(s.stack.messagesTo(phone).filter((m) => m.type === 'text').length, 1);

    const lead = await sendLead(phone);
    assert.equal(lead.status, 409, JSON.stringify(lead.body));
    assert.match(lead.body.error, /has opted out/);
    const outbound = await sendOutbound(phone);
    assert.equal(outbound.status, 409, JSON.stringify(outbound.body));
    assert.match(outbound.body.error, /has opted out/);
    const reply = await s.request('POST', `/api/conversations/${conversationId}/reply`, {
      token: owner.apiToken,
      body: { messageType: 'text', text: 'Are you sure?' },
    });
    assert.equal(reply.status, 409, JSON.stringify(reply.body));
    const [{ count }] = await s.stack.dataSource.query(
      `SELECT count(*)::int AS count FROM conversations WHERE "whatsappAccountId" = $1 AND "customerPhone" = $2 AND "endedAt" IS NULL`,
      [owner.accountId, phone],
    );
    assert.equal(count, 0, 'the refused triggers wrote no conversation');

    assert.equal((await customerWrites(phone, 'start')).status, 200);
    await waitFor(
      async () => (await contactOf(phone)).optState === 'opted_in' || undefined,
      10_000,
      'opt-in',
    );
    const again = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      token: owner.apiToken,
      body: { phone, name: 'Dana' },
      headers: { 'x-replace-active': 'true' },
    });
    assert.equal(again.status, 200, JSON.stringify(again.body));
  });

  test('keywords in other languages and per-number lists', async () => {
    const phone = randomPhone();
    assert.equal((await customerWrites(phone, 'Baja')).status, 200);
    await waitFor(
      async () => (await contactOf(phone))?.optState === 'opted_out' || undefined,
      10_000,
      'baja',
    );
    assert.equal((await customerWrites(phone, 'ابدأ')).status, 200);
    await waitFor(async () => (await contactOf(phone)).optState === 'opted_in' || undefined, 10_000, 'ابدأ');

    const set = await s.request('PATCH', `/api/whatsapp/accounts/${owner.accountId}`, {
      token: owner.apiToken,
      body: { optOutKeywords: ['Enough'] },
    });
    assert.equal(set.status, 200);
    try {
      assert.equal((await customerWrites(phone, 'stop')).status, 200);
      await sleep(500);
      assert.equal((await contactOf(phone)).optState, 'opted_in', 'stop is not on this number’s own list');
      assert.equal((await customerWrites(phone, 'ENOUGH')).status, 200);
      await waitFor(
        async () => (await contactOf(phone)).optState === 'opted_out' || undefined,
        10_000,
        'enough',
      );
    } finally {
      await s.request('PATCH', `/api/whatsapp/accounts/${owner.accountId}`, {
        token: owner.apiToken,
        body: { optOutKeywords: null },
      });
    }
  });
});

describe('the send activity refuses an opted-out customer', () => {
  test("a running flow's next message never reaches Graph; the row says why", async () => {
    const phone = randomPhone();
    const conversationId = await startWaitingLead(phone);
    const contact = await contactOf(phone);
    // Opted out another way (the API): the run is still waiting, so only the send itself can refuse.
    const patched = await s.request('PATCH', `/api/contacts/${contact.id}`, {
      token: owner.apiToken,
      body: { optState: 'opted_out' },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.optStateSource, 'api');

    assert.equal((await customerWrites(phone, 'my answer')).status, 200);
    const refused = await waitFor(
      async () =>
        (
          await s.stack.dataSource.query(
            `SELECT * FROM messages WHERE "conversationId" = $1 AND direction = 'outbound' AND "errorCode" = 'opted_out'`,
            [conversationId],
          )
        )[0],
      20_000,
      'the refused send',
    );
    assert.equal(refused.status, 'failed');
    assert.deepEqual(
      s.stack.messagesTo(phone).map((m) => m.type),
      ['template'],
      'only the opening template reached Graph',
    );
  });
});
