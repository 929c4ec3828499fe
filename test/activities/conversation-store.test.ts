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

  const createConversation = async (owner = { userId, accountId }): Promise<string> => {
    const phone = `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource")
       VALUES ($1, $2, $3, 'outbound') RETURNING id`,
      [owner.userId, owner.accountId, phone],
    );
    return row.id;
  };
  const createTenant = async (name: string) => {
    const [{ id: tenantId }]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO users (username, "displayName", "passwordHash") VALUES ($1, $1, 'x') RETURNING id`,
      [name],
    );
    const [{ id: tenantAccountId }]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted")
       VALUES ($1, $2, '+15550001111', 'v1:x:y:z') RETURNING id`,
      [tenantId, `20${Math.floor(Math.random() * 1e8)}`],
    );
    return { userId: tenantId, accountId: tenantAccountId };
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

  describe('webhook events', () => {
    const addEndpoint = async (owner: string, eventTypes: string[]): Promise<string> =>
      (
        await db.dataSource.query(
          `INSERT INTO webhook_endpoints ("userId", url, "secretEncrypted", "eventTypes")
           VALUES ($1, 'https://hooks.example.com/in', 'v1:x:y:z', $2) RETURNING id`,
          [owner, eventTypes],
        )
      )[0].id;
    const readDeliveries = async (conversationId: string) =>
      await db.dataSource.query(
        `SELECT e.url, d."eventType", d.payload -> 'data' -> 'captured' AS captured, d.payload -> 'data' ->> 'status' AS status
           FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
          WHERE d.payload -> 'data' ->> 'conversationId' = $1::text ORDER BY d."createdAt", d."eventType"`,
        [conversationId],
      );
    const step = (
      conversationId: string,
      seq: number,
      variables: Record<string, unknown>,
    ): ConversationChange => ({
      conversationId,
      currentNodeId: String(seq),
      variables,
      nodeEvents: [{ seq, kind: 'entered', nodeId: String(seq), nodeType: 'question', at: now }],
    });
    const countNodeEvents = async (id: string) =>
      (
        await db.dataSource.query(`SELECT count(*)::int AS n FROM node_events WHERE "conversationId" = $1`, [
          id,
        ])
      )[0].n;

    it('go to the endpoints enabled when the change commits: none before one exists, the next change right after it is added, none once disabled', async () => {
      const owner = await createTenant('hooks-late');
      const id = await createConversation(owner);
      await record(step(id, 1, { name: 'Ada' }));
      assert.deepEqual(await readDeliveries(id), []);

      const endpointId = await addEndpoint(owner.userId, ['variable.captured']);
      await record(step(id, 2, { name: 'Ada', email: 'ada@example.com' }));
      assert.deepEqual(await readDeliveries(id), [
        {
          url: 'https://hooks.example.com/in',
          eventType: 'variable.captured',
          captured: { email: 'ada@example.com' },
          status: 'active',
        },
      ]);

      await db.dataSource.query(`UPDATE webhook_endpoints SET enabled = false WHERE id = $1`, [endpointId]);
      await record(step(id, 3, { name: 'Ada', email: 'ada@example.com', plan: 'pro' }));
      assert.equal((await readDeliveries(id)).length, 1);
      assert.deepEqual((await read(id)).variables, { name: 'Ada', email: 'ada@example.com', plan: 'pro' });
      assert.equal(await countNodeEvents(id), 3, 'every step wrote its transition');
    });

    it("an endpoint subscribed to other types hears nothing of a captured variable, and once of the end it is subscribed to, with the step's row and transitions written either way", async () => {
      const owner = await createTenant('hooks-ends-only');
      await addEndpoint(owner.userId, ['conversation.completed']);
      const id = await createConversation(owner);
      await record(step(id, 1, { name: 'Ada' }));
      assert.deepEqual(await readDeliveries(id), []);
      assert.equal((await read(id)).currentNodeId, '1');

      const end: ConversationChange = { ...step(id, 2, { name: 'Ada' }), status: 'completed' };
      await record(end);
      await record({ ...end });
      assert.deepEqual(await readDeliveries(id), [
        {
          url: 'https://hooks.example.com/in',
          eventType: 'conversation.completed',
          captured: null,
          status: 'completed',
        },
      ]);
      assert.equal((await read(id)).status, 'completed');
      assert.equal(await countNodeEvents(id), 2);
    });
  });

  it('fails non-retryably for a conversation that does not exist', async () => {
    await assert.rejects(record({ conversationId: randomUUID(), status: 'active' }), {
      type: 'ConversationNotFound',
      nonRetryable: true,
    });
  });
});
