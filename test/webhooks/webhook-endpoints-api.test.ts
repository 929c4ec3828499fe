/**
 * The event webhook routes through real HTTP on the real stack (PostgreSQL, the Temporal dev server,
 * the worker): secrets shown once and never logged, the SSRF rules for endpoint URLs, tenant
 * isolation, and a lead's `conversation.started` event delivered signed, logged, refused while still
 * being retried, and redelivered with the same event id. The retry schedule is shrunk by
 * WEBHOOK_RETRY_* so a failing delivery gives up within seconds.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startApiServer } from '../../api/start-api-server';
import { createLogger } from '../../platform/logger';
import { waitFor } from '../support/full-stack';
import { buildLeadFlow, startApiStack, type ApiStack, type Caller } from '../api/api-stack';
import { randomPhone, type SeededFlow } from '../api/conversation-fixtures';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from './webhook-receiver';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let leadFlow: SeededFlow;
let receiver: WebhookReceiver;

before(async () => {
  [s, receiver] = await Promise.all([
    startApiStack({
      env: {
        HTTP_NODE_ALLOW_PRIVATE: 'true',
        WEBHOOK_RETRY_INITIAL_INTERVAL_MS: '200',
        WEBHOOK_RETRY_MAX_INTERVAL_MS: '400',
        WEBHOOK_RETRY_FOR_MS: '2000',
      },
    }),
    startWebhookReceiver(),
  ]);
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  leadFlow = await s.seedFlow(owner, buildLeadFlow());
});
after(async () => {
  await s?.stop();
  await receiver?.stop();
});

async function createEndpoint(caller: Caller, body: Record<string, unknown>) {
  return await s.request('POST', '/api/webhook-endpoints', { token: caller.apiToken, body });
}

describe('endpoints', () => {
  test('the signing secret is shown on create and rotate only, stored encrypted, and never logged', async () => {
    const created = await createEndpoint(owner, {
      url: receiver.url,
      eventTypes: ['conversation.completed', 'conversation.completed', 'message.failed'],
      description: 'CRM',
    });
    assert.equal(created.status, 201);
    const { secret, ...endpoint } = created.body;
    assert.match(secret, /^whsec_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(endpoint.eventTypes, ['conversation.completed', 'message.failed']);
    assert.equal(endpoint.enabled, true);

    const listed = await s.request('GET', '/api/webhook-endpoints', { token: owner.sessionToken });
    assert.deepEqual(listed.body, [endpoint]);
    const read = await s.request('GET', `/api/webhook-endpoints/${endpoint.id}`, { token: owner.apiToken });
    assert.deepEqual(read.body, endpoint);

    const rotated = await s.request('POST', `/api/webhook-endpoints/${endpoint.id}/rotate-secret`, {
      token: owner.apiToken,
    });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.secret, secret);

    const [row]: { secretEncrypted: string }[] = await s.stack.dataSource.query(
      `SELECT "secretEncrypted" FROM webhook_endpoints WHERE id = $1`,
      [endpoint.id],
    );
    assert.ok(!row.secretEncrypted.includes(rotated.body.secret), 'stored encrypted');
    const log = s.logLines.join('');
    assert.ok(!log.includes(secret) && !log.includes(rotated.body.secret), 'no secret in the log');

    const patched = await s.request('PATCH', `/api/webhook-endpoints/${endpoint.id}`, {
      token: owner.apiToken,
      body: { enabled: false },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.enabled, false);
    assert.equal(patched.body.secret, undefined);
    const removed = await s.request('DELETE', `/api/webhook-endpoints/${endpoint.id}`, {
      token: owner.apiToken,
    });
    assert.equal(removed.status, 204);
    const gone = await s.request('GET', `/api/webhook-endpoints/${endpoint.id}`, { token: owner.apiToken });
    assert.equal(gone.status, 404);
  });

  test('refuses private addresses (422) when HTTP_NODE_ALLOW_PRIVATE is off, and http to public hosts', async () => {
    // The same stack's API with the production setting.
    const strict = await startApiServer(
      {
        config: { ...s.config, httpNode: { allowPrivate: false } },
        dataSource: s.stack.dataSource,
        logger: createLogger({ level: 'silent' }),
        checkTemporal: async () => undefined,
      },
      0,
    );
    try {
      const post = (url: string) =>
        fetch(`http://127.0.0.1:${strict.port}/api/webhook-endpoints`, {
          method: 'POST',
          headers: { authorization: `Bearer ${owner.apiToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url, eventTypes: ['conversation.started'] }),
        });
      for (const url of [
        receiver.url,
        'https://127.0.0.1/hooks',
        'https://localhost/hooks',
        'https://10.0.0.5/hooks',
        'https://169.254.169.254/latest/meta-data',
        'https://[::ffff:127.0.0.1]/hooks',
      ]) {
        const response = await post(url);
        assert.equal(response.status, 422, url);
        assert.match(((await response.json()) as { error: string }).error, /^url: /, url);
      }
      const plainHttp = await post('http://93.184.215.14/hooks');
      assert.equal(plainHttp.status, 422);
      assert.deepEqual(await plainHttp.json(), { error: 'url: must be https' });
    } finally {
      await strict.close(0);
    }
    const [{ count }]: { count: string }[] = await s.stack.dataSource.query(
      `SELECT count(*) FROM webhook_endpoints WHERE url LIKE '%hooks%' AND url NOT LIKE $1`,
      [receiver.url],
    );
    assert.equal(count, '0', 'nothing refused was stored');

    const badTypes = await createEndpoint(owner, {
      url: receiver.url,
      eventTypes: ['conversation.exploded'],
    });
    assert.equal(badTypes.status, 400);
    assert.equal(typeof badTypes.body.error, 'string');
  });

  test("another tenant's endpoints and deliveries are 404 for every route", async () => {
    const created = await createEndpoint(owner, { url: receiver.url, eventTypes: ['campaign.completed'] });
    const id = created.body.id as string;
    const [{ id: deliveryId }]: { id: string }[] = await s.stack.dataSource.query(
      `INSERT INTO webhook_deliveries ("endpointId", "eventType", payload, status)
       VALUES ($1, 'campaign.completed', '{}'::jsonb, 'failed') RETURNING id`,
      [id],
    );
    const token = stranger.apiToken;
    for (const [method, path, body] of [
      ['GET', `/api/webhook-endpoints/${id}`],
      ['PATCH', `/api/webhook-endpoints/${id}`, { enabled: false }],
      ['DELETE', `/api/webhook-endpoints/${id}`],
      ['POST', `/api/webhook-endpoints/${id}/rotate-secret`],
      ['GET', `/api/webhook-endpoints/${id}/deliveries`],
      ['POST', `/api/webhook-deliveries/${deliveryId}/redeliver`],
    ] as const) {
      const response = await s.request(method, path, { token, body });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.equal(typeof response.body.error, 'string');
    }
    assert.deepEqual((await s.request('GET', '/api/webhook-endpoints', { token })).body, []);
    const still = await s.request('GET', `/api/webhook-endpoints/${id}`, { token: owner.apiToken });
    assert.equal(still.body.enabled, true, 'untouched');
    await s.request('DELETE', `/api/webhook-endpoints/${id}`, { token: owner.apiToken });
  });
});

describe('deliveries', () => {
  test('a lead delivers conversation.started signed; a failed delivery is logged, refused while pending, and redelivered with its event id', async () => {
    const created = await createEndpoint(owner, { url: receiver.url, eventTypes: ['conversation.started'] });
    const { id: endpointId, secret } = created.body as { id: string; secret: string };
    let answer = 500;
    receiver.answer = () => answer;
    receiver.received.length = 0;

    const phone = randomPhone();
    const lead = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
      token: owner.apiToken,
      body: { phone, name: 'Dana' },
    });
    assert.equal(lead.status, 200);
    const logPath = `/api/webhook-endpoints/${endpointId}/deliveries`;
    const pending = await waitFor(
      async () => {
        const page = await s.request('GET', logPath, { token: owner.apiToken });
        return page.body.deliveries[0]?.attempts > 0 ? page.body.deliveries[0] : null;
      },
      10_000,
      'a first failed attempt',
    );
    assert.equal(pending.eventType, 'conversation.started');
    assert.equal(pending.lastStatusCode, 500);
    assert.equal(pending.payload.data.conversationId, lead.body.conversationId);
    assert.equal(pending.payload.data.phone, phone);
    assert.deepEqual(pending.payload.data.variables, { phone, name: 'Dana' });

    const redeliverPath = `/api/webhook-deliveries/${pending.id}/redeliver`;
    const early = await s.request('POST', redeliverPath, { token: owner.apiToken });
    assert.equal(early.status, 409, 'refused while its attempts go on');

    /** The newest logged delivery with `status`, once there is one. */
    const loggedWith = (status: string, timeoutMs: number, what: string) =>
      waitFor(
        async () =>
          (await s.request('GET', `${logPath}?status=${status}`, { token: owner.apiToken })).body
            .deliveries[0],
        timeoutMs,
        what,
      );
    const failed = await loggedWith('failed', 15_000, 'the schedule to give up');
    assert.ok(failed.attempts >= 2, `retried with backoff (${failed.attempts} attempts)`);
    assert.equal(failed.attempts, receiver.received.length, 'every attempt is logged');

    answer = 200;
    const again = await s.request('POST', redeliverPath, { token: owner.apiToken });
    assert.equal(again.status, 202);
    assert.equal(again.body.status, 'pending');
    const delivered = await loggedWith('delivered', 10_000, 'the redelivery');
    assert.equal(delivered.attempts, failed.attempts + 1);
    assert.equal(delivered.lastStatusCode, 200);

    const accepted = receiver.received.filter((request) => request.status === 200);
    assert.equal(accepted.length, 1, 'received once');
    for (const request of receiver.received) {
      assert.equal(request.headers['x-flowbot-delivery'], pending.id, 'the same event id on every attempt');
      assert.equal(JSON.parse(request.body).id, pending.id);
      assert.ok(verifyWebhook(secret, request.headers, request.body), 'signed with the endpoint secret');
    }
    assert.deepEqual(JSON.parse(accepted[0].body), pending.payload, 'the same body');
  });

  test('a campaign that reaches its last recipient delivers campaign.completed once, with its totals', async () => {
    receiver.answer = () => 200;
    receiver.received.length = 0;
    const created = await createEndpoint(owner, { url: receiver.url, eventTypes: ['campaign.completed'] });
    const { id: endpointId, secret } = created.body as { id: string; secret: string };
    const campaign = await s.request('POST', '/api/campaigns', {
      token: owner.apiToken,
      body: {
        name: 'Spring sale',
        whatsappAccountId: owner.accountId,
        template: { name: 'spring_sale', language: 'en', parameters: ['{{name|there}}'] },
        audience: { type: 'list', recipients: [{ phone: randomPhone() }, { phone: randomPhone() }] },
      },
    });
    assert.equal(campaign.status, 201);
    const campaignId = campaign.body.id as string;
    const scheduled = await s.request('POST', `/api/campaigns/${campaignId}/schedule`, {
      token: owner.apiToken,
    });
    assert.equal(scheduled.status, 200);

    const delivered = await waitFor(
      async () =>
        (
          await s.request('GET', `/api/webhook-endpoints/${endpointId}/deliveries?status=delivered`, {
            token: owner.apiToken,
          })
        ).body.deliveries[0],
      60_000,
      'campaign.completed to be delivered',
    );
    assert.equal(receiver.received.length, 1, 'once');
    const [request] = receiver.received;
    assert.ok(verifyWebhook(secret, request.headers, request.body));
    const event = JSON.parse(request.body);
    assert.equal(event.id, delivered.id);
    assert.equal(event.type, 'campaign.completed');
    assert.equal(event.data.campaignId, campaignId);
    assert.equal(event.data.name, 'Spring sale');
    assert.equal(event.data.totals.total, 2);
    assert.equal(event.data.totals.sent + event.data.totals.delivered, 2);
  });

  test('the log pages newest first', async () => {
    const created = await createEndpoint(owner, { url: receiver.url, eventTypes: ['campaign.completed'] });
    const endpointId = created.body.id as string;
    await s.stack.dataSource.query(
      `INSERT INTO webhook_deliveries ("endpointId", "eventType", payload, status, "createdAt")
       SELECT $1, 'campaign.completed', jsonb_build_object('n', n), 'delivered', now() - make_interval(secs => n)
         FROM generate_series(1, 5) n`,
      [endpointId],
    );
    const seen: number[] = [];
    let before: string | null = null;
    do {
      const query: string = before ? `&before=${encodeURIComponent(before)}` : '';
      const page = await s.request('GET', `/api/webhook-endpoints/${endpointId}/deliveries?limit=2${query}`, {
        token: owner.apiToken,
      });
      assert.equal(page.status, 200);
      seen.push(...page.body.deliveries.map((delivery: { payload: { n: number } }) => delivery.payload.n));
      before = page.body.nextBefore;
    } while (before);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });
});
