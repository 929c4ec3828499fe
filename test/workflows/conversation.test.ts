/**
 * conversationWorkflow end to end: the real worker and activities, the Temporal test server with time
 * skipping, a real PostgreSQL, and the fake Graph API / OpenAI on loopback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  agentReleaseSignal,
  conversationStateQuery,
  customerMessageSignal,
  stopConversationSignal,
} from '../../workflows/definitions';
import { flow } from '../support/flow-builder';
import { startFullStack, waitFor, type FullStack, type SeededAccount } from '../support/full-stack';

const minute = 60_000;
const hour = 60 * minute;

const openingTemplate = { name: 'welcome_offer', language: 'en_US', bodyParams: ['Ada'] };

/** template opening → question → reply → condition → ai_reply → handoff → release → end */
function salesFlow() {
  return flow()
    .start()
    .then(
      'question',
      { variable: 'interest', validation: 'choice', choices: ['yes', 'no'], timeoutMinutes: 60 },
      {
        as: 'ask',
      },
    )
    .then(
      'condition',
      { rules: [{ variable: 'interest', operator: 'equals', value: 'yes' }] },
      { as: 'check' },
    )
    .then('ai_reply', { systemPrompt: 'You sell shoes to {{name}}.' }, { as: 'ai' })
    .then('handoff', { message: 'An agent will answer shortly.', timeoutMinutes: 120 }, { as: 'agent' })
    .then('message', { text: 'Thanks {{name}}, goodbye!' })
    .then('end', {})
    .at('check', 'else')
    .then('message', { text: 'Maybe next time.' })
    .then('end', { outcome: 'failed', reason: 'not_interested' })
    .at('ask', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_answer' })
    .at('ask', 'invalid')
    .to('agent')
    .at('ai', 'failure')
    .to('agent')
    .at('agent', 'timeout')
    .then('end', { outcome: 'failed', reason: 'agent_timeout' })
    .build();
}

describe('conversationWorkflow', () => {
  let stack: FullStack;
  let account: SeededAccount;

  before(async () => {
    stack = await startFullStack();
    account = await stack.seedAccount();
  });
  after(() => stack?.stop());

  it('runs template → question → reply → condition → ai_reply → handoff → release → end, each message once', async () => {
    stack.openai.enqueue('We have great running shoes for you, Ada.');
    const run = await stack.startConversation({
      account,
      drawflowData: salesFlow(),
      variables: { name: 'Ada' },
      trigger: { source: 'outbound', templateGroupId: 'group-1', openingTemplate },
    });
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 1, 10_000, 'the opening template');
    const opening = await run.handle.query(conversationStateQuery);
    assert.equal(opening.waitingFor, 'customer_reply');
    assert.equal(opening.windowClosesAt, null, 'an outbound run starts with the window closed');

    const reply = stack.customerMessage('yes');
    await run.handle.signal(customerMessageSignal, reply);
    await waitFor(
      async () => (await run.handle.query(conversationStateQuery)).status === 'handoff',
      10_000,
      'the handoff',
    );
    const inHandoff = await run.handle.query(conversationStateQuery);
    assert.equal(inHandoff.variables.interest, 'yes');
    assert.ok(inHandoff.windowClosesAt !== null, 'the reply opened the window');
    await run.handle.signal(agentReleaseSignal);
    const result = await run.handle.result();

    assert.equal(result.status, 'completed');
    assert.deepEqual(
      stack.messagesTo(run.customerPhone).map((message) => message.type),
      ['template', 'text', 'text', 'text'],
    );
    const bodies = stack.messagesTo(run.customerPhone).map((message) => message.body);
    assert.equal((bodies[0].template as { name: string }).name, 'welcome_offer');
    assert.deepEqual(
      bodies.slice(1).map((body) => (body.text as { body: string }).body),
      ['We have great running shoes for you, Ada.', 'An agent will answer shortly.', 'Thanks Ada, goodbye!'],
    );
    assert.equal(stack.graph.findDuplicateSends().length, 0);
    assert.equal(stack.openai.requests.length, 1);
    const userTurns = stack.openai.requests[0].body.messages.filter((message) => message.role === 'user');
    assert.ok(
      userTurns.some((turn) => turn.content === 'yes'),
      'the LLM saw the customer reply',
    );

    const [row]: {
      status: string;
      endedAt: Date | null;
      variables: Record<string, unknown>;
      runId: string;
    }[] = await stack.dataSource.query(
      `SELECT status, "endedAt", variables, "runId" FROM conversations WHERE id = $1`,
      [run.conversationId],
    );
    assert.equal(row.status, 'completed');
    assert.ok(row.endedAt instanceof Date);
    assert.equal(row.variables.interest, 'yes');
    assert.ok(row.runId);
  });

  it('takes the timeout branch when the customer does not answer in time', async () => {
    const run = await stack.startConversation({
      account,
      drawflowData: salesFlow(),
      variables: { name: 'Ben' },
      trigger: { source: 'outbound', templateGroupId: 'group-1', openingTemplate },
    });
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 1, 10_000, 'the opening template');
    await stack.env.sleep(61 * minute);
    const result = await run.handle.result();
    assert.deepEqual(result, {
      status: 'failed',
      reason: 'no_answer',
      variables: { name: 'Ben' },
      lastNodeId: result.lastNodeId,
    });
    assert.equal(stack.messagesTo(run.customerPhone).length, 1);
  });

  it('caps a reply wait at the 24-hour window and answers a reply after it with a template first', async () => {
    const drawflowData = flow()
      .start()
      .then(
        'question',
        { prompt: 'What is your name?', variable: 'name', validation: 'text', timeoutMinutes: 48 * 60 },
        {
          as: 'ask',
        },
      )
      .then('message', { text: 'Nice to meet you, {{name}}.' })
      .then('end', {})
      .at('ask', 'timeout')
      .then('template', { name: 'still_there', language: 'en_US', bodyParams: [] })
      .then(
        'question',
        { variable: 'name', validation: 'text', timeoutMinutes: 7 * 24 * 60 },
        { as: 'again' },
      )
      .then('message', { text: 'Welcome back, {{name}}.' })
      .then('end', {})
      .at('again', 'timeout')
      .then('end', { outcome: 'failed', reason: 'silent' })
      .build();
    const first = stack.customerMessage('hi');
    const run = await stack.startConversation({
      account,
      drawflowData,
      trigger: { source: 'inbound', firstMessage: first },
    });
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 1, 10_000, 'the question');
    const asking = await run.handle.query(conversationStateQuery);
    assert.ok(asking.windowClosesAt !== null);

    // 25 hours of silence: the window closed at 24 h, well before the question's own 48 h.
    await stack.env.sleep(25 * hour);
    await waitFor(
      () => stack.messagesTo(run.customerPhone).length === 2,
      10_000,
      'the re-engagement template',
    );
    const waiting = await run.handle.query(conversationStateQuery);
    assert.equal(waiting.windowClosesAt, null, 'the window is closed');
    assert.equal(waiting.waitingFor, 'customer_reply');

    await run.handle.signal(customerMessageSignal, stack.customerMessage('Ada'));
    const result = await run.handle.result();
    assert.equal(result.status, 'completed');
    assert.deepEqual(
      stack.messagesTo(run.customerPhone).map((message) => message.type),
      ['text', 'template', 'text'],
    );
    const last = stack.messagesTo(run.customerPhone)[2].body.text as { body: string };
    assert.equal(last.body, 'Welcome back, Ada.');
  });

  it('ignores a duplicate customer message (same wamid)', async () => {
    const drawflowData = flow()
      .start()
      .then('question', { variable: 'first', validation: 'text', timeoutMinutes: 60 })
      .then('question', {
        prompt: 'And the second?',
        variable: 'second',
        validation: 'text',
        timeoutMinutes: 60,
      })
      .then('message', { text: '{{first}} and {{second}}' })
      .then('end', {})
      .build();
    const run = await stack.startConversation({ account, drawflowData, trigger: { source: 'lead' } });
    const message = stack.customerMessage('one');
    await run.handle.signal(customerMessageSignal, message);
    await run.handle.signal(customerMessageSignal, message);
    await waitFor(() => stack.messagesTo(run.customerPhone).length === 1, 10_000, 'the second question');
    await run.handle.signal(customerMessageSignal, { ...message });
    const state = await run.handle.query(conversationStateQuery);
    assert.equal(state.variables.second, undefined, 'the duplicate did not answer the second question');
    await run.handle.signal(customerMessageSignal, stack.customerMessage('two'));
    const result = await run.handle.result();
    assert.deepEqual(result.variables, { first: 'one', second: 'two' });
    const texts = stack.messagesTo(run.customerPhone).map((m) => (m.body.text as { body: string }).body);
    assert.deepEqual(texts, ['And the second?', 'one and two']);
  });

  it('stops on stopConversationSignal and records it', async () => {
    const drawflowData = flow()
      .start()
      .then('question', { variable: 'x', validation: 'text', timeoutMinutes: 60 })
      .then('end', {})
      .build();
    const run = await stack.startConversation({ account, drawflowData, trigger: { source: 'lead' } });
    await run.handle.signal(stopConversationSignal, { reason: 'operator' });
    const result = await run.handle.result();
    assert.equal(result.status, 'stopped');
    assert.equal(result.reason, 'operator');
    const [row]: { status: string; endedAt: Date | null }[] = await stack.dataSource.query(
      `SELECT status, "endedAt" FROM conversations WHERE id = $1`,
      [run.conversationId],
    );
    assert.equal(row.status, 'stopped');
    assert.ok(row.endedAt);
  });
});
