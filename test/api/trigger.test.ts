/**
 * `POST /api/webhook/outbound` through real HTTP on the real stack: the published success shape, the
 * run it starts (template at the fake Graph API, search attributes without the phone), each auth
 * method and its refusals, tenancy, one open conversation per phone (409 / replace), bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@temporalio/client';
import { hashPhone } from '../../api/conversations/normalize-phone';
import { startApiServer } from '../../api/start-api-server';
import { createLogger } from '../../platform/logger';
import { conversationSearchAttributes } from '../../workflows/definitions';
import { waitFor } from '../support/full-stack';
import { buildLeadFlow, buildOutboundFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let flowId: string;
let outboundToken: string;
let groupId: string;
let otherFlowToken: string;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  ({ flowId, outboundToken } = await s.seedFlow(owner, buildOutboundFlow()));
  ({ outboundToken: otherFlowToken } = await s.seedFlow(owner, buildOutboundFlow()));
  groupId = await s.seedTemplateGroup(owner, [
    { name: 'order_update', language: 'en', bodyParamCount: 1 },
    { name: 'otp_code', language: 'en', category: 'AUTHENTICATION', bodyParamCount: 1 },
  ]);
});

after(() => s?.stop());

const trigger = (body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
  s.request('POST', '/api/webhook/outbound', {
    body,
    token: options.token ?? owner.apiToken,
    headers: options.headers,
  });

function outboundBody(phone: string, data: Record<string, unknown> = {}) {
  return {
    phone,
    flowId,
    templateGroupId: groupId,
    data: {
      customerName: 'John Doe',
      orderId: 'ORD-12345',
      templateParams: ['123456'],
      code: '123456',
      ...data,
    },
  };
}

describe('success', () => {
  test('answers exactly the published body and starts the run, which sends the filled template', async () => {
    const phone = randomPhone();
    const response = await trigger(outboundBody(phone));
    assert.equal(response.status, 200);
    const { conversationId, ...published } = response.body;
    assert.deepEqual(published, { success: true, message: `Outbound flow triggered for ${phone}`, flowId });
    assert.match(conversationId, /^[0-9a-f-]{36}$/);

    const sent = await waitFor(() => s.stack.messagesTo(phone)[0], 10_000, 'the opening template');
    assert.equal(sent.type, 'template');
    const template = sent.body.template as {
      name: string;
      components: { type: string; parameters: unknown[] }[];
    };
    assert.equal(template.name, 'order_update');
    assert.deepEqual(template.components, [{ type: 'body', parameters: [{ type: 'text', text: '123456' }] }]);

    const [row] = await s.stack.dataSource.query(`SELECT * FROM conversations WHERE id = $1`, [
      conversationId,
    ]);
    assert.equal(row.customerName, 'John Doe');
    assert.equal(row.triggerSource, 'outbound');
    assert.equal(row.workflowId, `conversation-${conversationId}`);
    assert.ok(row.runId);
    assert.equal(row.variables.orderId, 'ORD-12345');

    const description = await s.stack.client.workflow.getHandle(row.workflowId).describe();
    assert.equal(
      description.typedSearchAttributes.get(conversationSearchAttributes.phoneHash),
      hashPhone(phone),
    );
    assert.equal(description.typedSearchAttributes.get(conversationSearchAttributes.flowId), flowId);
    assert.equal(
      description.typedSearchAttributes.get(conversationSearchAttributes.triggerSource),
      'outbound',
    );
    assert.doesNotMatch(JSON.stringify(description.typedSearchAttributes), new RegExp(phone.slice(1)));
  });

  test('normalises the phone (spaces, dashes, 00 prefix) to E.164', async () => {
    const phone = randomPhone();
    const written = `00${phone.slice(1, 4)} ${phone.slice(4, 6)}-${phone.slice(6)}`;
    const response = await trigger(outboundBody(written));
    assert.equal(response.status, 200);
    assert.equal(response.body.message, `Outbound flow triggered for ${phone}`);
  });

  test("the flow's outbound token works as Bearer", async () => {
    const response = await trigger(outboundBody(randomPhone()), { token: outboundToken });
    assert.equal(response.status, 200);
  });

  test('data.templateName picks the template; an authentication template carries code as its button', async () => {
    const phone = randomPhone();
    const response = await trigger(
      outboundBody(phone, { templateName: 'otp_code', templateParams: undefined, code: '987654' }),
    );
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const sent = await waitFor(() => s.stack.messagesTo(phone)[0], 10_000, 'the otp template');
    const template = sent.body.template as { name: string; components: unknown[] };
    assert.equal(template.name, 'otp_code');
    assert.deepEqual(template.components, [
      { type: 'body', parameters: [{ type: 'text', text: '987654' }] },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '987654' }] },
    ]);
  });
});

describe('auth and tenancy', () => {
  test('no credentials: 401', async () => {
    const response = await s.request('POST', '/api/webhook/outbound', { body: outboundBody(randomPhone()) });
    assert.equal(response.status, 401);
    assert.equal(typeof response.body.error, 'string');
  });

  test("another flow's outbound token is refused (401)", async () => {
    const response = await trigger(outboundBody(randomPhone()), { token: otherFlowToken });
    assert.equal(response.status, 401);
  });

  test('a made-up token and a forged JWT are refused (401)', async () => {
    assert.equal((await trigger(outboundBody(randomPhone()), { token: 'not-a-token' })).status, 401);
    assert.equal((await trigger(outboundBody(randomPhone()), { token: `${owner.apiToken}x` })).status, 401);
  });

  test("user B cannot trigger user A's flow (404), nor use A's template group", async () => {
    const response = await trigger(outboundBody(randomPhone()), { token: stranger.apiToken });
    assert.equal(response.status, 404);
    const strangersFlow = await s.seedFlow(stranger, buildOutboundFlow());
    const viaGroup = await trigger(
      { ...outboundBody(randomPhone()), flowId: strangersFlow.flowId },
      { token: stranger.apiToken },
    );
    assert.equal(viaGroup.status, 404);
    assert.equal(viaGroup.body.error, 'Template group not found');
  });
});

describe('one open conversation per phone', () => {
  test('a second trigger is a 409 naming the open conversation; X-Replace-Active ends it and starts anew', async () => {
    const phone = randomPhone();
    const first = await trigger(outboundBody(phone));
    assert.equal(first.status, 200);
    const second = await trigger(outboundBody(phone));
    assert.equal(second.status, 409);
    assert.equal(
      second.body.error,
      `A conversation is already active for ${phone} (conversation ${first.body.conversationId})`,
    );

    const replaced = await trigger(outboundBody(phone), { headers: { 'X-Replace-Active': 'true' } });
    assert.equal(replaced.status, 200);
    assert.notEqual(replaced.body.conversationId, first.body.conversationId);
    const [old] = await s.stack.dataSource.query(
      `SELECT status, "endedAt", "workflowId" FROM conversations WHERE id = $1`,
      [first.body.conversationId],
    );
    assert.equal(old.status, 'stopped');
    assert.ok(old.endedAt);
    const oldRun = await s.stack.client.workflow.getHandle(old.workflowId).describe();
    assert.equal(oldRun.status.name, 'TERMINATED');
  });

  test('"replaceActive": true in the body works too', async () => {
    const phone = randomPhone();
    assert.equal((await trigger(outboundBody(phone))).status, 200);
    assert.equal((await trigger({ ...outboundBody(phone), replaceActive: true })).status, 200);
  });
});

describe('refusals', () => {
  test('inactive flow: 409; flow whose graph cannot run: 422 listing the problems', async () => {
    const draft = await s.seedFlow(owner, buildOutboundFlow(), { status: 'draft' });
    const inactive = await trigger({ ...outboundBody(randomPhone()), flowId: draft.flowId });
    assert.equal(inactive.status, 409);
    assert.match(inactive.body.error, /draft/);

    const broken = await s.seedFlow(owner, { drawflow: { Home: { data: {} } } });
    const invalid = await trigger({ ...outboundBody(randomPhone()), flowId: broken.flowId });
    assert.equal(invalid.status, 422);
    assert.ok(Array.isArray(invalid.body.problems) && invalid.body.problems.length > 0);
  });

  test('a lead-style flow is fine with an outbound trigger (the trigger sends the opening template)', async () => {
    const leadFlow = await s.seedFlow(owner, buildLeadFlow());
    assert.equal((await trigger({ ...outboundBody(randomPhone()), flowId: leadFlow.flowId })).status, 200);
  });

  test('template parameter count mismatch: 422, nothing started', async () => {
    const phone = randomPhone();
    const response = await trigger(outboundBody(phone, { templateParams: ['a', 'b'] }));
    assert.equal(response.status, 422);
    assert.match(response.body.error, /takes 1 parameter/);
    const rows = await s.stack.dataSource.query(`SELECT 1 FROM conversations WHERE "customerPhone" = $1`, [
      phone,
    ]);
    assert.equal(rows.length, 0);
  });

  const badBodies: [string, unknown][] = [
    ['malformed JSON', '{"phone": "+972501234567",'],
    ['a JSON array', '[]'],
    [
      'missing phone',
      {
        flowId: '00000000-0000-4000-8000-000000000000',
        templateGroupId: '00000000-0000-4000-8000-000000000000',
      },
    ],
    [
      'phone as a number',
      {
        phone: 972501234567,
        flowId: '00000000-0000-4000-8000-000000000000',
        templateGroupId: '00000000-0000-4000-8000-000000000000',
      },
    ],
    ['a national phone number', { phone: '0501234567' }],
    ['letters in the phone', { phone: '+97250ABC4567' }],
    ['too short a phone', { phone: '+1234567' }],
    ['flowId not a UUID', { flowId: 'flow-1' }],
    ['templateParams not an array', { data: { templateParams: 'x' } }],
    ['a nested object in data', { data: { nested: { a: 1 } } }],
  ];
  for (const [name, body] of badBodies) {
    test(`${name}: 4xx {"error"}`, async () => {
      const full = typeof body === 'string' ? body : { ...outboundBody(randomPhone()), ...(body as object) };
      if (typeof body !== 'string' && name === 'missing phone') delete (full as { phone?: string }).phone;
      const response = await trigger(full);
      assert.ok(
        response.status >= 400 && response.status < 500,
        `${response.status} ${JSON.stringify(response.body)}`,
      );
      assert.equal(typeof response.body.error, 'string');
    });
  }

  test('an oversized body: 413', async () => {
    const response = await trigger({ ...outboundBody(randomPhone()), padding: 'x'.repeat(3 * 1024 * 1024) });
    assert.equal(response.status, 413);
  });

  test('a body that is not JSON: 415', async () => {
    const response = await trigger('phone=+972501234567', { headers: { 'content-type': 'text/plain' } });
    assert.ok([400, 415].includes(response.status), String(response.status));
  });
});

test('Temporal refusing the start: 503, and no conversation row is left behind', async () => {
  const failing = {
    workflow: { start: () => Promise.reject(new Error('connection refused')) },
  } as unknown as Client;
  const api = await startApiServer(
    {
      config: s.config,
      dataSource: s.stack.dataSource,
      logger: createLogger({ level: 'silent' }),
      checkTemporal: async () => undefined,
      temporalClient: failing,
    },
    0,
  );
  try {
    const phone = randomPhone();
    const response = await fetch(`http://127.0.0.1:${api.port}/api/webhook/outbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.apiToken}` },
      body: JSON.stringify(outboundBody(phone)),
    });
    assert.equal(response.status, 503);
    assert.match(((await response.json()) as { error: string }).error, /nothing was started/);
    const rows = await s.stack.dataSource.query(`SELECT 1 FROM conversations WHERE "customerPhone" = $1`, [
      phone,
    ]);
    assert.equal(rows.length, 0);
    assert.equal(
      (await trigger(outboundBody(phone))).status,
      200,
      'a retry on the healthy API starts cleanly',
    );
  } finally {
    await api.close(0);
  }
});

test('logs carry no full phone numbers and no tokens', () => {
  const logs = s.logLines.join('');
  assert.doesNotMatch(logs, /\+9725\d{8}/);
  assert.ok(!logs.includes(outboundToken) && !logs.includes(owner.apiToken));
});
