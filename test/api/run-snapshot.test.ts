/**
 * What a run receives: the API compiles the flow once and starts the run with the compact snapshot
 * (checked data, ports resolved to node ids), not the editor's Drawflow document; runs started before
 * that (their input holds the document) still run to the end.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { defaultPayloadConverter } from '@temporalio/common';
import { flow } from '../support/flow-builder';
import { waitFor } from '../support/full-stack';
import { buildOutboundFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
});

after(() => s?.stop());

test(
  'an outbound trigger starts the run with the compiled flow, not the Drawflow document',
  { timeout: 60_000 },
  async () => {
    const { flowId } = await s.seedFlow(owner, buildOutboundFlow());
    const groupId = await s.seedTemplateGroup(owner, [
      { name: 'order_update', language: 'en', bodyParamCount: 1 },
    ]);
    const phone = randomPhone();
    const response = await s.request('POST', '/api/webhook/outbound', {
      body: { phone, flowId, templateGroupId: groupId, data: { templateParams: ['A-1'] } },
      token: owner.apiToken,
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    await waitFor(() => s.stack.messagesTo(phone)[0], 10_000, 'the opening template');

    const [row]: { workflowId: string }[] = await s.stack.dataSource.query(
      `SELECT "workflowId" FROM conversations WHERE id = $1`,
      [response.body.conversationId],
    );
    const history = await s.stack.client.workflow.getHandle(row.workflowId).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const [input] = (started?.input?.payloads ?? []).map((payload) =>
      defaultPayloadConverter.fromPayload(payload),
    );
    const { drawflowData, flow: snapshot } = input as { drawflowData?: unknown; flow?: unknown };
    assert.equal(drawflowData, undefined, 'no Drawflow document in the input');
    assert.deepEqual(snapshot, {
      startNodeId: '1',
      // Written explicitly by compileFlow, so "off" in the snapshot is a choice, not an old run.
      mergeMessagesWithinMs: 0,
      nodes: {
        '1': { id: '1', type: 'start', data: {}, next: ['2'] },
        '2': {
          id: '2',
          type: 'question',
          data: { variable: 'answer', validation: 'text', timeoutMinutes: 1440 },
          next: ['3', null, null],
        },
        '3': {
          id: '3',
          type: 'message',
          data: { text: 'Thanks {{customerName}}, you said {{answer}}' },
          next: ['4', null],
        },
        '4': { id: '4', type: 'end', data: {}, next: [] },
      },
    });
  },
);

test(
  'a run started with the Drawflow document in its input (before compiled flows) still runs',
  { timeout: 60_000 },
  async () => {
    const account = await s.stack.seedAccount();
    const run = await s.stack.startConversation({
      account,
      drawflowData: flow().start().then('message', { text: 'Hello from before' }).then('end', {}).build(),
      trigger: { source: 'inbound', firstMessage: s.stack.customerMessage('hi') },
      legacyInput: true,
    });
    assert.equal((await run.handle.result()).status, 'completed');
    assert.deepEqual(
      s.stack.messagesTo(run.customerPhone).map((message) => message.body.text),
      [{ body: 'Hello from before', preview_url: false }],
    );
  },
);
