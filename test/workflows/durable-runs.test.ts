/**
 * What makes a conversation durable beyond one run: continue-as-new keeps state and loses no signal,
 * a running conversation keeps the flow version it started with, and agent replies go through a
 * workflow of their own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { agentReplyWorkflow } from '../../workflows';
import {
  conversationStateQuery,
  customerMessageSignal,
  MAX_HISTORY_EVENTS_PER_RUN,
} from '../../workflows/definitions';
import { flow } from '../support/flow-builder';
import { echoLoop } from '../support/loop-flows';
import {
  randomPhone,
  startFullStack,
  waitFor,
  type FullStack,
  type SeededAccount,
} from '../support/full-stack';

const hour = 60 * 60 * 1000;

/** Collects every answer into `history` until the customer writes "done". */
function collectingFlow() {
  return flow()
    .start()
    .then('question', { variable: 'last', validation: 'text', timeoutMinutes: 24 * 60 }, { as: 'ask' })
    .then('condition', { rules: [{ variable: 'last', operator: 'equals', value: 'done' }] }, { as: 'check' })
    .then('message', { text: 'Got{{history}} from {{name}}' })
    .then('end', {})
    .at('check', 'else')
    .then('set_variable', { assignments: [{ variable: 'history', value: '{{history}} {{last}}' }] })
    .to('ask')
    .at('ask', 'timeout')
    .then('end', { outcome: 'failed', reason: 'silent' })
    .build();
}

/** Every run id of a workflow, first to last, following each run's continued-as-new event. */
/** Waits until the run has no activity pending and its history stopped growing. */
async function waitForIdleRun(handle: WorkflowHandle): Promise<void> {
  let last = -1;
  await waitFor(
    async () => {
      const { historyLength, raw } = await handle.describe();
      const idle = historyLength === last && (raw.pendingActivities?.length ?? 0) === 0;
      last = historyLength;
      return idle;
    },
    10_000,
    'an idle run',
  );
}

async function followRunChain(stack: FullStack, workflowId: string, firstRunId: string): Promise<string[]> {
  const runIds = [firstRunId];
  for (;;) {
    const history = await stack.client.workflow.getHandle(workflowId, runIds.at(-1)).fetchHistory();
    const next = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
    if (!next) return runIds;
    runIds.push(next);
  }
}

describe('durable conversation runs', () => {
  let stack: FullStack;
  let account: SeededAccount;

  before(async () => {
    stack = await startFullStack({ timeSkipping: false });
    account = await stack.seedAccount();
  });
  after(() => stack?.stop());

  it('continues-as-new, keeps its variables and seen ids, and loses no message sent during the switch', async () => {
    const run = await stack.startConversation({
      account,
      drawflowData: collectingFlow(),
      variables: { name: 'Ada', history: '' },
      trigger: { source: 'lead' },
      continueAsNewAfterEvents: 3,
    });
    const messages = Array.from({ length: 10 }, (_, i) => stack.customerMessage(String(i + 1)));
    const historyLength = async () =>
      String((await run.handle.query(conversationStateQuery)).variables.history).split(' ').length - 1;
    // Two batches sent back to back, without waiting: messages arrive while a run hands over to the next.
    for (const message of messages.slice(0, 5)) await run.handle.signal(customerMessageSignal, message);
    await waitFor(async () => (await historyLength()) === 5, 10_000, 'the first five answers');
    // Once idle after a batch past the threshold, the run must hand over to a new one; waiting for
    // that keeps the test independent of how the batch happened to be split into workflow tasks.
    await waitFor(
      async () => (await run.handle.describe()).runId !== run.handle.firstExecutionRunId,
      10_000,
      'a continue-as-new after the first batch',
    );
    for (const message of messages.slice(5)) await run.handle.signal(customerMessageSignal, message);
    await waitFor(async () => (await historyLength()) === 10, 10_000, 'all ten answers');
    // Redeliveries of early messages after continue-as-new: the carried seen ids must catch them.
    for (const message of messages.slice(0, 3)) await run.handle.signal(customerMessageSignal, message);
    await run.handle.signal(customerMessageSignal, stack.customerMessage('done'));
    const result = await run.handle.result();

    assert.equal(result.status, 'completed');
    assert.equal(result.variables.history, ' 1 2 3 4 5 6 7 8 9 10');
    assert.equal(result.variables.name, 'Ada');
    const texts = stack.messagesTo(run.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.deepEqual(texts, ['Got 1 2 3 4 5 6 7 8 9 10 from Ada']);

    const runIds = await followRunChain(stack, run.workflowId, run.handle.firstExecutionRunId);
    // Each batch is followed by a switch; signals racing a switch make Temporal reject it and the run
    // handles them first, so how many runs there are depends on timing — but never fewer than two.
    assert.ok(runIds.length >= 2, `expected the run to continue-as-new, got ${runIds.length} run(s)`);
    const latest = await stack.client.workflow.getHandle(run.workflowId).describe();
    assert.equal(latest.runId, runIds.at(-1));
    assert.deepEqual(latest.searchAttributes.FlowId, [run.input.flowId], 'search attributes carried over');
    const [row]: { runId: string; status: string }[] = await stack.dataSource.query(
      `SELECT "runId", status FROM conversations WHERE id = $1`,
      [run.conversationId],
    );
    assert.equal(row.runId, latest.runId, 'the row names the latest run');
    assert.equal(row.status, 'completed');
  });

  it(`continues-as-new once its history passes ${MAX_HISTORY_EVENTS_PER_RUN} events, so a cold replay stays bounded`, async () => {
    const echo = echoLoop().build();
    const run = await stack.startConversation({ account, drawflowData: echo, trigger: { source: 'lead' } });
    const firstRunId = run.handle.firstExecutionRunId;
    let answers = 0;
    // One answer at a time, each sent once the run is idle again (a run only switches between
    // events, with nothing queued), until the run hands over to a new one.
    while ((await run.handle.describe()).runId === firstRunId) {
      assert.ok(answers < 200, 'the run never continued-as-new');
      answers += 1;
      await run.handle.signal(customerMessageSignal, stack.customerMessage(`a${answers}`));
      await waitFor(
        async () => stack.messagesTo(run.customerPhone).length === answers,
        10_000,
        `echo ${answers}`,
      );
      await waitForIdleRun(run.handle);
    }
    const firstHistory = await stack.client.workflow.getHandle(run.workflowId, firstRunId).fetchHistory();
    const events = firstHistory.events?.length ?? 0;
    assert.ok(
      events >= MAX_HISTORY_EVENTS_PER_RUN && events < MAX_HISTORY_EVENTS_PER_RUN + 100,
      `the first run ended at ${events} events`,
    );
    // The new run carries on the conversation.
    await run.handle.signal(customerMessageSignal, stack.customerMessage('after the switch'));
    await waitFor(
      async () => stack.messagesTo(run.customerPhone).length === answers + 1,
      10_000,
      'an echo from the new run',
    );
    const texts = stack.messagesTo(run.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.equal(texts.at(-1), 'You said after the switch');
  });

  it('keeps running the flow version it started with when the flow is edited', async () => {
    const original = flow()
      .start()
      .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 60 })
      .then('message', { text: 'Version one says: {{answer}}' })
      .then('end', {})
      .build();
    const flowId = await stack.seedFlow(account, original);
    const run = await stack.startConversation({ account, flowId, trigger: { source: 'lead' } });
    await waitFor(
      async () => (await run.handle.query(conversationStateQuery)).waitingFor === 'customer_reply',
      10_000,
      'the question',
    );

    const edited = flow()
      .start()
      .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 60 })
      .then('message', { text: 'Version two says: {{answer}}' })
      .then('end', {})
      .build();
    await stack.dataSource.query(
      `UPDATE flows SET "drawflowData" = $2::jsonb, version = version + 1 WHERE id = $1`,
      [flowId, JSON.stringify(edited)],
    );
    await run.handle.signal(customerMessageSignal, stack.customerMessage('hello'));
    await run.handle.result();
    const texts = stack.messagesTo(run.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.deepEqual(texts, ['Version one says: hello']);

    const next = await stack.startConversation({ account, flowId, trigger: { source: 'lead' } });
    await next.handle.signal(customerMessageSignal, stack.customerMessage('again'));
    await next.handle.result();
    const nextTexts = stack.messagesTo(next.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.deepEqual(nextTexts, ['Version two says: again'], 'a new conversation gets the edited flow');
  });

  describe('agentReplyWorkflow', () => {
    /** A conversation row (no run needed) whose customer last wrote `agoMs` ago. */
    const conversationWithLastMessage = async (agoMs: number) => {
      const customerPhone = randomPhone();
      const [{ id }]: { id: string }[] = await stack.dataSource.query(
        `INSERT INTO conversations ("userId", "whatsappAccountId", "customerPhone", "triggerSource", "lastCustomerMessageAt")
         VALUES ($1, $2, $3, 'inbound', $4) RETURNING id`,
        [account.userId, account.whatsappAccountId, customerPhone, new Date(Date.now() - agoMs)],
      );
      return { conversationId: id as string, customerPhone };
    };

    const sendAgentReply = (conversationId: string, body: string) =>
      stack.client.workflow.execute<typeof agentReplyWorkflow>('agentReplyWorkflow', {
        taskQueue: stack.taskQueue,
        workflowId: `agent-reply-${conversationId}-${Date.now()}`,
        args: [{ conversationId, message: { kind: 'text', body } }],
      });

    it('sends inside the window and returns the wamid', async () => {
      const { conversationId, customerPhone } = await conversationWithLastMessage(hour);
      const { waMessageId } = await sendAgentReply(conversationId, 'Hello from a human');
      const sent = stack.graph.sentMessages().filter((m) => m.to === customerPhone.slice(1));
      assert.deepEqual(
        sent.map((m) => [m.waMessageId, (m.body.text as { body: string }).body]),
        [[waMessageId, 'Hello from a human']],
      );
    });

    it('fails with WhatsAppWindowClosed outside the window and sends nothing', async () => {
      const { conversationId, customerPhone } = await conversationWithLastMessage(25 * hour);
      await assert.rejects(sendAgentReply(conversationId, 'Too late'), (error: unknown) => {
        assert.ok(error instanceof WorkflowFailedError);
        assert.ok(error.cause instanceof ApplicationFailure);
        assert.equal(error.cause.type, 'WhatsAppWindowClosed');
        return true;
      });
      assert.equal(stack.messagesTo(customerPhone).length, 0);
    });
  });
});
