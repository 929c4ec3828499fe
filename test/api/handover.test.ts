/**
 * `POST /api/conversations/{id}/takeover` and `/release` through real HTTP on the real stack: an
 * agent takes a running conversation over (status handoff; the customer's answer waits for the
 * agent instead of answering the flow's question), hands it back (status active; the question
 * waits afresh and the next answer goes on through the flow); tenancy, ended conversations and
 * conversations without a run.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { buildOutboundFlow, startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone, seedConversation } from './conversation-fixtures';

let s: ApiStack;
let owner: Caller;
let stranger: Caller;
let flowId: string;
let groupId: string;

before(async () => {
  s = await startApiStack();
  owner = await s.seedCaller();
  stranger = await s.seedCaller();
  ({ flowId } = await s.seedFlow(owner, buildOutboundFlow()));
  groupId = await s.seedTemplateGroup(owner, [{ name: 'order_update', language: 'en', bodyParamCount: 1 }]);
});

after(() => s?.stop());

/** Starts the outbound flow for a new customer; resolves once its opening template was sent. */
async function startRunningConversation(): Promise<{ id: string; phone: string }> {
  const phone = randomPhone();
  const started = await s.request('POST', '/api/webhook/outbound', {
    token: owner.apiToken,
    body: { phone, flowId, templateGroupId: groupId, data: { customerName: 'Ada', templateParams: ['1'] } },
  });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  await waitFor(() => s.stack.messagesTo(phone).length === 1, 15_000, 'the opening template');
  return { id: started.body.conversationId, phone };
}

const handover = (id: string, action: 'takeover' | 'release', token = owner.sessionToken) =>
  s.request('POST', `/api/conversations/${id}/${action}`, { token });

async function statusOf(id: string): Promise<string> {
  return (await s.request('GET', `/api/conversations/${id}`, { token: owner.apiToken })).body.status;
}

function customerWrites(phone: string, text: string) {
  return s.postWhatsAppWebhook(
    buildTextMessageWebhook({ phoneNumberId: owner.phoneNumberId, from: phone.slice(1), text }),
  );
}

describe('take over and release', () => {
  test('the agent takes over (handoff, the answer waits), releases (active), and the flow answers the next message', async () => {
    const { id, phone } = await startRunningConversation();
    const taken = await handover(id, 'takeover');
    assert.equal(taken.status, 202, JSON.stringify(taken.body));
    assert.deepEqual(taken.body, { success: true, conversationId: id, action: 'takeover' });
    await waitFor(async () => (await statusOf(id)) === 'handoff', 15_000, 'status handoff');

    // With the agent in charge, the customer's answer does not answer the flow's question.
    assert.equal((await customerWrites(phone, 'for the agent')).status, 200);
    await waitFor(
      async () =>
        (await s.request('GET', `/api/conversations/${id}/messages`, { token: owner.apiToken })).body
          .length === 2,
      10_000,
      'the inbound message stored',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(s.stack.messagesTo(phone).length, 1, 'the flow sent nothing while the agent had it');

    const released = await handover(id, 'release', owner.apiToken);
    assert.equal(released.status, 202, JSON.stringify(released.body));
    assert.deepEqual(released.body, { success: true, conversationId: id, action: 'release' });
    await waitFor(async () => (await statusOf(id)) === 'active', 15_000, 'status active again');

    // The question waits afresh: the next answer goes on through the flow.
    assert.equal((await customerWrites(phone, 'blue')).status, 200);
    const thanks = await waitFor(() => s.stack.messagesTo(phone)[1], 15_000, 'the flow’s thank-you');
    assert.deepEqual(thanks.body.text, { body: 'Thanks Ada, you said blue', preview_url: false });
    await waitFor(async () => (await statusOf(id)) === 'completed', 15_000, 'the end');
  });

  test('another user’s conversation, or an id that is not one, is 404; nothing is signalled', async () => {
    const { id } = await startRunningConversation();
    for (const action of ['takeover', 'release'] as const) {
      const foreign = await handover(id, action, stranger.sessionToken);
      assert.equal(foreign.status, 404);
      assert.deepEqual(foreign.body, { error: 'Conversation not found' });
      assert.equal((await handover('not-a-uuid', action)).status, 404);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await statusOf(id), 'active');
  });

  test('an ended conversation, or one without a run, is 409 with {"error"}', async () => {
    const ended = await seedConversation(s.stack.dataSource, owner, { status: 'completed' });
    const withoutRun = await seedConversation(s.stack.dataSource, owner, { status: 'handoff' });
    for (const action of ['takeover', 'release'] as const) {
      for (const id of [ended, withoutRun]) {
        const refused = await handover(id, action);
        assert.equal(refused.status, 409, JSON.stringify(refused.body));
        assert.equal(typeof refused.body.error, 'string');
        assert.deepEqual(Object.keys(refused.body), ['error']);
      }
    }
  });

  test('without credentials: 401', async () => {
    const { status } = await s.request('POST', `/api/conversations/${crypto.randomUUID()}/takeover`);
    assert.equal(status, 401);
  });
});
