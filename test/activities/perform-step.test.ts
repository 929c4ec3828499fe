/**
 * performStep against a real PostgreSQL and the fake Graph API on loopback, in Temporal's
 * MockActivityEnvironment: attempts of one scheduled step, as Temporal would retry it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Info } from '@temporalio/activity';
import { MockActivityEnvironment } from '@temporalio/testing';
import {
  createActivities,
  type FlowActivities,
  type PerformStepInput,
  type PerformStepResult,
} from '../../activities';
import { encryptSecret } from '../../platform/secrets';
import { startTestDatabase, type TestDatabase } from '../support/database';
import { graphErrors, startFakeGraphApi, type FakeGraphApi } from '../support/fake-graph-api';
import { sendActivityConfig } from '../support/send-activity-config';

const accessToken = 'EAAG-step-access-token';

describe('performStep', () => {
  let db: TestDatabase;
  let graph: FakeGraphApi;
  let activities: FlowActivities;
  let conversationId: string;

  /** Runs attempt `attempt` of step activity 7 of one run. */
  const attempt = (input: PerformStepInput, attemptNumber: number) =>
    new MockActivityEnvironment({
      workflowExecution: { workflowId: `conversation-${conversationId}`, runId: 'run-1' },
      activityId: '7',
      attempt: attemptNumber,
    } as Partial<Info>).run<[PerformStepInput], PerformStepResult, FlowActivities['performStep']>(
      activities.performStep,
      input,
    );

  before(async () => {
    [db, graph] = await Promise.all([
      startTestDatabase(),
      startFakeGraphApi({ accessTokens: [accessToken] }),
    ]);
    const key = randomBytes(32);
    const [{ id: userId }] = await db.dataSource.query(
      `INSERT INTO users (username, "displayName", "passwordHash") VALUES ('owner', 'Owner', 'x') RETURNING id`,
    );
    const [{ id: accountId }] = await db.dataSource.query(
      `INSERT INTO whatsapp_accounts ("userId", "phoneNumberId", "displayPhoneNumber", "accessTokenEncrypted", "messagesPerSecond")
       VALUES ($1, '1098765432', '+15550001111', $2, 1000) RETURNING id`,
      [userId, encryptSecret(accessToken, key)],
    );
    [{ id: conversationId }] = await db.dataSource.query(
      `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource", "lastCustomerMessageAt")
       VALUES ($1, $2, '+4915112345678', 'inbound', now()) RETURNING id`,
      [userId, accountId],
    );
    activities = createActivities({
      dataSource: db.dataSource,
      graphTimeoutMs: 300,
      config: sendActivityConfig(graph.baseUrl, key),
    });
  });
  after(() => Promise.all([db?.stop(), graph?.stop()]));

  it('retries without asking Graph again for a message refused for good or already sent', async () => {
    const input: PerformStepInput = {
      conversationId,
      sends: [
        { nodeId: '2', message: { kind: 'text', body: 'refused' } },
        { nodeId: '3', message: { kind: 'text', body: 'first' } },
        { nodeId: '4', message: { kind: 'text', body: 'second' } },
      ],
      lastCustomerMessageAt: null,
      change: { conversationId, currentNodeId: '4' },
    };
    // 131009 for the first, the second goes out, then a 5xx for the third fails the attempt.
    graph.answerInOrder([graphErrors.invalidParameter, null, graphErrors.internalError]);
    const sendsBefore = graph.requests.length;
    try {
      await assert.rejects(attempt(input, 1), { type: 'WhatsAppUnavailable', nonRetryable: false });
      const result = await attempt(input, 2);

      assert.deepEqual(
        graph.requests
          .slice(sendsBefore)
          .map((request) => [(request.body as { text: { body: string } }).text.body, request.status]),
        [
          ['refused', 400],
          ['first', 200],
          ['second', 500],
          ['second', 200],
        ],
      );
      assert.deepEqual(
        result.sends.map((outcome) => [outcome.nodeId, outcome.sent, outcome.sent && outcome.deduplicated]),
        [
          ['2', false, false],
          ['3', true, true],
          ['4', true, false],
        ],
      );
    } finally {
      graph.clearFailures();
    }
    const [row] = await db.dataSource.query(
      `SELECT "currentNodeId", "lastMessage" FROM conversations WHERE id = $1`,
      [conversationId],
    );
    assert.deepEqual([row.currentNodeId, row.lastMessage], ['4', 'second']);
  });
});
