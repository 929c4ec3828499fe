/**
 * Bursts on the real stack (issue 17): a customer who answers in three quick WhatsApp messages gets
 * one answer. Lead trigger and webhooks through the HTTP API, the run on the Temporal dev server in
 * real time, sends to the fake Graph API and the LLM call to the fake OpenAI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/full-stack';
import { flow } from '../support/flow-builder';
import { buildTextMessageWebhook } from '../support/whatsapp-webhook-payloads';
import { startApiStack, type ApiStack, type Caller } from './api-stack';
import { randomPhone } from './conversation-fixtures';

/** Wide enough that three webhooks posted back to back on a loaded machine fall within it. */
const GAP_MS = 5_000;

let s: ApiStack;
let tenant: Caller;

before(async () => {
  s = await startApiStack();
  tenant = await s.seedCaller();
});

after(() => s?.stop());

/** start (merging bursts) → template → question (no prompt) → `answer` → back to the question. */
function burstFlow(answer: (builder: ReturnType<typeof flow>) => ReturnType<typeof flow>) {
  const opened = flow()
    .add('start', { mergeMessagesWithinMs: GAP_MS })
    .then('template', { name: 'lead_welcome', language: 'en', bodyParams: ['{{name}}'] })
    .then('question', { variable: 'answer', validation: 'text' }, { as: 'ask' });
  return answer(opened).to('ask').build();
}

/** Starts a lead run of `drawflowData` and waits for its opening template; the customer's phone. */
async function startLead(drawflowData: unknown): Promise<string> {
  const { flowId } = await s.seedFlow(tenant, drawflowData);
  const phone = randomPhone();
  const lead = await s.request('POST', `/api/webhook/flow/${flowId}/lead`, {
    body: { phone, name: 'Dana' },
    token: tenant.apiToken,
  });
  assert.equal(lead.status, 200, JSON.stringify(lead.body));
  await waitFor(() => s.stack.messagesTo(phone).length === 1, 10_000, 'the lead template');
  return phone;
}

/** The customer sends each text as its own WhatsApp message, back to back. */
async function customerWrites(phone: string, texts: string[]): Promise<void> {
  for (const text of texts) {
    const webhook = buildTextMessageWebhook({
      phoneNumberId: tenant.phoneNumberId,
      from: phone.slice(1),
      text,
    });
    assert.equal((await s.postWhatsAppWebhook(webhook)).status, 200);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe('three messages in a burst get one answer', () => {
  test('a question answered in three messages sends one reply with the joined text', async () => {
    const phone = await startLead(burstFlow((ask) => ask.then('message', { text: 'Got: {{answer}}' })));
    await customerWrites(phone, ['hi', 'I would like', 'a pizza']);
    const answer = await waitFor(() => s.stack.messagesTo(phone)[1], GAP_MS + 15_000, 'the answer');
    assert.deepEqual(answer.body.text, { body: 'Got: hi\nI would like\na pizza', preview_url: false });
    await settle();
    assert.equal(s.stack.messagesTo(phone).length, 2, 'the template and one answer, not three');
  });

  test('an ai_reply after the question makes one LLM request with the joined text and sends one reply', async () => {
    s.stack.openai.reset();
    s.stack.openai.setDefault('One margherita coming up.');
    const phone = await startLead(
      burstFlow((ask) => ask.then('ai_reply', { systemPrompt: 'Take the order.' })),
    );
    await customerWrites(phone, ['hi', 'I would like', 'a pizza']);
    const answer = await waitFor(() => s.stack.messagesTo(phone)[1], GAP_MS + 15_000, 'the AI answer');
    assert.deepEqual(answer.body.text, { body: 'One margherita coming up.', preview_url: false });
    await settle();
    assert.equal(s.stack.messagesTo(phone).length, 2, 'the template and one answer, not three');
    assert.equal(s.stack.openai.requests.length, 1, 'one LLM request');
    const users = s.stack.openai.requests[0].body.messages.filter((message) => message.role === 'user');
    assert.deepEqual(
      users.map((message) => message.content),
      ['hi\nI would like\na pizza'],
    );
  });
});
