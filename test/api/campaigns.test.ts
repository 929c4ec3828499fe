/**
 * Broadcast campaigns on the real stack: the API, PostgreSQL, the Temporal dev server, the worker
 * running `campaignWorkflow` and the fake Graph API. What a user notices: who got the template (once),
 * how fast, what the campaign says about each recipient, and what pause, resume and cancel do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildStatusWebhook, buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { flow } from '../support/flow-builder';
import { waitFor } from '../support/full-stack';
import { startApiStack, type ApiStack, type Caller } from './api-stack';

let api: ApiStack;

before(async () => {
  api = await startApiStack();
});
after(() => api?.stop());

/** Inserts `count` contacts with phones `+4915200<prefix><n>` and a city attribute; returns the phones. */
async function seedContacts(caller: Caller, count: number, prefix: string, tags: string[] = ['vip']) {
  const rows: { phone: string }[] = await api.stack.dataSource.query(
    `INSERT INTO contacts ("userId", "whatsappAccountId", phone, name, attributes, tags)
     SELECT $1, $2, '+4915' || $3 || lpad(n::text, 6, '0'), CASE WHEN n % 2 = 0 THEN 'Ann ' || n END,
            jsonb_build_object('city', 'Haifa'), $4::text[]
       FROM generate_series(1, $5) AS n
     RETURNING phone`,
    [caller.userId, caller.accountId, prefix, tags, count],
  );
  return rows.map((row) => row.phone);
}

async function createCampaign(caller: Caller, body: Record<string, unknown>) {
  const created = await api.request('POST', '/api/campaigns', {
    token: caller.apiToken,
    body: {
      name: 'Spring sale',
      whatsappAccountId: caller.accountId,
      template: { name: 'spring_sale', language: 'en', parameters: ['{{name|there}}', 'in {{attr.city}}'] },
      audience: { type: 'filter', filter: { tags: ['vip'] } },
      ...body,
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id as string;
}

async function readCampaign(caller: Caller, id: string) {
  const response = await api.request('GET', `/api/campaigns/${id}`, { token: caller.apiToken });
  assert.equal(response.status, 200);
  return response.body;
}

function sentTo(caller: Caller) {
  return api.stack.graph.sentMessages().filter((message) => message.phoneNumberId === caller.phoneNumberId);
}

function requestTimes(caller: Caller): number[] {
  return api.stack.graph.requests
    .filter((request) => request.phoneNumberId === caller.phoneNumberId && request.waMessageId)
    .map((request) => request.receivedAt);
}

const waitForStatus = (caller: Caller, id: string, status: string, timeoutMs = 60_000) =>
  waitFor(async () => (await readCampaign(caller, id)).status === status, timeoutMs, `campaign ${status}`);

describe('campaigns', { timeout: 240_000 }, () => {
  test('sends each recipient exactly once at the pace, skips the opted-out, and ignores contacts added after the start', async () => {
    const caller = await api.seedCaller();
    // The number's throughput (40/s) bounds the campaign's own pace (100/s).
    await api.stack.dataSource.query(`UPDATE whatsapp_accounts SET "messagesPerSecond" = 40 WHERE id = $1`, [
      caller.accountId,
    ]);
    const phones = await seedContacts(caller, 300, '11');
    await api.stack.dataSource.query(`UPDATE contacts SET "optState" = 'opted_out' WHERE phone = $1`, [
      phones[7],
    ]);
    const id = await createCampaign(caller, { messagesPerSecond: 100 });

    const scheduled = await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    assert.equal(scheduled.status, 200);
    assert.equal(scheduled.body.status, 'scheduled');
    await waitFor(async () => (await readCampaign(caller, id)).startedAt, 30_000, 'audience fixed');
    const late = await seedContacts(caller, 5, '12');
    await waitForStatus(caller, id, 'completed', 90_000);

    const sent = sentTo(caller);
    const expected = phones.filter((phone) => phone !== phones[7]);
    assert.deepEqual(sent.map((message) => `+${message.to.replace(/^\+/, '')}`).sort(), expected.sort());
    assert.equal(api.stack.graph.findDuplicateSends().length, 0);
    assert.ok(!sent.some((message) => late.includes(`+${message.to.replace(/^\+/, '')}`)));

    const times = requestTimes(caller);
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    // 299 sends at 40/s take at least 298/40 = 7.45 s; allow a little for timer granularity.
    assert.ok(seconds >= 7.2, `299 sends took ${seconds.toFixed(2)} s: faster than 40/s`);

    const template = sent.find((message) => message.to.endsWith(phones[1].slice(1)))?.body.template as {
      components: { parameters: { text: string }[] }[];
    };
    assert.deepEqual(
      template.components[0].parameters.map((parameter) => parameter.text),
      ['Ann 2', 'in Haifa'],
    );
    const odd = sent.find((message) => message.to.endsWith(phones[0].slice(1)))?.body
      .template as typeof template;
    assert.equal(odd.components[0].parameters[0].text, 'there');

    const campaign = await readCampaign(caller, id);
    assert.equal(campaign.totals.total, 300);
    assert.equal(campaign.totals.sent, 299);
    assert.equal(campaign.totals.skipped_opted_out, 1);
    const skipped = await api.request('GET', `/api/campaigns/${id}/recipients?status=skipped_opted_out`, {
      token: caller.apiToken,
    });
    assert.deepEqual(
      skipped.body.recipients.map((recipient: { phone: string }) => recipient.phone),
      [phones[7]],
    );
  });

  test('pause stops sending, resume continues, and a completed campaign cannot be paused (409)', async () => {
    const caller = await api.seedCaller();
    await seedContacts(caller, 120, '21');
    const id = await createCampaign(caller, { messagesPerSecond: 20 });
    await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    await waitFor(() => sentTo(caller).length >= 10, 30_000, 'first sends');

    const paused = await api.request('POST', `/api/campaigns/${id}/pause`, { token: caller.apiToken });
    assert.equal(paused.status, 200);
    assert.equal(paused.body.status, 'paused');
    // The batch in flight may finish; after that nothing more goes out.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const atPause = sentTo(caller).length;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(sentTo(caller).length, atPause, 'sent while paused');
    assert.ok(atPause < 120, 'the pause came too late to show anything');

    const resumed = await api.request('POST', `/api/campaigns/${id}/resume`, { token: caller.apiToken });
    assert.equal(resumed.body.status, 'running');
    await waitForStatus(caller, id, 'completed');
    assert.equal(sentTo(caller).length, 120);
    assert.equal(api.stack.graph.findDuplicateSends().length, 0);

    const again = await api.request('POST', `/api/campaigns/${id}/pause`, { token: caller.apiToken });
    assert.equal(again.status, 409);
    assert.match(again.body.error, /completed/);
    const edit = await api.request('PATCH', `/api/campaigns/${id}`, {
      token: caller.apiToken,
      body: { name: 'x' },
    });
    assert.equal(edit.status, 409);
  });

  test('cancel stops sending for good', async () => {
    const caller = await api.seedCaller();
    await seedContacts(caller, 100, '31');
    const id = await createCampaign(caller, { messagesPerSecond: 20 });
    await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    await waitFor(() => sentTo(caller).length >= 5, 30_000, 'first sends');
    const cancelled = await api.request('POST', `/api/campaigns/${id}/cancel`, { token: caller.apiToken });
    assert.equal(cancelled.body.status, 'cancelled');
    await waitFor(async () => (await readCampaign(caller, id)).endedAt, 30_000, 'run ended');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const count = sentTo(caller).length;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.equal(sentTo(caller).length, count);
    assert.ok(count < 100);
    const campaign = await readCampaign(caller, id);
    assert.equal(campaign.status, 'cancelled');
    assert.equal(campaign.totals.queued, 100 - count);
  });

  test('status webhooks and replies move recipients; the CSV export says the same', async () => {
    const caller = await api.seedCaller();
    const csv =
      'phone,name,city\n+491700000001,Dana,Eilat\n+491700000002,,Acre\n+491700000003,Lior,"Tel Aviv, Yafo"\n';
    const id = await createCampaign(caller, { audience: { type: 'csv', csv } });
    await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    await waitForStatus(caller, id, 'completed');
    const byPhone = new Map(sentTo(caller).map((message) => [`+${message.to.replace(/^\+/, '')}`, message]));
    assert.equal(byPhone.size, 3);
    const parties = { phoneNumberId: caller.phoneNumberId };

    const deliver = (
      phone: string,
      status: 'delivered' | 'read' | 'failed',
      errors?: { code: number; title: string }[],
    ) =>
      api.postWhatsAppWebhook(
        buildStatusWebhook({
          ...parties,
          from: phone.slice(1),
          waMessageId: byPhone.get(phone)!.waMessageId,
          status,
          errors,
        }),
      );
    assert.equal((await deliver('+491700000001', 'delivered')).status, 200);
    await deliver('+491700000001', 'read');
    await deliver('+491700000002', 'failed', [{ code: 131026, title: 'Message undeliverable' }]);
    await api.postWhatsAppWebhook(
      buildTextMessageWebhook({ ...parties, from: '491700000003', text: 'Tell me more' }),
    );

    const campaign = await readCampaign(caller, id);
    assert.deepEqual(
      { read: campaign.totals.read, failed: campaign.totals.failed, replied: campaign.totals.replied },
      { read: 1, failed: 1, replied: 1 },
    );
    const exported = await fetch(`${api.baseUrl}/api/campaigns/${id}/recipients.csv`, {
      headers: { authorization: `Bearer ${caller.apiToken}` },
    });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await exported.text()).trim().split('\r\n');
    assert.equal(lines[0], 'phone,status,errorCode,waMessageId,sentAt,repliedAt,parameters');
    const rows = lines.slice(1).map((line) => line.split(','));
    assert.deepEqual(
      rows.map((row) => [row[0], row[1], row[2], row[3]]),
      [
        ['+491700000001', 'read', '', byPhone.get('+491700000001')!.waMessageId],
        ['+491700000002', 'failed', '131026', byPhone.get('+491700000002')!.waMessageId],
        ['+491700000003', 'replied', '', byPhone.get('+491700000003')!.waMessageId],
      ],
    );
    assert.match(lines[3], /"\[""Lior"",""in Tel Aviv, Yafo""\]"$/);
    assert.match(lines[2], /"\[""there"",""in Acre""\]"$/);
  });

  test('a reply starts the campaign’s reply flow for that customer', async () => {
    const caller = await api.seedCaller();
    const { flowId } = await api.seedFlow(
      caller,
      flow().start().then('message', { text: 'Thanks for answering our sale!' }).then('end', {}).build(),
    );
    const id = await createCampaign(caller, {
      audience: { type: 'list', recipients: [{ phone: '+491710000001' }, { phone: '+491710000002' }] },
      replyFlowId: flowId,
    });
    await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    await waitForStatus(caller, id, 'completed');
    const answered = await api.postWhatsAppWebhook(
      buildTextMessageWebhook({ phoneNumberId: caller.phoneNumberId, from: '491710000002', text: 'Yes!' }),
    );
    assert.equal(answered.status, 200);
    const texts = () =>
      sentTo(caller)
        .filter((message) => message.type === 'text')
        .map((message) => [message.to.replace(/^\+/, ''), (message.body.text as { body: string }).body]);
    await waitFor(() => texts().length > 0, 30_000, 'the reply flow’s message');
    assert.deepEqual(texts(), [['491710000002', 'Thanks for answering our sale!']]);
    const replied = await api.request('GET', `/api/campaigns/${id}/recipients?status=replied`, {
      token: caller.apiToken,
    });
    assert.deepEqual(
      replied.body.recipients.map((recipient: { phone: string }) => recipient.phone),
      ['+491710000002'],
    );
  });

  test('waits when the number’s daily unique-recipient limit is reached, and says so', async () => {
    const caller = await api.seedCaller();
    await api.stack.dataSource.query(`UPDATE whatsapp_accounts SET "dailyRecipientLimit" = 5 WHERE id = $1`, [
      caller.accountId,
    ]);
    await seedContacts(caller, 8, '41');
    const id = await createCampaign(caller, {});
    await api.request('POST', `/api/campaigns/${id}/schedule`, { token: caller.apiToken });
    const waiting = await waitFor(
      async () => {
        const campaign = await readCampaign(caller, id);
        return campaign.waitingFor === 'daily_recipient_limit' ? campaign : null;
      },
      30_000,
      'waiting for the limit',
    );
    assert.equal(sentTo(caller).length, 5);
    assert.equal(waiting.status, 'running');
    assert.ok(new Date(waiting.waitingUntil).getTime() > Date.now() + 23 * 3600_000);
    await api.request('POST', `/api/campaigns/${id}/cancel`, { token: caller.apiToken });
  });

  test('bad input answers 4xx with an error', async () => {
    const caller = await api.seedCaller();
    const bad = await api.request('POST', '/api/campaigns', {
      token: caller.apiToken,
      body: {
        name: 'x',
        whatsappAccountId: caller.accountId,
        template: { name: 'spring_sale', language: 'en', parameters: ['{{surname}}'] },
        audience: { type: 'filter', filter: {} },
      },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /surname/);
    const badCsv = await api.request('POST', '/api/campaigns', {
      token: caller.apiToken,
      body: {
        name: 'x',
        whatsappAccountId: caller.accountId,
        template: { name: 'spring_sale', language: 'en' },
        audience: { type: 'csv', csv: 'phone\n+491700000001\n0170 123\n' },
      },
    });
    assert.equal(badCsv.status, 422);
    assert.match(badCsv.body.error, /line 3/);
  });
});
