/**
 * Flows that send without ever waiting (an outside probe wired a message node to itself: one reply,
 * 351 texts). Saving or activating one is refused with a 4xx `{"error"}`; a flow stored before that
 * rule still runs, and its run stops at the turn limit with a failure instead of flooding the
 * customer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Conversation } from '../../entities/conversation';
import type { ConversationWorkflowResult } from '../../workflows/definitions';
import { TURN_LIMITS, type DrawflowDocument } from '../../workflows/engine';
import { guessingGameLoop, httpFailureLoop, messagePairLoop, messageSelfLoop } from '../support/loop-flows';
import { seedFlowForAccount } from '../support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
  phoneDigits,
  startConversationDirectly,
  waitUntil,
} from '../support/stack-driver';
import { callApiAsAdmin, judgeAnswer, startHostileStack, type HostileStack } from './hostile-kit';

let hostile: HostileStack;
before(async () => {
  hostile = await startHostileStack();
});
after(() => hostile?.stack.stop());

const api = (path: string, init: RequestInit = {}) => callApiAsAdmin(hostile, path, init, 15_000);

const runaways: [string, () => DrawflowDocument][] = [
  ['a message wired to itself', () => messageSelfLoop().build()],
  ['two messages wired to each other', () => messagePairLoop().build()],
  ['an http_request looping on its failure output', () => httpFailureLoop().build()],
];

/** Stores `document` as an active flow straight in the database, as a flow saved before the rule was. */
function storeActiveFlow(document: DrawflowDocument): Promise<string> {
  const { stack, tenant } = hostile;
  return seedFlowForAccount(
    stack.dataSource,
    tenant,
    tenant.accounts[0].id,
    stack.secrets.dataEncryptionKey,
    document as unknown as Record<string, unknown>,
  );
}

/** Asserts a 422 `{"error", problems}` whose problems name the loop. */
function assertLoopRefused(answer: Awaited<ReturnType<typeof api>>): void {
  assert.equal(answer.status, 422, answer.text.slice(0, 300));
  assert.equal(judgeAnswer(answer), null);
  const body = JSON.parse(answer.text) as {
    error: string;
    problems: { code: string; path: string; message: string }[];
  };
  assert.equal(body.error, 'Flow graph is invalid');
  assert.deepEqual(
    body.problems.map((problem) => [problem.code, problem.path]),
    [['loop_without_wait', 'nodes.2']],
  );
  assert.match(body.problems[0].message, /^Node 2 \(\w+\) —\w+→ .* is a loop that never waits/);
}

describe('saving or activating a flow with a loop that never waits', () => {
  for (const [name, build] of runaways) {
    test(`creating one with ${name} is refused with 422`, async () => {
      const answer = await api('/api/flows', {
        method: 'POST',
        body: JSON.stringify({ name: 'runaway', drawflowData: build() }),
      });
      assertLoopRefused(answer);
    });

    test(`updating a flow to ${name} is refused with 422 and the flow is unchanged`, async () => {
      const created = await api('/api/flows', { method: 'POST', body: JSON.stringify({ name: 'fine' }) });
      assert.equal(created.status, 201, created.text);
      const { id } = JSON.parse(created.text) as { id: string };
      const answer = await api(`/api/flows/${id}`, {
        method: 'PUT',
        body: JSON.stringify({ drawflowData: build() }),
      });
      assertLoopRefused(answer);
      const stored = JSON.parse((await api(`/api/flows/${id}`)).text) as { version: number };
      assert.equal(stored.version, 1);
    });

    test(`activating a flow stored with ${name} before the rule is refused with 422`, async () => {
      const flowId = await storeActiveFlow(build());
      assertLoopRefused(await api(`/api/flows/${flowId}/activate`, { method: 'POST' }));
    });
  }

  test('a loop through a question is saved', async () => {
    const drawflowData = guessingGameLoop().build();
    const answer = await api('/api/flows', {
      method: 'POST',
      body: JSON.stringify({ name: 'guessing game', drawflowData }),
    });
    assert.equal(answer.status, 201, answer.text.slice(0, 300));
  });
});

/** Starts an inbound run of a stored flow and waits for the run's end (the test's timeout bounds it). */
async function runStoredFlow(document: DrawflowDocument) {
  const { stack, tenant } = hostile;
  const flowId = await storeActiveFlow(document);
  const phone = nextCustomerPhone();
  const started = await startConversationDirectly(stack, tenant, {
    phone,
    flowId,
    trigger: {
      source: 'inbound',
      firstMessage: { waMessageId: freshWaMessageId(), type: 'text', text: 'hi', sentAt: Date.now() },
    },
  });
  const handle = stack.temporal.workflow.getHandle(started.workflowId);
  const result = (await handle.result()) as ConversationWorkflowResult;
  const conversations = stack.dataSource.getRepository(Conversation);
  const rowFailed = await waitUntil(
    async () => (await conversations.findOneBy({ id: started.conversationId }))?.status === 'failed',
    10_000,
  );
  return { handle, result, rowFailed, to: phoneDigits(phone) };
}

describe('flows stored before the rule stop at the turn limit', () => {
  test(
    `a message wired to itself sends ${TURN_LIMITS.sends} messages, then the run fails with send_limit`,
    { timeout: 120_000 },
    async (t) => {
      const run = await runStoredFlow(messageSelfLoop().build());
      assert.deepEqual([run.result.status, run.result.reason], ['failed', 'send_limit']);
      assert.ok(run.rowFailed, 'the conversation row does not say failed');
      const count = () =>
        hostile.stack.graph.sentMessages().filter((message) => message.to === run.to).length;
      // The run has ended: a message still to come would come from a run that did not stop.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      t.diagnostic(`messages at the fake Graph API: ${count()}`);
      assert.equal(count(), TURN_LIMITS.sends);
    },
  );

  test(
    `an http_request looping on its failure output makes ${TURN_LIMITS.httpRequests} requests, then fails with http_request_limit`,
    { timeout: 120_000 },
    async (t) => {
      // A loopback address: the activity refuses it at once, so every request fails fast, as in the probe.
      const run = await runStoredFlow(httpFailureLoop('http://127.0.0.1:9/').build());
      assert.deepEqual([run.result.status, run.result.reason], ['failed', 'http_request_limit']);
      assert.ok(run.rowFailed, 'the conversation row does not say failed');
      const events = (await run.handle.fetchHistory()).events ?? [];
      const requests = events.filter(
        (event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'performHttpRequest',
      ).length;
      t.diagnostic(`performHttpRequest activities in the run's history: ${requests}`);
      assert.equal(requests, TURN_LIMITS.httpRequests);
    },
  );
});
