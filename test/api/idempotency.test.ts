/**
 * `Idempotency-Key` on both triggers through real HTTP on the real stack: a repeat returns the first
 * response and starts nothing (one conversation, one run, one message at the fake Graph API), the same
 * key with another body is a 422, concurrent repeats start one run, keys are scoped per caller.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { buildLeadFlow, buildOutboundFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, type SeededFlow } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let other: Caller;
let outboundFlow: SeededFlow;
let leadFlow: SeededFlow;
let otherLeadFlow: SeededFlow;
let groupId: string;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  other = await s.seedCaller();
  outboundFlow = await s.seedFlow(owner, buildOutboundFlow());
  leadFlow = await s.seedFlow(owner, buildLeadFlow());
  otherLeadFlow = await s.seedFlow(other, buildLeadFlow());
  groupId = await s.seedTemplateGroup(owner, [{ name: 'order_update', language: 'en', bodyParamCount: 1 }]);
});

after(() => s?.stop());

async function conversationsFor(phone: string): Promise<number> {
  const rows = await s.stack.dataSource.query(`SELECT 1 FROM conversations WHERE "customerPhone" = $1`, [
    phone,
  ]);
  return rows.length;
}

test('outbound: a repeat returns the first response and starts nothing; one template reaches Graph', async () => {
  const phone = randomPhone();
  const key = randomUUID();
  const body = {
    phone,
    flowId: outboundFlow.flowId,
    templateGroupId: groupId,
    data: { templateParams: ['1'] },
  };
  const send = () =>
    s.request('POST', '/api/webhook/outbound', {
      body,
      token: owner.apiToken,
      headers: { 'Idempotency-Key': key },
    });
  const first = await send();
  assert.equal(first.status, 200);
  const repeat = await send();
  assert.equal(repeat.status, 200);
  assert.deepEqual(repeat.body, first.body);
  assert.equal(repeat.headers.get('idempotent-replayed'), 'true');
  assert.equal(await conversationsFor(phone), 1);
  await waitFor(() => s.stack.messagesTo(phone).length === 1, 10_000, 'the template');
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(s.stack.messagesTo(phone).length, 1);
});

test('the same key with a different body: 422, nothing started', async () => {
  const key = randomUUID();
  const headers = { 'Idempotency-Key': key };
  const phone = randomPhone();
  assert.equal(
    (
      await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
        body: { phone },
        token: owner.apiToken,
        headers,
      })
    ).status,
    200,
  );
  const otherPhone = randomPhone();
  const reused = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
    body: { phone: otherPhone },
    token: owner.apiToken,
    headers,
  });
  assert.equal(reused.status, 422);
  assert.match(reused.body.error, /Idempotency-Key/);
  assert.equal(await conversationsFor(otherPhone), 0);
});

test('concurrent repeats start one run', async () => {
  const phone = randomPhone();
  const headers = { 'Idempotency-Key': randomUUID() };
  const responses = await Promise.all(
    Array.from({ length: 8 }, () =>
      s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
        body: { phone, name: 'A' },
        token: owner.apiToken,
        headers,
      }),
    ),
  );
  const statuses = responses.map((response) => response.status);
  assert.ok(statuses.includes(200), statuses.join());
  assert.ok(
    statuses.every((status) => status === 200 || status === 409),
    statuses.join(),
  );
  for (const response of responses.filter((r) => r.status === 200)) {
    assert.equal(response.body.conversationId, responses.find((r) => r.status === 200)?.body.conversationId);
  }
  assert.equal(await conversationsFor(phone), 1);
  await waitFor(() => s.stack.messagesTo(phone).length === 1, 10_000, 'the template');
});

test('keys are scoped per caller: the same key from another user is a new request', async () => {
  const key = randomUUID();
  const headers = { 'Idempotency-Key': key };
  const a = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
    body: { phone: randomPhone() },
    token: owner.apiToken,
    headers,
  });
  const b = await s.request('POST', `/api/webhook/flow/${otherLeadFlow.flowId}/lead`, {
    body: { phone: randomPhone() },
    token: other.apiToken,
    headers,
  });
  assert.equal(a.status, 200);
  assert.equal(b.status, 200);
  assert.notEqual(a.body.conversationId, b.body.conversationId);
});

test('a failed request is not remembered: the same key succeeds once the cause is fixed', async () => {
  const phone = randomPhone();
  const headers = { 'Idempotency-Key': randomUUID() };
  const path = `/api/webhook/flow/${leadFlow.flowId}/lead`;
  const first = await s.request('POST', path, {
    body: { phone },
    token: owner.apiToken,
    headers: { ...headers, 'X-Replace-Active': 'maybe' },
  });
  assert.equal(first.status, 400);
  assert.equal(
    (await s.request('POST', path, { body: { phone }, token: owner.apiToken, headers })).status,
    200,
  );
});

test('an unusable key: 400', async () => {
  const response = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
    body: { phone: randomPhone() },
    token: owner.apiToken,
    headers: { 'Idempotency-Key': 'x'.repeat(300) },
  });
  assert.equal(response.status, 400);
});
