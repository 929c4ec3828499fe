/**
 * sendWhatsAppMessage against a real PostgreSQL and the fake Graph API on loopback, run in Temporal's
 * MockActivityEnvironment (the activity context: info, cancellation, logger).
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Info } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, type LogEntry } from '@temporalio/worker';
import {
  createActivities,
  type FlowActivities,
  type SendWhatsAppMessageInput,
  type SendWhatsAppMessageResult,
} from '../../activities';
import { encryptSecret } from '../../platform/secrets';
import type { OutgoingMessage } from '../../workflows/engine/engine-action';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { graphErrors, startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';
import { sendActivityConfig } from '../support/send-activity-config';

const hour = 60 * 60 * 1000;
const now = Date.parse('2026-11-20T12:00:00Z');
const accessToken = 'EAAG-test-access-token';
const text: OutgoingMessage = { kind: 'text', body: 'Hello Ada' };
const template: OutgoingMessage = {
  kind: 'template',
  name: 'order_update',
  language: 'en_US',
  bodyParams: ['Ada'],
};

describe('sendWhatsAppMessage', () => {
  let db: TestDatabase;
  let graph: FakeGraphApi;
  let activities: FlowActivities;
  let accountId: string;
  let userId: string;
  const logs: LogEntry[] = [];

  /** Runs the activity as attempt `attempt` of activity `activityId` in workflow run `runId`. */
  const send = (
    input: Parameters<FlowActivities['sendWhatsAppMessage']>[0],
    info: { runId?: string; activityId?: string; attempt?: number } = {},
  ) => {
    const env = new MockActivityEnvironment(
      {
        workflowExecution: {
          workflowId: `conversation-${input.conversationId}`,
          runId: info.runId ?? 'run-1',
        },
        activityId: info.activityId ?? '1',
        attempt: info.attempt ?? 1,
      } as Partial<Info>,
      { logger: new DefaultLogger('DEBUG', (entry) => logs.push(entry)) },
    );
    return env.run<
      [SendWhatsAppMessageInput],
      SendWhatsAppMessageResult,
      FlowActivities['sendWhatsAppMessage']
    >(activities.sendWhatsAppMessage, input);
  };

  /** A conversation whose customer last wrote `lastCustomerMessageAgoMs` before `now` (null: never). */
  const createConversation = async (lastCustomerMessageAgoMs: number | null): Promise<string> => {
    const phone = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource", "lastCustomerMessageAt")
       VALUES ($1, $2, $3, 'inbound', $4) RETURNING id`,
      [
        userId,
        accountId,
        phone,
        lastCustomerMessageAgoMs === null ? null : new Date(now - lastCustomerMessageAgoMs),
      ],
    );
    return row.id;
  };

  const messageRows = (conversationId: string) =>
    db.dataSource.query(
      `SELECT status, "waMessageId", "sendKey", "errorCode", type FROM messages WHERE "conversationId" = $1`,
      [conversationId],
    ) as Promise<
      {
        status: string;
        waMessageId: string | null;
        sendKey: string;
        errorCode: string | null;
        type: string;
      }[]
    >;

  before(async () => {
    [db, graph] = await Promise.all([
      startTestDatabase(),
      startFakeGraphApi({ accessTokens: [accessToken] }),
    ]);
    const key = randomBytes(32);
    [{ id: userId }] = await db.dataSource.query(
      `INSERT INTO users (username, "displayName", "passwordHash") VALUES ('owner', 'Owner', 'x') RETURNING id`,
    );
    [{ id: accountId }] = await db.dataSource.query(
      `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted", "messagesPerSecond")
       VALUES ($1, '1098765432', '+15550001111', $2, 1000) RETURNING id`,
      [userId, encryptSecret(accessToken, key)],
    );
    activities = createActivities({
      dataSource: db.dataSource,
      now: () => now,
      graphTimeoutMs: 300,
      config: sendActivityConfig(graph.baseUrl, key),
    });
  });
  after(async () => {
    await Promise.all([db?.stop(), graph?.stop()]);
  });
  beforeEach(() => {
    graph.clearFailures();
    graph.setLatency(0);
    graph.reset();
    logs.length = 0;
  });

  it('sends inside the window, records the message and the conversation’s last message', async () => {
    const conversationId = await createConversation(2 * hour);
    const result = await send({ conversationId, message: text });

    assert.equal(result.deduplicated, false);
    const [request] = graph.requests;
    assert.equal(graph.requests.length, 1);
    assert.equal(request.phoneNumberId, '1098765432');
    assert.equal(request.authorization, `Bearer ${accessToken}`);
    const body = request.body as { to: string; biz_opaque_callback_data: string };
    assert.equal(
      `+${body.to}`,
      (
        await db.dataSource.query(`SELECT "customerPhone" FROM conversations WHERE id = $1`, [conversationId])
      )[0].customerPhone,
    );
    assert.equal(body.biz_opaque_callback_data, `conversation-${conversationId}/run-1/1`);
    assert.deepEqual(await messageRows(conversationId), [
      {
        status: 'sent',
        waMessageId: result.waMessageId,
        sendKey: body.biz_opaque_callback_data,
        errorCode: null,
        type: 'text',
      },
    ]);
    const [conversation] = await db.dataSource.query(
      `SELECT "lastMessage" FROM conversations WHERE id = $1`,
      [conversationId],
    );
    assert.equal(conversation.lastMessage, 'Hello Ada');
  });

  it('never sends twice for one key: a retry returns the recorded wamid', async () => {
    const conversationId = await createConversation(hour);
    const first = await send({ conversationId, message: text }, { attempt: 1 });
    const retry = await send({ conversationId, message: text }, { attempt: 2 });
    assert.equal(graph.sentMessages().length, 1);
    assert.deepEqual(retry, { ...first, deduplicated: true });
  });

  it('sends again for another activity id or another run', async () => {
    const conversationId = await createConversation(hour);
    await send({ conversationId, message: text }, { activityId: '1' });
    await send({ conversationId, message: text }, { activityId: '2' });
    await send({ conversationId, message: text }, { runId: 'run-2', activityId: '1' });
    assert.equal(graph.sentMessages().length, 3);
  });

  it('retries after a 5xx: the failed attempt is recorded, the retry sends once', async () => {
    const conversationId = await createConversation(hour);
    graph.failNext(1, graphErrors.internalError);
    await assert.rejects(send({ conversationId, message: text }, { attempt: 1 }), (error: unknown) => {
      assert.ok(error instanceof ApplicationFailure);
      assert.equal(error.type, 'WhatsAppUnavailable');
      assert.equal(error.nonRetryable, false);
      return true;
    });
    assert.deepEqual(
      (await messageRows(conversationId)).map((row) => [row.status, row.errorCode]),
      [['pending', '131000']],
    );
    const retry = await send({ conversationId, message: text }, { attempt: 2 });
    assert.equal(retry.deduplicated, false);
    assert.equal(graph.sentMessages().length, 1);
    assert.deepEqual(
      (await messageRows(conversationId)).map((row) => [row.status, row.waMessageId]),
      [['sent', retry.waMessageId]],
    );
  });

  it('lets only one of two overlapping attempts call Graph', async () => {
    const conversationId = await createConversation(hour);
    graph.setLatency(150);
    const results = await Promise.allSettled([
      send({ conversationId, message: text }, { attempt: 1 }),
      send({ conversationId, message: text }, { attempt: 2 }),
    ]);
    assert.equal(graph.requests.length, 1);
    const rejected = results.find((result) => result.status === 'rejected');
    assert.ok(rejected && rejected.reason instanceof ApplicationFailure);
    assert.equal(rejected.reason.type, 'WhatsAppSendInProgress');
    assert.equal(rejected.reason.nonRetryable, false);
  });

  it('resends after Graph accepted but the answer was lost: the documented at-least-once case', async () => {
    const conversationId = await createConversation(hour);
    graph.failNext(1, 'accepted-then-timeout');
    await assert.rejects(send({ conversationId, message: text }, { attempt: 1 }), {
      type: 'WhatsAppUnavailable',
    });
    assert.deepEqual(
      (await messageRows(conversationId)).map((row) => [row.status, row.errorCode]),
      [['pending', 'outcome_unknown']],
    );
    await send({ conversationId, message: text }, { attempt: 2 });
    assert.equal(graph.sentMessages().length, 2, 'Graph has no idempotency key: the customer got it twice');
    assert.ok(logs.some((entry) => entry.level === 'WARN' && /may have reached Graph/.test(entry.message)));
  });

  it('paces sends of one number to its messagesPerSecond', async () => {
    await db.dataSource.query(`UPDATE whatsapp_accounts SET "messagesPerSecond" = 20 WHERE id = $1`, [
      accountId,
    ]);
    try {
      const conversationId = await createConversation(hour);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 11 }, (_, i) =>
          send({ conversationId, message: text }, { activityId: `p${i}` }),
        ),
      );
      const elapsed = performance.now() - started;
      assert.equal(graph.sentMessages().length, 11);
      assert.ok(elapsed >= 450, `11 sends at 20/s took only ${Math.round(elapsed)} ms`);
    } finally {
      await db.dataSource.query(`UPDATE whatsapp_accounts SET "messagesPerSecond" = 1000 WHERE id = $1`, [
        accountId,
      ]);
    }
  });

  it('refuses a non-template outside the 24-hour window without calling Graph', async () => {
    const conversationId = await createConversation(24 * hour + 1);
    await assert.rejects(send({ conversationId, message: text }), (error: unknown) => {
      assert.ok(error instanceof ApplicationFailure);
      assert.equal(error.type, 'WhatsAppWindowClosed');
      assert.equal(error.nonRetryable, true);
      return true;
    });
    assert.equal(graph.requests.length, 0);
    assert.deepEqual(
      (await messageRows(conversationId)).map((row) => [row.status, row.errorCode]),
      [['failed', '131047']],
    );
  });

  it('refuses a non-template when the customer never wrote, but sends a template', async () => {
    const conversationId = await createConversation(null);
    await assert.rejects(send({ conversationId, message: text }, { activityId: '1' }), {
      type: 'WhatsAppWindowClosed',
    });
    await send({ conversationId, message: template }, { activityId: '2' });
    assert.deepEqual(
      graph.sentMessages().map((message) => message.type),
      ['template'],
    );
  });

  it('counts a customer message the workflow knows of but the database does not yet', async () => {
    const conversationId = await createConversation(null);
    await send({ conversationId, message: text, lastCustomerMessageAt: now - hour });
    assert.equal(graph.sentMessages().length, 1);
  });

  it('maps a late 131047 from Graph to a non-retryable WhatsAppWindowClosed and marks the row failed', async () => {
    const conversationId = await createConversation(hour);
    graph.failNext(1, graphErrors.windowClosed);
    await assert.rejects(send({ conversationId, message: text }), {
      type: 'WhatsAppWindowClosed',
      nonRetryable: true,
    });
    assert.deepEqual(
      (await messageRows(conversationId)).map((row) => [row.status, row.errorCode]),
      [['failed', '131047']],
    );
  });

  it('fails non-retryably for a conversation that does not exist', async () => {
    await assert.rejects(send({ conversationId: randomUUID(), message: text }), {
      type: 'ConversationNotFound',
      nonRetryable: true,
    });
  });

  it('never logs the access token or the full phone number', async () => {
    const conversationId = await createConversation(hour);
    graph.failNext(1, graphErrors.throughput);
    await assert.rejects(send({ conversationId, message: text }, { attempt: 1 }));
    await send({ conversationId, message: text }, { attempt: 2 });
    const [{ customerPhone }] = await db.dataSource.query(
      `SELECT "customerPhone" FROM conversations WHERE id = $1`,
      [conversationId],
    );
    const logged = JSON.stringify(logs.map((entry) => [entry.message, entry.meta]));
    assert.ok(logs.length >= 2);
    assert.ok(!logged.includes(accessToken));
    assert.ok(!logged.includes(customerPhone.slice(1)));
    assert.ok(logged.includes(customerPhone.slice(-4)));
  });
});
