/**
 * The WhatsApp webhook through real HTTP on the real stack: verification, signatures over the raw
 * bytes, messages stored once with the window renewed, messages kept for agents when no flow serves
 * the number, statuses applied without ever moving backwards, unknown numbers acknowledged.
 * customer replies signalled to their run (a redelivered message is stored once and answered once),
 * and the account's inbound flow started for a customer who writes first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { flow } from '../support/flow-builder';
import {
  buildStatusWebhook,
  buildTextMessageWebhook,
  buildWindowClosedFailureWebhook,
  makeInboundWaMessageId,
  signWebhookBody,
} from '../support/whatsapp-webhook-payloads';
import { APP_SECRET, buildLeadFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, seedConversation } from './conversation-fixtures';

let s: ApiStack;
let tenant: Caller;

before(async () => {
  s = await startApiStack();
  tenant = await s.seedCaller();
});

after(() => s?.stop());

async function postWebhook(body: string, signature: string | null = signWebhookBody(body, APP_SECRET)) {
  const headers: Record<string, string> = {};
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return await s.request('POST', '/api/whatsapp/webhook', { body, headers });
}

async function messagesByWamid(waMessageId: string) {
  return (await s.stack.dataSource.query(`SELECT * FROM messages WHERE "waMessageId" = $1`, [
    waMessageId,
  ])) as {
    conversationId: string | null;
    status: string;
    errorCode: string | null;
    errorTitle: string | null;
  }[];
}

describe('GET verification', () => {
  const verify = (query: string) => fetch(`${s.baseUrl}/api/whatsapp/webhook?${query}`);

  test('answers the challenge as plain text when the verify token matches', async () => {
    const response = await verify(
      'hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444',
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(await response.text(), '1158201444');
  });

  for (const [name, query] of [
    ['a wrong token', 'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'],
    ['another mode', 'hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1'],
    ['no token', 'hub.mode=subscribe&hub.challenge=1'],
    ['nothing', ''],
    [
      'repeated parameters',
      'hub.mode=subscribe&hub.verify_token=test-verify-token&hub.verify_token=x&hub.challenge=1',
    ],
  ]) {
    test(`refuses ${name} with 403 {"error"}`, async () => {
      const response = await verify(query);
      assert.equal(response.status, 403);
      assert.equal(typeof ((await response.json()) as { error: unknown }).error, 'string');
    });
  }
});

describe('POST signature', () => {
  const body = () =>
    JSON.stringify(
      buildTextMessageWebhook({ phoneNumberId: tenant.phoneNumberId, from: '972500000001', text: 'hi' }),
    );

  test('refuses a missing signature with 401', async () => {
    const response = await postWebhook(body(), null);
    assert.equal(response.status, 401);
    assert.equal(typeof response.body.error, 'string');
  });

  test('refuses a signature made with another secret', async () => {
    const raw = body();
    assert.equal((await postWebhook(raw, signWebhookBody(raw, 'other-secret'))).status, 401);
  });

  test('refuses a signature over different bytes (re-serialised JSON)', async () => {
    const raw = body();
    const spaced = JSON.stringify(JSON.parse(raw), null, 2);
    assert.equal((await postWebhook(spaced, signWebhookBody(raw, APP_SECRET))).status, 401);
  });

  test('refuses a malformed signature header', async () => {
    assert.equal((await postWebhook(body(), 'sha256=xyz')).status, 401);
    assert.equal((await postWebhook(body(), 'deadbeef')).status, 401);
  });

  test('malformed JSON is a 400 {"error"}, never a 5xx', async () => {
    const raw = '{"object":';
    const response = await postWebhook(raw, signWebhookBody(raw, APP_SECRET));
    assert.equal(response.status, 400);
    assert.equal(typeof response.body.error, 'string');
  });
});

describe('customer messages without a flow', () => {
  test('are stored once and open a handoff conversation agents can see; the window is renewed', async () => {
    const phone = randomPhone();
    const id = makeInboundWaMessageId();
    const sentAt = Date.now() - 5_000;
    const raw = JSON.stringify(
      buildTextMessageWebhook({
        phoneNumberId: tenant.phoneNumberId,
        from: phone.slice(1),
        text: 'Hello, I need help',
        id,
        sentAt,
        profileName: 'Dana',
      }),
    );
    assert.equal((await postWebhook(raw)).status, 200);
    assert.equal((await postWebhook(raw)).status, 200, 'a redelivery is acknowledged too');

    const stored = await messagesByWamid(id);
    assert.equal(stored.length, 1);
    const conversations = (await s.stack.dataSource.query(
      `SELECT * FROM conversations WHERE "customerPhone" = $1`,
      [phone],
    )) as {
      id: string;
      status: string;
      flowId: string | null;
      customerName: string;
      lastMessage: string;
      lastCustomerMessageAt: Date;
    }[];
    assert.equal(conversations.length, 1);
    assert.equal(conversations[0].status, 'handoff');
    assert.equal(conversations[0].flowId, null);
    assert.equal(conversations[0].customerName, 'Dana');
    assert.equal(conversations[0].lastMessage, 'Hello, I need help');
    assert.equal(conversations[0].lastCustomerMessageAt.getTime(), Math.floor(sentAt / 1000) * 1000);
    assert.equal(stored[0].conversationId, conversations[0].id);
  });

  test('an older message arriving late never moves the window backwards', async () => {
    const phone = randomPhone();
    const newer = Date.now() - 1_000;
    const older = newer - 3_600_000;
    for (const [sentAt, text] of [
      [newer, 'second'],
      [older, 'first'],
    ] as const) {
      const raw = JSON.stringify(
        buildTextMessageWebhook({ phoneNumberId: tenant.phoneNumberId, from: phone.slice(1), text, sentAt }),
      );
      assert.equal((await postWebhook(raw)).status, 200);
    }
    const [row] = (await s.stack.dataSource.query(
      `SELECT "lastCustomerMessageAt", "lastMessage" FROM conversations WHERE "customerPhone" = $1`,
      [phone],
    )) as { lastCustomerMessageAt: Date; lastMessage: string }[];
    assert.equal(row.lastCustomerMessageAt.getTime(), Math.floor(newer / 1000) * 1000);
    assert.equal(row.lastMessage, 'second');
  });

  test('an unknown phone_number_id is acknowledged with 200 and logged, nothing stored', async () => {
    const id = makeInboundWaMessageId();
    const raw = JSON.stringify(
      buildTextMessageWebhook({ phoneNumberId: '000111222333', from: '972500000002', text: 'hi', id }),
    );
    const response = await postWebhook(raw);
    assert.equal(response.status, 200);
    assert.deepEqual(await messagesByWamid(id), []);
    assert.ok(
      s.logLines.some((line) => line.includes('000111222333') && line.includes('unknown phone_number_id')),
    );
  });

  test('other objects and odd shapes are acknowledged, not retried forever', async () => {
    for (const body of [
      { object: 'page', entry: [] },
      {
        object: 'whatsapp_business_account',
        entry: [{ changes: [{ field: 'messages', value: { weird: true } }] }],
      },
      [1, 2],
    ]) {
      const raw = JSON.stringify(body);
      assert.equal((await postWebhook(raw)).status, 200, raw);
    }
  });
});

describe('delivery statuses', () => {
  async function seedOutbound(): Promise<{ waMessageId: string; phone: string }> {
    const phone = randomPhone();
    const conversationId = await seedConversation(s.stack.dataSource, tenant, { phone });
    const waMessageId = `wamid.OUT${Math.random().toString(36).slice(2)}`;
    await s.stack.dataSource.query(
      `INSERT INTO messages ("conversationId", "whatsappAccountId", direction, type, content, "waMessageId", status)
       VALUES ($1, $2, 'outbound', 'text', '{}'::jsonb, $3, 'sent')`,
      [conversationId, tenant.accountId, waMessageId],
    );
    return { waMessageId, phone };
  }

  test('move forward and never backwards, whatever order they arrive in', async () => {
    const { waMessageId, phone } = await seedOutbound();
    const parties = { phoneNumberId: tenant.phoneNumberId, from: phone.slice(1), waMessageId };
    for (const status of ['read', 'delivered', 'sent'] as const) {
      assert.equal(
        (await postWebhook(JSON.stringify(buildStatusWebhook({ ...parties, status })))).status,
        200,
      );
    }
    assert.equal((await messagesByWamid(waMessageId))[0].status, 'read');
  });

  test('delivered is applied on its own (read may never come)', async () => {
    const { waMessageId, phone } = await seedOutbound();
    const parties = { phoneNumberId: tenant.phoneNumberId, from: phone.slice(1), waMessageId };
    await postWebhook(JSON.stringify(buildStatusWebhook({ ...parties, status: 'delivered' })));
    assert.equal((await messagesByWamid(waMessageId))[0].status, 'delivered');
  });

  test('a late 131047 failure marks the message failed with its code and title', async () => {
    const { waMessageId, phone } = await seedOutbound();
    const parties = { phoneNumberId: tenant.phoneNumberId, from: phone.slice(1), waMessageId };
    await postWebhook(JSON.stringify(buildStatusWebhook({ ...parties, status: 'delivered' })));
    await postWebhook(JSON.stringify(buildWindowClosedFailureWebhook(parties)));
    await postWebhook(JSON.stringify(buildStatusWebhook({ ...parties, status: 'read' })));
    const [row] = await messagesByWamid(waMessageId);
    assert.equal(row.status, 'failed');
    assert.equal(row.errorCode, '131047');
    assert.equal(row.errorTitle, 'Re-engagement message');
  });

  test('a status for a message we do not know is acknowledged', async () => {
    const raw = JSON.stringify(
      buildStatusWebhook({
        phoneNumberId: tenant.phoneNumberId,
        from: '972500000003',
        waMessageId: 'wamid.unknown',
        status: 'read',
      }),
    );
    assert.equal((await postWebhook(raw)).status, 200);
  });
});

describe('runs', () => {
  test('a reply reaches the run once, however often Meta delivers it', async () => {
    const leadFlow = await s.seedFlow(tenant, buildLeadFlow());
    const phone = randomPhone();
    const lead = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      body: { phone, name: 'Dana' },
      token: tenant.apiToken,
    });
    assert.equal(lead.status, 200);
    await waitFor(() => s.stack.messagesTo(phone).length === 1, 10_000, 'the lead template');

    const id = makeInboundWaMessageId();
    const raw = JSON.stringify(
      buildTextMessageWebhook({
        phoneNumberId: tenant.phoneNumberId,
        from: phone.slice(1),
        text: 'hello',
        id,
      }),
    );
    assert.equal((await postWebhook(raw)).status, 200);
    assert.equal((await postWebhook(raw)).status, 200);
    const thanks = await waitFor(() => s.stack.messagesTo(phone)[1], 10_000, 'the thank-you');
    assert.deepEqual(thanks.body.text, { body: 'Thanks Dana, you said hello', preview_url: false });
    assert.equal((await messagesByWamid(id)).length, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(s.stack.messagesTo(phone).length, 2, 'one reply sent, not two');
  });

  test("a customer writing first starts the number's inbound flow with the message", async () => {
    const inbound = flow()
      .start()
      .then('message', { text: 'Welcome {{customerName}}!' })
      .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 60 })
      .then('end', {})
      .build();
    const { flowId } = await s.seedFlow(tenant, inbound);
    await s.stack.dataSource.query(`UPDATE whatsapp_accounts SET "inboundFlowId" = $2 WHERE id = $1`, [
      tenant.accountId,
      flowId,
    ]);
    try {
      const phone = randomPhone();
      const id = makeInboundWaMessageId();
      const raw = JSON.stringify(
        buildTextMessageWebhook({
          phoneNumberId: tenant.phoneNumberId,
          from: phone.slice(1),
          text: 'hi',
          id,
          profileName: 'Noa',
        }),
      );
      assert.equal((await postWebhook(raw)).status, 200);
      const welcome = await waitFor(() => s.stack.messagesTo(phone)[0], 10_000, 'the welcome');
      assert.deepEqual(welcome.body.text, { body: 'Welcome Noa!', preview_url: false });
      const [row] = await s.stack.dataSource.query(`SELECT * FROM conversations WHERE "customerPhone" = $1`, [
        phone,
      ]);
      assert.equal(row.flowId, flowId);
      assert.equal(row.triggerSource, 'inbound');
      assert.ok(row.runId);
      assert.equal((await messagesByWamid(id))[0].conversationId, row.id);
      assert.equal((await postWebhook(raw)).status, 200, 'a redelivery');
      const rows = await s.stack.dataSource.query(`SELECT 1 FROM conversations WHERE "customerPhone" = $1`, [
        phone,
      ]);
      assert.equal(rows.length, 1);
    } finally {
      await s.stack.dataSource.query(`UPDATE whatsapp_accounts SET "inboundFlowId" = NULL WHERE id = $1`, [
        tenant.accountId,
      ]);
    }
  });
});

test('logs carry no full customer phone numbers and no secrets', () => {
  const all = s.logLines.join('');
  assert.doesNotMatch(all, /\+?9725\d{8}/);
  assert.doesNotMatch(all, /test-app-secret|test-verify-token/);
});
