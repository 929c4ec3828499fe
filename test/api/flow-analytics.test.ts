/**
 * `GET /api/flows/{id}/analytics` (and `.svg`) on the real stack: five leads run through a flow with a
 * question and a condition — two answer A, one answers B, one lets the question time out, one is still
 * waiting — and the answer counts exactly that, from the node transitions the runs recorded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { flow } from '../support/flow-builder';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { renderFunnelSvg } from '../../api/analytics/render-funnel-svg';
import { startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, type SeededFlow } from './conversation-fixtures';

/** The question's timeout: long enough to read the fifth lead while it still waits, short for a test. */
const TIMEOUT_MS = 9_000;

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let admin: Caller;
let leadFlow: SeededFlow;
/** The period's bounds the scripted runs fall in. */
let startedAt: Date;
let beforeFifth: Date;
let fifthWaiting: Date;

/**
 * 1 start → 2 template → 3 question ─answered→ 4 condition ─A→ 5 message → 6 end (completed)
 *                                  │                       └else→ 7 message (unconnected: completed)
 *                                  └timeout→ 8 end (failed)
 */
function buildScriptedFlow(): unknown {
  return flow()
    .start()
    .then('template', { name: 'lead_welcome', language: 'en', bodyParams: ['{{name}}'] })
    .then(
      'question',
      { variable: 'pick', validation: 'text', timeoutMinutes: TIMEOUT_MS / 60_000 },
      { as: 'ask' },
    )
    .then('condition', { rules: [{ variable: 'pick', operator: 'equals', value: 'A' }] }, { as: 'route' })
    .then('message', { text: 'You chose A' })
    .then('end', {})
    .at('route', 'else')
    .then('message', { text: 'You chose B' })
    .at('ask', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_answer' })
    .build();
}

const analyticsPath = (query = '', flowId = leadFlow.flowId) => `/api/flows/${flowId}/analytics${query}`;
const period = (from: Date, to: Date) =>
  `?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

async function sendLead(): Promise<{ conversationId: string; phone: string }> {
  const phone = randomPhone();
  const response = await s.request('POST', `/api/webhook/flow/${leadFlow.flowId}/lead`, {
    body: { phone, name: 'Lead' },
    token: owner.apiToken,
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return { conversationId: response.body.conversationId, phone };
}

async function recorded(conversationId: string, nodeId: string, kind: string): Promise<boolean> {
  const rows = await s.stack.dataSource.query(
    `SELECT 1 FROM node_events WHERE "conversationId" = $1 AND "nodeId" = $2 AND kind = $3`,
    [conversationId, nodeId, kind],
  );
  return rows.length > 0;
}

const waitRecorded = (conversationId: string, nodeId: string, kind: string, timeoutMs = 20_000) =>
  waitFor(() => recorded(conversationId, nodeId, kind), timeoutMs, `${kind} ${nodeId} of ${conversationId}`);

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  admin = await s.seedCaller({ role: 'admin' });
  leadFlow = await s.seedFlow(owner, buildScriptedFlow());

  startedAt = new Date();
  const leads = await Promise.all([sendLead(), sendLead(), sendLead(), sendLead()]);
  await Promise.all(leads.map(({ conversationId }) => waitRecorded(conversationId, '3', 'entered')));
  for (const [index, answer] of ['A', 'A', 'B'].entries()) {
    const response = await s.postWhatsAppWebhook(
      buildTextMessageWebhook({
        phoneNumberId: owner.phoneNumberId,
        from: leads[index].phone.slice(1),
        text: answer,
      }),
    );
    assert.equal(response.status, 200);
  }
  // Three answered and ended; the fourth ends when its question times out.
  await Promise.all(leads.map(({ conversationId }) => waitRecorded(conversationId, '3', 'left', 30_000)));
  await Promise.all(
    leads.map(({ conversationId }) =>
      waitFor(
        async () =>
          (
            await s.stack.dataSource.query(
              `SELECT 1 FROM node_events WHERE "conversationId" = $1 AND kind = 'ended'`,
              [conversationId],
            )
          ).length > 0,
        20_000,
        `the end of ${conversationId}`,
      ),
    ),
  );

  beforeFifth = new Date();
  const fifth = await sendLead();
  await waitRecorded(fifth.conversationId, '3', 'entered');
  // Taken before the fifth question's timeout could fire: in this period it is still waiting.
  fifthWaiting = new Date();
});

after(() => s?.stop());

/** The median the route must answer for node `nodeId`: percentile_cont(0.5) of the recorded times. */
async function medianSpent(nodeId: string, to: Date): Promise<number> {
  const rows: { spentMs: string }[] = await s.stack.dataSource.query(
    `SELECT "spentMs" FROM node_events
      WHERE "flowId" = $1 AND "nodeId" = $2 AND kind = 'left' AND at < $3 ORDER BY "spentMs"`,
    [leadFlow.flowId, nodeId, to],
  );
  const values = rows.map((row) => Number(row.spentMs));
  const middle = (values.length - 1) / 2;
  return Math.round((values[Math.floor(middle)] + values[Math.ceil(middle)]) / 2);
}

describe('the scripted conversations', () => {
  test('are counted exactly: conversations, and per node in flow order', { timeout: 30_000 }, async () => {
    const response = await s.request('GET', analyticsPath(period(startedAt, fifthWaiting)), {
      token: owner.apiToken,
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const questionMedian = await medianSpent('3', fifthWaiting);
    assert.deepEqual(response.body, {
      period: { from: startedAt.toISOString(), to: fifthWaiting.toISOString() },
      revision: null,
      conversations: { started: 5, completed: 3, failed: 1, handedOver: 0, stopped: 0 },
      nodes: [
        node('1', 'start', 5, { next: 5 }, { median: 0 }),
        node('2', 'template', 5, { sent: 5 }, { median: 0 }),
        node(
          '3',
          'question',
          5,
          { answered: 3, timeout: 1 },
          { timedOut: 1, dropped: 1, median: questionMedian },
        ),
        node('4', 'condition', 3, { rule_1: 2, else: 1 }, { median: 0 }),
        node('8', 'end', 1, {}, {}),
        node('5', 'message', 2, { sent: 2 }, { median: 0 }),
        node('7', 'message', 1, { sent: 1 }, { median: 0 }),
        node('6', 'end', 2, {}, {}),
      ],
    });
    const [timedOut] = await s.stack.dataSource.query(
      `SELECT "spentMs" FROM node_events WHERE "flowId" = $1 AND "nodeId" = '3' AND "timedOut"`,
      [leadFlow.flowId],
    );
    assert.ok(
      Number(timedOut.spentMs) >= TIMEOUT_MS,
      `the timed-out wait lasted its timeout (${timedOut.spentMs} ms)`,
    );
  });

  test('a period that ends before the fifth lead leaves it out; one after the runs counts nothing', async () => {
    const earlier = await s.request('GET', analyticsPath(period(startedAt, beforeFifth)), {
      token: owner.apiToken,
    });
    assert.equal(earlier.status, 200);
    assert.deepEqual(earlier.body.conversations, {
      started: 4,
      completed: 3,
      failed: 1,
      handedOver: 0,
      stopped: 0,
    });
    const question = earlier.body.nodes.find((entry: { nodeId: string }) => entry.nodeId === '3');
    assert.deepEqual(
      { entered: question.entered, left: question.left, dropped: question.dropped },
      { entered: 4, left: { answered: 3, timeout: 1 }, dropped: 0 },
    );

    const later = new Date(Date.now() + 60_000);
    const empty = await s.request('GET', analyticsPath(period(later, new Date(later.getTime() + 60_000))), {
      token: owner.apiToken,
    });
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body.conversations, {
      started: 0,
      completed: 0,
      failed: 0,
      handedOver: 0,
      stopped: 0,
    });
    assert.deepEqual(
      empty.body.nodes.map((entry: { nodeId: string; entered: number }) => [entry.nodeId, entry.entered]),
      [
        ['1', 0],
        ['2', 0],
        ['3', 0],
        ['4', 0],
        ['8', 0],
        ['5', 0],
        ['7', 0],
        ['6', 0],
      ],
      'every node of the flow, in flow order, with nothing counted',
    );
  });

  test('the funnel is an SVG with the same counts', async () => {
    const response = await s.request(
      'GET',
      `/api/flows/${leadFlow.flowId}/analytics.svg${period(startedAt, fifthWaiting)}`,
      {
        token: owner.apiToken,
      },
    );
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(response.body, /^<svg /);
    assert.match(response.body, /3 · question<\/text>/);
    assert.match(response.body, /entered 5 · left 4 · dropped 1/);
  });
});

describe('access and input', () => {
  test("another user's flow is not found; an admin may read it", async () => {
    const refused = await s.request('GET', analyticsPath(), { token: stranger.apiToken });
    assert.equal(refused.status, 404);
    assert.deepEqual(refused.body, { error: 'Flow not found' });
    const svg = await s.request('GET', `/api/flows/${leadFlow.flowId}/analytics.svg`, {
      token: stranger.apiToken,
    });
    assert.equal(svg.status, 404);
    const allowed = await s.request('GET', analyticsPath(), { token: admin.apiToken });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.body.conversations.started, 5);
  });

  test('bad dates and revisions are a 400 naming the field', async () => {
    const cases: [string, RegExp][] = [
      ['?from=yesterday', /query\.from: from must be an ISO 8601 date-time/],
      ['?to=2026-13-01T00:00:00Z', /query\.to: to must be an ISO 8601 date-time/],
      ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /query\.from: must be before to/],
      ['?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', /query\.from: must be before to/],
      ['?revision=0', /query\.revision: revision must be a revision number/],
    ];
    for (const [query, message] of cases) {
      const response = await s.request('GET', analyticsPath(query), { token: owner.apiToken });
      assert.equal(response.status, 400, query);
      assert.match(response.body.error, message, query);
    }
  });

  test('without credentials: 401', async () => {
    const response = await s.request('GET', analyticsPath());
    assert.equal(response.status, 401);
  });
});

test('the funnel escapes the text it draws', () => {
  const svg = renderFunnelSvg({
    period: { from: 'a', to: 'b' },
    revision: null,
    conversations: { started: 0, completed: 0, failed: 0, handedOver: 0, stopped: 0 },
    nodes: [
      {
        nodeId: '<script>&"x"',
        type: 'message',
        entered: 1,
        left: {},
        timedOut: 0,
        dropped: 1,
        medianMsSpent: null,
      },
    ],
  });
  assert.ok(!svg.includes('<script>'));
  assert.match(svg, /&#60;script&#62;&#38;&#34;x&#34; · message/);
});

function node(
  nodeId: string,
  type: string,
  entered: number,
  left: Record<string, number>,
  {
    timedOut = 0,
    dropped = 0,
    median = null,
  }: { timedOut?: number; dropped?: number; median?: number | null },
) {
  return { nodeId, type, entered, left, timedOut, dropped, medianMsSpent: median };
}
