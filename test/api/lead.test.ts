/**
 * `POST /api/webhook/flow/{flowId}/lead` through real HTTP on the real stack: fields become variables
 * and are echoed in order, and each auth method — API JWT, this flow's outbound token, X-Signature-256
 * over the raw bytes — with its refusals.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { buildLeadFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';
import type { SeededFlow } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let leadFlow: SeededFlow;
let otherFlow: SeededFlow;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  leadFlow = await s.seedFlow(owner, buildLeadFlow());
  otherFlow = await s.seedFlow(owner, buildLeadFlow());
});

after(() => s?.stop());

const leadPath = (flowId = leadFlow.flowId) => `/api/webhook/flow/${flowId}/lead`;
const sign = (raw: string, secret = leadFlow.hmacSecret) =>
  createHmac('sha256', secret).update(raw).digest('hex');

function leadBody(phone = randomPhone()) {
  return { phone, name: 'John Doe', email: 'john@example.com', source: 'website', product: 'Premium Plan' };
}

describe('success', () => {
  test('answers exactly the published body; the fields are the run variables; the flow sends its template', async () => {
    const body = leadBody();
    const response = await s.request('POST', leadPath(), { body, token: owner.apiToken });
    assert.equal(response.status, 200);
    const { conversationId, ...published } = response.body;
    assert.deepEqual(published, {
      success: true,
      message: 'Lead received and flow started',
      variables: ['phone', 'name', 'email', 'source', 'product'],
    });
    const [row] = await s.stack.dataSource.query(`SELECT * FROM conversations WHERE id = $1`, [
      conversationId,
    ]);
    assert.deepEqual(row.variables, body);
    assert.equal(row.customerName, 'John Doe');
    assert.equal(row.triggerSource, 'lead');
    const sent = await waitFor(() => s.stack.messagesTo(body.phone)[0], 10_000, 'the lead template');
    assert.equal((sent.body.template as { name: string }).name, 'lead_welcome');
  });

  test('extra fields of any scalar type are accepted and echoed in the order received', async () => {
    const body = { source: 'form', phone: randomPhone(), score: 42, vip: true, note: null };
    const response = await s.request('POST', leadPath(), { body, token: owner.apiToken });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.variables, ['source', 'phone', 'score', 'vip', 'note']);
  });
});

describe('auth', () => {
  test("the flow's outbound token", async () => {
    const response = await s.request('POST', leadPath(), { body: leadBody(), token: leadFlow.outboundToken });
    assert.equal(response.status, 200);
  });

  test("another flow's outbound token is refused (401)", async () => {
    const response = await s.request('POST', leadPath(), {
      body: leadBody(),
      token: otherFlow.outboundToken,
    });
    assert.equal(response.status, 401);
  });

  test('X-Signature-256 over the raw bytes, with and without the sha256= prefix', async () => {
    for (const prefix of ['', 'sha256=']) {
      // Odd spacing on purpose: the signature covers these exact bytes, not a re-serialisation.
      const raw = `{ "phone" : "${randomPhone()}",  "name":"John" }`;
      const response = await s.request('POST', leadPath(), {
        body: raw,
        headers: { 'x-signature-256': `${prefix}${sign(raw)}` },
      });
      assert.equal(response.status, 200, JSON.stringify(response.body));
    }
  });

  test('a signature over different bytes, with a wrong secret, or malformed: 401', async () => {
    const raw = JSON.stringify(leadBody());
    const cases = [
      sign(JSON.stringify(JSON.parse(raw), null, 1)),
      sign(raw, otherFlow.hmacSecret),
      sign(raw, 'wrong-secret'),
      'sha256=zz',
      '',
    ];
    for (const signature of cases) {
      const response = await s.request('POST', leadPath(), {
        body: raw,
        headers: { 'x-signature-256': signature },
      });
      assert.equal(
        response.status,
        401,
        `signature ${signature.slice(0, 12)}: ${JSON.stringify(response.body)}`,
      );
      assert.equal(typeof response.body.error, 'string');
    }
  });

  test("another flow's correct signature does not open this flow (401)", async () => {
    const raw = JSON.stringify(leadBody());
    const response = await s.request('POST', leadPath(), {
      body: raw,
      headers: { 'x-signature-256': sign(raw, otherFlow.hmacSecret) },
    });
    assert.equal(response.status, 401);
  });

  test("user B cannot send leads to user A's flow (404); unknown flow 404", async () => {
    assert.equal(
      (await s.request('POST', leadPath(), { body: leadBody(), token: stranger.apiToken })).status,
      404,
    );
    const unknown = leadPath('00000000-0000-4000-8000-000000000000');
    assert.equal((await s.request('POST', unknown, { body: leadBody(), token: owner.apiToken })).status, 404);
    assert.equal(
      (await s.request('POST', leadPath('nope'), { body: leadBody(), token: owner.apiToken })).status,
      404,
    );
  });
});

describe('bad input', () => {
  const cases: [string, unknown][] = [
    ['malformed JSON', '{"phone":'],
    ['no phone', { name: 'x' }],
    ['phone as a number', { phone: 972501234567 }],
    ['a bad phone', { phone: '12' }],
    ['a nested object', { phone: randomPhone(), address: { city: 'x' } }],
    ['an array field', { phone: randomPhone(), tags: ['a'] }],
    ['a field name with spaces', { phone: randomPhone(), 'first name': 'x' }],
    [
      'too many fields',
      Object.fromEntries([['phone', randomPhone()], ...Array.from({ length: 60 }, (_, i) => [`f${i}`, i])]),
    ],
  ];
  for (const [name, body] of cases) {
    test(`${name}: 4xx {"error"}`, async () => {
      const response = await s.request('POST', leadPath(), { body, token: owner.apiToken });
      assert.ok(response.status >= 400 && response.status < 500, `${response.status}`);
      assert.equal(typeof response.body.error, 'string');
    });
  }
});

test('a lead failing in the database logs neither the phone number nor the query parameters', async () => {
  const phone = randomPhone();
  const constraint = `refuse_lead_${Date.now()}`;
  // Refuses exactly this customer's row: the conversation INSERT fails in PostgreSQL.
  await s.stack.dataSource.query(
    `ALTER TABLE conversations ADD CONSTRAINT ${constraint} CHECK ("customerPhone" <> '${phone}') NOT VALID`,
  );
  const from = s.logLines.length;
  try {
    const response = await s.request('POST', leadPath(), { body: leadBody(phone), token: owner.apiToken });
    assert.equal(response.status, 500);
    assert.deepEqual(response.body, { error: 'Internal server error' });
  } finally {
    await s.stack.dataSource.query(`ALTER TABLE conversations DROP CONSTRAINT ${constraint}`);
  }
  const logs = s.logLines.slice(from).join('');
  assert.ok(logs.includes(`violates check constraint \\"${constraint}\\"`), 'the failure is logged');
  assert.ok(!logs.includes(phone.slice(1)), 'the phone number reached the logs');
  assert.doesNotMatch(logs, /"parameters"/);
  assert.doesNotMatch(logs, /Failing row contains/);
});

test('logs carry no full phone numbers, tokens or secrets', () => {
  const logs = s.logLines.join('');
  assert.doesNotMatch(logs, /\+9725\d{8}/);
  for (const secret of [leadFlow.outboundToken, leadFlow.hmacSecret, owner.apiToken])
    assert.ok(!logs.includes(secret));
});
