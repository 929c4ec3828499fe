/**
 * One engine step, one activity: a reply that makes the flow answer "message, then question" costs
 * one `performStep` (both sends and the conversations-row change) on the real Temporal dev server,
 * and a retried step never sends a message twice. The fake Graph API counts what the customer got.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { customerMessageSignal } from '../../workflows/definitions';
import { graphErrors } from '../support/fake-graph-api';
import { flow } from '../support/flow-builder';
import {
  startFullStack,
  waitFor,
  type FullStack,
  type SeededAccount,
  type StartedRun,
} from '../support/full-stack';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** Ask the name (node 2), thank (node 3), ask the colour (node 4), end. */
const nameThenColour = () =>
  flow()
    .start()
    .then('question', { prompt: 'Your name?', variable: 'name', validation: 'text' })
    .then('message', { text: 'Thanks {{name}}' })
    .then('question', { prompt: 'Your colour?', variable: 'colour', validation: 'text' })
    .then('end', {})
    .build();

describe('one activity per engine step', () => {
  let stack: FullStack;
  let account: SeededAccount;

  before(async () => {
    stack = await startFullStack({ timeSkipping: false });
    account = await stack.seedAccount();
  });
  after(() => stack?.stop());

  /** Starts the flow (the customer wrote first) and waits until it asked for the name. */
  const startAsked = async (): Promise<StartedRun> => {
    const run = await stack.startConversation({
      account,
      drawflowData: nameThenColour(),
      trigger: { source: 'inbound', firstMessage: stack.customerMessage('hello') },
    });
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 1, 20_000, 'the first question');
    await waitFor(() => timerArmed(run, 1), 20_000, 'the wait for the name');
    return run;
  };

  /** The history from the customer's reply (the first signal) on. */
  const eventsAfterReply = async (run: StartedRun): Promise<HistoryEvent[]> => {
    const events = (await run.handle.fetchHistory()).events ?? [];
    return events.slice(events.findIndex((event) => event.workflowExecutionSignaledEventAttributes));
  };

  const timerArmed = async (run: StartedRun, count: number) =>
    ((await run.handle.fetchHistory()).events ?? []).filter((event) => event.timerStartedEventAttributes)
      .length === count;

  const texts = (run: StartedRun) =>
    stack.messagesTo(run.customerPhone).map((message) => (message.body.text as { body: string }).body);

  it(
    'answers "message, then question" with one activity and two workflow tasks',
    { timeout: 60_000 },
    async () => {
      const run = await startAsked();
      await run.handle.signal(customerMessageSignal, stack.customerMessage('Ada'));
      await waitFor(() => timerArmed(run, 2), 20_000, 'the wait for the colour');

      assert.deepEqual(texts(run), ['Your name?', 'Thanks Ada', 'Your colour?']);
      const events = await eventsAfterReply(run);
      const scheduled = events.filter((event) => event.activityTaskScheduledEventAttributes);
      assert.deepEqual(
        scheduled.map((event) => event.activityTaskScheduledEventAttributes?.activityType?.name),
        ['performStep'],
      );
      assert.equal(
        summaryOf(scheduled[0]),
        'send text (node 3), send text (node 4); record conversation change: at node 4, variables, last customer message',
      );
      assert.equal(events.filter((event) => event.workflowTaskCompletedEventAttributes).length, 2);
      const [row]: { currentNodeId: string; variables: Record<string, unknown>; lastMessage: string }[] =
        await stack.dataSource.query(
          `SELECT "currentNodeId", variables, "lastMessage" FROM conversations WHERE id = $1`,
          [run.conversationId],
        );
      assert.deepEqual(
        [row.currentNodeId, row.variables.name, row.lastMessage],
        ['4', 'Ada', 'Your colour?'],
      );
    },
  );

  it(
    'retries a step whose second send was throttled without sending the first again',
    { timeout: 90_000 },
    async () => {
      const run = await startAsked();
      const requestsBefore = stack.graph.requests.length;
      // Answers are slowed so the throttle can be armed between the step's first and second request.
      stack.graph.setLatency(500);
      try {
        await run.handle.signal(customerMessageSignal, stack.customerMessage('Ada'));
        await waitFor(() => stack.graph.requests.length > requestsBefore, 20_000, "the step's first send");
        stack.graph.failNext(1, graphErrors.throughput);
        await waitFor(() => timerArmed(run, 2), 30_000, 'the wait for the colour');
      } finally {
        stack.graph.setLatency(0);
        stack.graph.clearFailures();
      }

      assert.deepEqual(texts(run), ['Your name?', 'Thanks Ada', 'Your colour?']);
      assert.deepEqual(
        stack.graph.requests.slice(requestsBefore).map((request) => request.status),
        [200, 400, 200],
        'first send, throttled second send, its retry — and no second request for the first',
      );
      const events = await eventsAfterReply(run);
      assert.equal(events.filter((event) => event.activityTaskScheduledEventAttributes).length, 1);
      assert.equal(
        events.find((event) => event.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes
          ?.attempt,
        2,
      );
      const rows: { status: string; sendKey: string }[] = await stack.dataSource.query(
        `SELECT status, "sendKey" FROM messages WHERE "conversationId" = $1 ORDER BY "createdAt"`,
        [run.conversationId],
      );
      assert.deepEqual(
        rows.map((row) => row.status),
        ['sent', 'sent', 'sent'],
      );
      assert.match(rows[1].sendKey, /\/0$/);
      assert.match(rows[2].sendKey, /\/1$/);
    },
  );

  it(
    'records a send Graph refuses for good as failed and still sends the rest of the step',
    { timeout: 60_000 },
    async () => {
      const run = await startAsked();
      stack.graph.failNext(1, graphErrors.invalidParameter);
      await run.handle.signal(customerMessageSignal, stack.customerMessage('Ada'));
      await waitFor(() => timerArmed(run, 2), 20_000, 'the wait for the colour');

      assert.deepEqual(texts(run), ['Your name?', 'Your colour?']);
      const rows: { status: string; errorCode: string | null }[] = await stack.dataSource.query(
        `SELECT status, "errorCode" FROM messages WHERE "conversationId" = $1 ORDER BY "createdAt"`,
        [run.conversationId],
      );
      assert.deepEqual(
        rows.map((row) => [row.status, row.errorCode]),
        [
          ['sent', null],
          ['failed', '131009'],
          ['sent', null],
        ],
      );
      const events = await eventsAfterReply(run);
      assert.equal(events.filter((event) => event.activityTaskScheduledEventAttributes).length, 1);
    },
  );
});

/** A history event's summary as the Web UI decodes it. */
function summaryOf(event: HistoryEvent): string | undefined {
  const payload = event.userMetadata?.summary;
  return payload ? defaultPayloadConverter.fromPayload<string>(payload) : undefined;
}
