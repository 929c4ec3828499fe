/** recordConversationChange against a real PostgreSQL. */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import {
  createConversationStoreActivities,
  type ConversationChange,
} from '../../activities/conversation-store';
import type { NodeTransition } from '../../workflows/engine';
import { startTestDatabase, type TestDatabase } from '../support/database';

const now = Date.parse('2026-11-20T12:00:00Z');

describe('recordConversationChange', () => {
  let db: TestDatabase;
  let store: ReturnType<typeof createConversationStoreActivities>;
  let userId: string;
  let accountId: string;

  const record = (change: ConversationChange) =>
    new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run<
      [ConversationChange],
      void,
      typeof store.recordConversationChange
    >(store.recordConversationChange, change);

  const createConversation = async (): Promise<string> => {
    const phone = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource")
       VALUES ($1, $2, $3, 'outbound') RETURNING id`,
      [userId, accountId, phone],
    );
    return row.id;
  };
  const read = async (id: string) =>
    (
      await db.dataSource.query(
        `SELECT status, "currentNodeId", variables, "endedAt", "workflowId", "runId", "lastMessage",
                "lastCustomerMessageAt" FROM conversations WHERE id = $1`,
        [id],
      )
    )[0];

  before(async () => {
    db = await startTestDatabase();
    store = createConversationStoreActivities({ dataSource: db.dataSource, now: () => now });
    [{ id: userId }] = await db.dataSource.query(
      `INSERT INTO users (username, "displayName", "passwordHash") VALUES ('owner', 'Owner', 'x') RETURNING id`,
    );
    [{ id: accountId }] = await db.dataSource.query(
      `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted")
       VALUES ($1, '1098765432', '+15550001111', 'v1:x:y:z') RETURNING id`,
      [userId],
    );
  });
  after(() => db?.stop());

  it('writes the given fields and leaves the others alone', async () => {
    const id = await createConversation();
    await record({
      conversationId: id,
      workflowId: `conversation-${id}`,
      runId: 'run-1',
      currentNodeId: '1',
    });
    await record({ conversationId: id, currentNodeId: '3', variables: { name: 'Ada', tags: ['vip'] } });
    const row = await read(id);
    assert.equal(row.status, 'active');
    assert.equal(row.currentNodeId, '3');
    assert.deepEqual(row.variables, { name: 'Ada', tags: ['vip'] });
    assert.equal(row.workflowId, `conversation-${id}`);
    assert.equal(row.runId, 'run-1');
    assert.equal(row.endedAt, null);
  });

  it("leaves a conversation the API already ended as it is (a terminated run's last step finishing late)", async () => {
    const id = await createConversation();
    await db.dataSource.query(
      `UPDATE conversations SET status = 'stopped', "endedAt" = now(), "currentNodeId" = '2' WHERE id = $1`,
      [id],
    );
    await record({ conversationId: id, status: 'active', currentNodeId: '3', variables: { late: true } });
    const row = await read(id);
    assert.equal(row.status, 'stopped');
    assert.equal(row.currentNodeId, '2');
    assert.ok(row.endedAt);
    assert.deepEqual(row.variables, {});
  });

  it('is idempotent: repeating a change leaves the row as one call did, endedAt included', async () => {
    const id = await createConversation();
    const change: ConversationChange = { conversationId: id, status: 'completed', currentNodeId: null };
    await record(change);
    const once = await read(id);
    await record({ ...change });
    assert.deepEqual(await read(id), once);
    assert.equal(once.endedAt.getTime(), now);
  });

  it('keeps the first endedAt and only moves lastCustomerMessageAt forward', async () => {
    const id = await createConversation();
    await record({ conversationId: id, lastCustomerMessageAt: now - 1000 });
    await record({ conversationId: id, lastCustomerMessageAt: now - 5000 });
    await record({ conversationId: id, status: 'stopped', endedAt: now - 100 });
    await record({ conversationId: id, status: 'stopped', endedAt: now });
    const row = await read(id);
    assert.equal(row.lastCustomerMessageAt.getTime(), now - 1000);
    assert.equal(row.endedAt.getTime(), now - 100);
  });

  describe('node transitions', () => {
    const transitions = (): NodeTransition[] => [
      {
        seq: 4,
        kind: 'left',
        nodeId: '2',
        nodeType: 'question',
        port: 'timeout',
        timedOut: true,
        spentMs: 600_000,
        at: now,
      },
      { seq: 5, kind: 'entered', nodeId: '6', nodeType: 'end', at: now },
      { seq: 6, kind: 'ended', nodeId: '6', nodeType: 'end', status: 'failed', reason: 'no_answer', at: now },
    ];
    const readEvents = async (id: string) =>
      await db.dataSource.query(
        `SELECT seq, "nodeId", "nodeType", kind, port, "timedOut", "spentMs", status, reason, at
           FROM node_events WHERE "conversationId" = $1 ORDER BY seq`,
        [id],
      );

    it('are written with the change, once however often the activity is retried', async () => {
      const id = await createConversation();
      const change: ConversationChange = { conversationId: id, status: 'failed', nodeEvents: transitions() };
      await record(change);
      await record({ ...change });
      assert.equal((await read(id)).status, 'failed');
      assert.deepEqual(await readEvents(id), [
        {
          seq: 4,
          nodeId: '2',
          nodeType: 'question',
          kind: 'left',
          port: 'timeout',
          timedOut: true,
          spentMs: '600000',
          status: null,
          reason: null,
          at: new Date(now),
        },
        {
          seq: 5,
          nodeId: '6',
          nodeType: 'end',
          kind: 'entered',
          port: null,
          timedOut: false,
          spentMs: null,
          status: null,
          reason: null,
          at: new Date(now),
        },
        {
          seq: 6,
          nodeId: '6',
          nodeType: 'end',
          kind: 'ended',
          port: null,
          timedOut: false,
          spentMs: null,
          status: 'failed',
          reason: 'no_answer',
          at: new Date(now),
        },
      ]);
    });

    it('commit together with the row: when they cannot be written, the row keeps its old values', async () => {
      const id = await createConversation();
      const broken = { ...transitions()[1], kind: 'teleported' } as unknown as NodeTransition;
      await assert.rejects(record({ conversationId: id, currentNodeId: '6', nodeEvents: [broken] }));
      assert.equal((await read(id)).currentNodeId, null);
      assert.deepEqual(await readEvents(id), []);
    });

    it('are written alone when the row did not change', async () => {
      const id = await createConversation();
      await record({ conversationId: id, nodeEvents: transitions().slice(0, 1) });
      assert.equal((await readEvents(id)).length, 1);
    });
  });

  it('fails non-retryably for a conversation that does not exist', async () => {
    await assert.rejects(record({ conversationId: randomUUID(), status: 'active' }), {
      type: 'ConversationNotFound',
      nonRetryable: true,
    });
  });
});
