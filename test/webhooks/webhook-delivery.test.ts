/**
 * Event webhooks end to end on the real worker: a conversation's changes record their events in the
 * outbox, `webhookDeliveryWorkflow` delivers them signed, and an endpoint that fails for 10 minutes
 * and then recovers receives each event once. The Temporal test server skips the retry backoff, so
 * the production schedule (10 s doubling) runs as configured.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encryptSecret } from '../../platform/secrets';
import { customerMessageSignal } from '../../workflows/definitions';
import {
  DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  webhookDeliveryWorkflowId,
} from '../../workflows/webhook-delivery-definitions';
import { createLogger } from '../../platform/logger';
import { startWebhookDeliverySweep } from '../../worker/webhook-delivery-sweep';
import { graphErrors } from '../support/fake-graph-api';
import { flow } from '../support/flow-builder';
import { startFullStack, type FullStack, type SeededAccount } from '../support/full-stack';
import { startWebhookReceiver, verifyWebhook, type WebhookReceiver } from './webhook-receiver';

const minute = 60_000;
/** The body every delivery sends. */
interface EventBody {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

const secret = 'whsec_test-secret-for-the-outage-test';

interface DeliveryRow {
  id: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
}

describe('webhook deliveries', () => {
  let stack: FullStack;
  let account: SeededAccount;
  let receiver: WebhookReceiver;

  before(async () => {
    [stack, receiver] = await Promise.all([startFullStack(), startWebhookReceiver()]);
    account = await stack.seedAccount();
  });
  after(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  async function seedEndpoint(eventTypes: string[]): Promise<string> {
    const [{ id }]: { id: string }[] = await stack.dataSource.query(
      `INSERT INTO webhook_endpoints ("userId", url, "secretEncrypted", "eventTypes")
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [
        account.userId,
        receiver.url,
        encryptSecret(secret, stack.activityConfig.dataEncryptionKey),
        eventTypes,
      ],
    );
    return id;
  }

  it('an endpoint that fails for 10 minutes and then recovers receives each event once, signed and verifiable', async () => {
    const endpointId = await seedEndpoint(['variable.captured', 'conversation.completed']);
    const outageStartedAt = await stack.env.currentTimeMs();
    const answeredAt = new Map<string, number>();
    receiver.answer = async ({ headers }) => {
      const now = await stack.env.currentTimeMs();
      if (now - outageStartedAt < 10 * minute) return 503;
      answeredAt.set(String(headers['x-flowbot-delivery']), now);
      return 200;
    };

    const run = await stack.startConversation({
      account,
      drawflowData: flow()
        .start()
        .then('question', {
          prompt: 'Your email?',
          variable: 'email',
          validation: 'email',
          timeoutMinutes: 60,
        })
        .then('message', { text: 'Thanks!' })
        .then('end', {})
        .build(),
      trigger: { source: 'inbound', firstMessage: stack.customerMessage('hello') },
    });
    await run.handle.signal(customerMessageSignal, stack.customerMessage('ada@example.com'));
    assert.equal((await run.handle.result()).status, 'completed');

    const recorded: DeliveryRow[] = await stack.dataSource.query(
      `SELECT id, "eventType" FROM webhook_deliveries WHERE "endpointId" = $1 ORDER BY "createdAt", "eventType"`,
      [endpointId],
    );
    assert.deepEqual(recorded.map((row) => row.eventType).sort(), [
      'conversation.completed',
      'variable.captured',
    ]);
    // Awaiting a run's result lets the test server skip its backoff timers.
    for (const { id } of recorded) {
      assert.equal(
        await stack.client.workflow.getHandle(webhookDeliveryWorkflowId(id)).result(),
        'delivered',
      );
    }

    for (const { id, eventType } of recorded) {
      const requests = receiver.received.filter((request) => request.headers['x-flowbot-delivery'] === id);
      const accepted = requests.filter((request) => request.status === 200);
      assert.equal(accepted.length, 1, `${eventType} is accepted exactly once`);
      assert.ok(requests.length > 1, `${eventType} was refused during the outage first`);
      assert.ok((answeredAt.get(id) ?? 0) - outageStartedAt >= 10 * minute, 'accepted only after the outage');
      for (const request of requests) {
        assert.ok(
          verifyWebhook(secret, request.headers, request.body),
          'each attempt carries a valid signature',
        );
        assert.equal(request.headers['x-flowbot-event'], eventType);
        const body = JSON.parse(request.body) as EventBody;
        assert.equal(body.id, id, 'the body names the event id of X-FlowBot-Delivery');
        assert.equal(body.type, eventType);
        assert.equal(body.data.conversationId, run.conversationId);
        assert.equal(body.data.phone, run.customerPhone);
      }
      const accepted0 = JSON.parse(accepted[0].body) as EventBody;
      if (eventType === 'variable.captured')
        assert.deepEqual(accepted0.data.captured, { email: 'ada@example.com' });
      if (eventType === 'conversation.completed') assert.equal(accepted0.data.status, 'completed');

      const [row]: DeliveryRow[] = await stack.dataSource.query(
        `SELECT status, attempts, "lastStatusCode" FROM webhook_deliveries WHERE id = $1`,
        [id],
      );
      assert.deepEqual(row, { status: 'delivered', attempts: requests.length, lastStatusCode: 200 });
    }
  });

  /** The event types recorded for `endpointId`, in order, once each run has delivered them. */
  async function deliveredEvents(endpointId: string): Promise<{ id: string; eventType: string }[]> {
    const rows: { id: string; eventType: string }[] = await stack.dataSource.query(
      `SELECT id, "eventType" FROM webhook_deliveries WHERE "endpointId" = $1 ORDER BY "createdAt", id`,
      [endpointId],
    );
    for (const { id } of rows) {
      assert.equal(
        await stack.client.workflow.getHandle(webhookDeliveryWorkflowId(id)).result(),
        'delivered',
      );
    }
    return rows;
  }

  it('a send that fails for good, a hand-over and a failed end each record their event once', async () => {
    receiver.answer = () => 200;
    const endpointId = await seedEndpoint([
      'message.failed',
      'handoff.requested',
      'conversation.failed',
      'conversation.completed',
    ]);
    stack.graph.failNext(1, graphErrors.invalidParameter);
    const run = await stack.startConversation({
      account,
      drawflowData: flow()
        .start()
        .then('message', { text: 'Hello!' })
        .then('handoff', { message: 'An agent will answer shortly.', timeoutMinutes: 5 }, { as: 'agent' })
        .then('end', {})
        .at('agent', 'timeout')
        .then('end', { outcome: 'failed', reason: 'agent_timeout' })
        .build(),
      trigger: { source: 'inbound', firstMessage: stack.customerMessage('hello') },
    });
    assert.equal((await run.handle.result()).status, 'failed');

    const events = await deliveredEvents(endpointId);
    assert.deepEqual(
      events.map((event) => event.eventType),
      ['message.failed', 'handoff.requested', 'conversation.failed'],
    );
    const bodies = events.map(({ id }) => {
      const requests = receiver.received.filter((request) => request.headers['x-flowbot-delivery'] === id);
      assert.equal(requests.length, 1);
      assert.ok(verifyWebhook(secret, requests[0].headers, requests[0].body));
      return JSON.parse(requests[0].body) as EventBody;
    });
    assert.deepEqual(
      { ...bodies[0].data, messageId: undefined },
      {
        messageId: undefined,
        conversationId: run.conversationId,
        whatsappAccountId: account.whatsappAccountId,
        phone: run.customerPhone,
        errorCode: String(graphErrors.invalidParameter.code),
        errorTitle: bodies[0].data.errorTitle,
      },
    );
    assert.equal(bodies[1].data.status, 'handoff');
    assert.equal(bodies[2].data.status, 'failed');
  });

  it('the worker sweep starts deliveries whose starter died after recording them, and only those', async () => {
    receiver.answer = () => 200;
    const endpointId = await seedEndpoint(['campaign.completed']);
    // As a process leaves them when it dies between its commit and its start: pending, undispatched.
    const rows: { id: string }[] = await stack.dataSource.query(
      `INSERT INTO webhook_deliveries ("endpointId", "eventType", payload, "queuedAt")
       VALUES ($1, 'campaign.completed', '{"id": "stale"}'::jsonb, now() - interval '2 minutes'),
              ($1, 'campaign.completed', '{"id": "fresh"}'::jsonb, now())
       RETURNING id`,
      [endpointId],
    );
    const [stale, fresh] = rows.map((row) => row.id);
    const stop = startWebhookDeliverySweep(
      {
        client: stack.client,
        dataSource: stack.dataSource,
        taskQueue: stack.taskQueue,
        retry: DEFAULT_WEBHOOK_RETRY_SCHEDULE,
      },
      createLogger({ level: 'silent' }),
      { everyMs: 3_600_000 },
    );
    await stop();
    assert.equal(
      await stack.client.workflow.getHandle(webhookDeliveryWorkflowId(stale)).result(),
      'delivered',
    );
    const states: { id: string; status: string; dispatched: boolean }[] = await stack.dataSource.query(
      `SELECT id, status, "dispatchedAt" IS NOT NULL AS dispatched FROM webhook_deliveries WHERE "endpointId" = $1`,
      [endpointId],
    );
    assert.deepEqual(
      Object.fromEntries(states.map((state) => [state.id, [state.status, state.dispatched]])),
      { [stale]: ['delivered', true], [fresh]: ['pending', false] },
      'a fresh row is left to the process that recorded it',
    );
  });
});
