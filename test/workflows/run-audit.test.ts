/**
 * A conversation's run as the Temporal Web UI shows it, on the real dev server: every activity and
 * timer of its history carries a summary that reads as the flow and carries no PII, and the run is
 * found by the search attributes README's "Audit a run in the Temporal Web UI" names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter } from '@temporalio/common';
import { customerMessageSignal, searchAttributeNames } from '../../workflows/definitions';
import { startFakeHttpServer, sendJson, type FakeHttpServer } from '../support/fake-http-server';
import { flow } from '../support/flow-builder';
import {
  hashCustomerPhone,
  startFullStack,
  waitFor,
  type FullStack,
  type SeededAccount,
} from '../support/full-stack';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** A history event's summary as the UI decodes it: a JSON string payload. */
function summaryOf(event: HistoryEvent): string | undefined {
  const payload = event.userMetadata?.summary;
  return payload ? defaultPayloadConverter.fromPayload<string>(payload) : undefined;
}

describe('a conversation run in the Temporal Web UI', () => {
  let stack: FullStack;
  let account: SeededAccount;
  let crm: FakeHttpServer;

  before(async () => {
    [stack, crm] = await Promise.all([
      startFullStack({ timeSkipping: false }),
      startFakeHttpServer((_req, res) => sendJson(res, 200, { tier: 'gold' })),
    ]);
    account = await stack.seedAccount();
  });
  after(() => Promise.all([stack?.stop(), crm?.stop()]));

  it('summarises each activity and timer without PII, and is found by its search attributes', async () => {
    const answer = 'blue, call me at home';
    const drawflowData = flow()
      .start()
      .then('template', { name: 'hello_world', language: 'en_US', bodyParams: ['{{name}}'] })
      .then('question', { variable: 'answer', validation: 'text', timeoutMinutes: 60 })
      .then('http_request', { method: 'GET', url: `${crm.origin}/customers/{{phone}}?colour={{answer}}` })
      .then('delay', { amount: 1, unit: 'seconds' })
      .then('message', { text: 'Thanks {{name}}, {{answer}} it is.' })
      .then('end', {})
      .build();
    const flowId = await stack.seedFlow(account, drawflowData, { name: 'Colour survey' });
    const customerPhone = '+4915112345678';
    const run = await stack.startConversation({
      account,
      flowId,
      customerPhone,
      variables: { name: 'Ada', phone: customerPhone },
      trigger: { source: 'lead' },
    });
    // Answer once the reply timer is armed: an earlier answer would be handled without a wait.
    await waitFor(
      async () =>
        (await run.handle.fetchHistory()).events?.some((event) => event.timerStartedEventAttributes),
      10_000,
      'the reply timer',
    );
    await run.handle.signal(customerMessageSignal, stack.customerMessage(answer));
    assert.equal((await run.handle.result()).status, 'completed');
    // The run did handle the customer's data, so its absence from the summaries below means something.
    const sent = stack.messagesTo(customerPhone);
    assert.deepEqual(
      sent.map((message) => message.type),
      ['template', 'text'],
    );
    assert.equal((sent[1].body.text as { body: string }).body, `Thanks Ada, ${answer} it is.`);

    const events = (await run.handle.fetchHistory()).events ?? [];
    const summaries = (type: 'activityTaskScheduledEventAttributes' | 'timerStartedEventAttributes') =>
      events.filter((event) => event[type]).map(summaryOf);
    const host = new URL(crm.origin).host;
    assert.deepEqual(summaries('activityTaskScheduledEventAttributes'), [
      'send template hello_world (node 2); record conversation change: run id, status active, at node 3, variables',
      `http_request GET ${host} (node 4)`,
      'record conversation change: at node 4, variables, last customer message',
      'record conversation change: at node 5',
      'send text (node 6); record conversation change: status completed, at node 7, ended',
    ]);
    assert.deepEqual(summaries('timerStartedEventAttributes'), [
      "wait for the customer's reply to node 3 (at most 60 min)",
      'delay node 5: 1 s',
    ]);

    const description = await run.handle.describe();
    const everything = [
      ...events.map(summaryOf).filter((summary) => summary !== undefined),
      await description.staticSummary(),
      await description.staticDetails(),
    ].join('\n');
    assert.match(everything, /Flow "Colour survey" for lead/);
    for (const secret of [customerPhone, customerPhone.slice(1), answer, 'Ada'])
      assert.ok(!everything.includes(secret), `a summary shows ${JSON.stringify(secret)}`);

    // Visibility is eventually consistent: a fresh run shows up in list queries after a moment.
    const queries = [
      `${searchAttributeNames.flowId} = "${flowId}"`,
      `${searchAttributeNames.conversationId} = "${run.conversationId}"`,
      `${searchAttributeNames.phoneHash} = "${hashCustomerPhone(customerPhone)}"`,
    ];
    for (const query of queries) {
      const found = await waitFor(
        async () => {
          const runIds: string[] = [];
          for await (const execution of stack.client.workflow.list({ query })) runIds.push(execution.runId);
          return runIds.includes(run.handle.firstExecutionRunId) && runIds;
        },
        10_000,
        `the run in the list for ${query}`,
      );
      assert.deepEqual(found, [run.handle.firstExecutionRunId], query);
    }
  });
});
