/**
 * Flow analytics for conversations that end outside the flow engine, on the real stack: a lead the
 * API replaces with a new one, a customer who writes STOP, and a run failed by a broken engine
 * invariant all show up in the analytics' conversation counts, with their `ended` at the node the
 * run was waiting at (docs/analytics.md). Each case has a flow of its own, so counts never mix.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_STOP_SEQ, insertNodeEvents } from '../../activities/analytics/insert-node-events';
import type { NodeTransition } from '../../workflows/engine';
import { brokenWaitingState } from '../support/broken-flow-state';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { buildLeadFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

/** buildLeadFlow's question node: where every lead waits after its opening template. */
const QUESTION = '3';

let s: ApiStack;
let owner: Caller;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
});
after(() => s?.stop());

async function sendLead(flowId: string, phone: string, headers: Record<string, string> = {}) {
  const response = await s.request('POST', `/api/webhook/flow/${flowId}/lead`, {
    body: { phone, name: 'Lead' },
    token: owner.apiToken,
    headers,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.conversationId as string;
}

const customerWrites = (phone: string, text: string) =>
  s.postWhatsAppWebhook(
    buildTextMessageWebhook({ phoneNumberId: owner.phoneNumberId, from: phone.slice(1), text }),
  );

interface EventRow {
  seq: number;
  nodeId: string;
  kind: string;
  status: string | null;
  reason: string | null;
}

const eventsOf = async (conversationId: string): Promise<EventRow[]> =>
  await s.stack.dataSource.query(
    `SELECT seq, "nodeId", kind, status, reason FROM node_events WHERE "conversationId" = $1 ORDER BY seq`,
    [conversationId],
  );

/** Waits until the conversation's run has recorded `kind` at `nodeId`. */
const waitRecorded = (conversationId: string, nodeId: string, kind: string) =>
  waitFor(
    async () =>
      (await eventsOf(conversationId)).some((event) => event.nodeId === nodeId && event.kind === kind),
    20_000,
    `${kind} ${nodeId} of ${conversationId}`,
  );

async function analyticsOf(flowId: string) {
  const response = await s.request('GET', `/api/flows/${flowId}/analytics`, { token: owner.apiToken });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body as {
    conversations: Record<string, number>;
    nodes: { nodeId: string; entered: number; dropped: number }[];
  };
}

/** The analytics' conversation counts: zero but for `counts`. */
const counted = (counts: Record<string, number>) => ({
  started: 0,
  completed: 0,
  failed: 0,
  handedOver: 0,
  stopped: 0,
  ...counts,
});

const questionOf = (analytics: Awaited<ReturnType<typeof analyticsOf>>) =>
  analytics.nodes.find((node) => node.nodeId === QUESTION);

const status = async (conversationId: string) =>
  (await s.stack.dataSource.query(`SELECT status FROM conversations WHERE id = $1`, [conversationId]))[0]
    .status as string;

describe('a lead replaced by a new lead for the same phone', () => {
  let flowId: string;
  let first: string;

  before(async () => {
    flowId = (await s.seedFlow(owner, buildLeadFlow())).flowId;
    const phone = randomPhone();
    first = await sendLead(flowId, phone);
    await waitRecorded(first, QUESTION, 'entered');
    const second = await sendLead(flowId, phone, { 'X-Replace-Active': 'true' });
    await waitRecorded(second, QUESTION, 'entered');
  });

  test('counts as stopped, ended at the question it was waiting at', { timeout: 30_000 }, async (t) => {
    assert.equal(await status(first), 'stopped');
    const analytics = await analyticsOf(flowId);
    t.diagnostic(`analytics: ${JSON.stringify(analytics)}`);
    assert.deepEqual(analytics.conversations, counted({ started: 2, stopped: 1 }));
    assert.deepEqual(
      (await eventsOf(first)).at(-1),
      { seq: API_STOP_SEQ, nodeId: QUESTION, kind: 'ended', status: 'stopped', reason: 'replaced' },
      'the last event of the replaced conversation',
    );
    // Still dropped at the question: the stop is not a way out of it (docs/analytics.md).
    assert.deepEqual(
      { entered: questionOf(analytics)?.entered, dropped: questionOf(analytics)?.dropped },
      { entered: 2, dropped: 2 },
    );
  });

  test('a step of the terminated run that finishes afterwards keeps its moves but not its own end', async () => {
    // What the run's last step would write had the customer answered just before the replacement.
    const late: NodeTransition[] = [
      { seq: 6, kind: 'left', nodeId: QUESTION, nodeType: 'question', port: 'answered', at: Date.now() },
      { seq: 7, kind: 'entered', nodeId: '4', nodeType: 'message', at: Date.now() },
      { seq: 8, kind: 'ended', nodeId: '4', nodeType: 'message', status: 'completed', at: Date.now() },
    ];
    await insertNodeEvents(s.stack.dataSource, first, late);
    const events = await eventsOf(first);
    assert.deepEqual(
      events.slice(-3).map((event) => [event.seq, event.kind, event.status]),
      [
        [6, 'left', null],
        [7, 'entered', null],
        [API_STOP_SEQ, 'ended', 'stopped'],
      ],
    );
    const { conversations } = await analyticsOf(flowId);
    assert.deepEqual([conversations.completed, conversations.stopped], [0, 1], 'it ended once, as stopped');
  });
});

describe('a customer who writes STOP', () => {
  test('counts as stopped, ended at the question', { timeout: 30_000 }, async () => {
    const { flowId } = await s.seedFlow(owner, buildLeadFlow());
    const phone = randomPhone();
    const conversationId = await sendLead(flowId, phone);
    await waitRecorded(conversationId, QUESTION, 'entered');
    assert.equal((await customerWrites(phone, 'STOP')).status, 200);
    await waitFor(async () => (await status(conversationId)) === 'stopped', 10_000, 'the opt-out');

    const analytics = await analyticsOf(flowId);
    assert.deepEqual(analytics.conversations, counted({ started: 1, stopped: 1 }));
    assert.deepEqual((await eventsOf(conversationId)).at(-1), {
      seq: API_STOP_SEQ,
      nodeId: QUESTION,
      kind: 'ended',
      status: 'stopped',
      reason: 'opted_out',
    });
    assert.equal(questionOf(analytics)?.dropped, 1);
  });
});

describe('a run failed by a broken engine invariant', () => {
  test('counts as failed, ended at the node its state was at', { timeout: 30_000 }, async () => {
    const drawflowData = buildLeadFlow();
    const { flowId } = await s.seedFlow(owner, drawflowData);
    // A run continued-as-new with a state its graph does not have (a FlowBot bug): the customer's
    // answer breaks the engine's invariant.
    const { waiting, carried } = brokenWaitingState(drawflowData, 'lead');
    assert.equal(waiting.wait?.nodeId, QUESTION);
    const run = await s.stack.startConversation({
      account: {
        userId: owner.userId,
        whatsappAccountId: owner.accountId,
        phoneNumberId: owner.phoneNumberId,
        accessToken: owner.accessToken,
      },
      flowId,
      carried,
    });
    assert.equal((await customerWrites(run.customerPhone, 'A')).status, 200);
    const result = await run.handle.result();
    assert.deepEqual([result.status, result.reason], ['failed', 'engine_error']);

    assert.equal(await status(run.conversationId), 'failed');
    assert.deepEqual(await eventsOf(run.conversationId), [
      {
        seq: (waiting.transitionCount ?? 0) + 1,
        nodeId: QUESTION,
        kind: 'ended',
        status: 'failed',
        reason: 'engine_error',
      },
    ]);
    const { conversations } = await analyticsOf(flowId);
    assert.deepEqual(conversations, counted({ failed: 1 }), 'failed (a carried run reports no start)');
  });
});
