/** The ai_reply and ai_router activities against the fake OpenAI server on loopback. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createLlmActivities } from '../../activities/llm';
import type {
  AiReplyEffectRequest,
  AiReplyEffectValue,
  AiRouterEffectRequest,
  AiRouterEffectValue,
} from '../../workflows/engine/engine-action';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai';

type LlmActivities = ReturnType<typeof createLlmActivities>;

const replyRequest: AiReplyEffectRequest = {
  systemPrompt: 'You are the assistant of Ada’s bakery. The customer is called Grace.',
  messages: [
    { role: 'assistant', content: 'Hi Grace! How can I help?' },
    { role: 'user', content: 'Do you have gluten-free bread?' },
  ],
  temperature: 0.2,
  maxTokens: 200,
};

const routerRequest: AiRouterEffectRequest = {
  instructions: 'Customers of a bakery.',
  input: 'I want to cancel my order',
  intents: [
    { name: 'order', description: 'wants to place an order' },
    { name: 'cancel', description: 'wants to cancel an order' },
    { name: 'human', description: 'asks for a person' },
  ],
  messages: [{ role: 'assistant', content: 'What can I do for you?' }],
};

function createEnv() {
  return new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
}

describe('LLM activities', () => {
  let openai: FakeOpenAI;
  let llm: LlmActivities;
  const reply = (request: AiReplyEffectRequest, activities = llm) =>
    createEnv().run<[AiReplyEffectRequest], AiReplyEffectValue, LlmActivities['generateAiReply']>(
      activities.generateAiReply,
      request,
    );
  const route = (request: AiRouterEffectRequest) =>
    createEnv().run<[AiRouterEffectRequest], AiRouterEffectValue, LlmActivities['chooseAiIntent']>(
      llm.chooseAiIntent,
      request,
    );

  before(async () => {
    openai = await startFakeOpenAI();
    llm = createLlmActivities({
      apiKey: 'sk-test',
      baseUrl: openai.baseUrl,
      model: 'gpt-test',
      timeoutMs: 2000,
    });
  });
  after(() => openai.stop());
  beforeEach(() => openai.reset());

  it('ai_reply sends the system prompt and transcript and returns the model’s text', async () => {
    openai.enqueue('  Yes, our rye and buckwheat loaves are gluten-free.  ');
    const result = await reply(replyRequest);
    assert.deepEqual(result, { text: 'Yes, our rye and buckwheat loaves are gluten-free.' });
    const [request] = openai.requests;
    assert.equal(request.authorization, 'Bearer sk-test');
    assert.equal(request.body.model, 'gpt-test');
    assert.equal(request.body.temperature, 0.2);
    assert.equal(request.body.max_completion_tokens, 200);
    assert.deepEqual(request.body.messages, [
      { role: 'system', content: replyRequest.systemPrompt },
      ...replyRequest.messages,
    ]);
  });

  it('ai_reply uses the node’s model when it names one', async () => {
    await reply({ ...replyRequest, model: 'gpt-node' });
    assert.equal(openai.requests[0].body.model, 'gpt-node');
  });

  it('ai_router asks for a strict JSON schema of the intent names and returns the choice', async () => {
    openai.enqueue({ json: { intent: 'cancel' } });
    assert.deepEqual(await route(routerRequest), { intent: 'cancel' });
    const { body } = openai.requests[0];
    assert.deepEqual(body.response_format, {
      type: 'json_schema',
      json_schema: {
        name: 'intent_choice',
        strict: true,
        schema: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { intent: { type: 'string', enum: ['order', 'cancel', 'human', '__none__'] } },
          required: ['intent'],
          additionalProperties: false,
        },
      },
    });
    const messages = body.messages as { role: string; content: string }[];
    assert.match(messages[0].content, /- cancel: wants to cancel an order/);
    assert.deepEqual(messages.at(-1), { role: 'user', content: 'I want to cancel my order' });
  });

  const fallbacks: { name: string; answer: Parameters<FakeOpenAI['enqueue']>[0]; intent: string | null }[] = [
    { name: 'the model says none fits', answer: { json: { intent: '__none__' } }, intent: null },
    { name: 'an intent that does not exist', answer: { json: { intent: 'refund' } }, intent: null },
    { name: 'prose instead of JSON', answer: 'I think they want to cancel.', intent: null },
    { name: 'a refusal', answer: { refusal: 'I cannot help with that.' }, intent: null },
    { name: 'a bare intent name (servers without structured output)', answer: '"Cancel".', intent: 'cancel' },
  ];
  for (const { name, answer, intent } of fallbacks) {
    it(`ai_router reads ${name} as ${intent === null ? 'the fallback' : intent}`, async () => {
      openai.enqueue(answer);
      assert.deepEqual(await route(routerRequest), { intent });
    });
  }

  it('without an API key, fails non-retryably with LlmNotConfigured and calls nothing', async () => {
    const unconfigured = createLlmActivities({
      apiKey: undefined,
      baseUrl: openai.baseUrl,
      model: 'gpt-test',
      timeoutMs: 2000,
    });
    await assert.rejects(reply(replyRequest, unconfigured), { type: 'LlmNotConfigured', nonRetryable: true });
    assert.equal(openai.requests.length, 0);
  });

  const failures: { name: string; arrange: () => void; type: string; nonRetryable: boolean }[] = [
    { name: '500', arrange: () => openai.failNext(1, 500), type: 'LlmUnavailable', nonRetryable: false },
    { name: '429', arrange: () => openai.failNext(1, 429), type: 'LlmRateLimited', nonRetryable: false },
    { name: '401', arrange: () => openai.failNext(1, 401), type: 'LlmAuthFailed', nonRetryable: true },
    {
      name: '400 unknown model',
      arrange: () => openai.enqueue({ status: 400, error: { message: 'The model `x` does not exist' } }),
      type: 'LlmRequestRejected',
      nonRetryable: true,
    },
    {
      name: '429 insufficient quota',
      arrange: () =>
        openai.enqueue({
          status: 429,
          error: { message: 'You exceeded your quota', code: 'insufficient_quota' },
        }),
      type: 'LlmRequestRejected',
      nonRetryable: true,
    },
    {
      name: 'a timeout',
      arrange: () => openai.enqueue('timeout'),
      type: 'LlmUnavailable',
      nonRetryable: false,
    },
    {
      name: 'an empty reply',
      arrange: () => openai.enqueue('   '),
      type: 'LlmNoAnswer',
      nonRetryable: true,
    },
  ];
  for (const { name, arrange, type, nonRetryable } of failures) {
    it(`ai_reply maps ${name} to ${type}, once (the SDK's own retries are off)`, async () => {
      arrange();
      await assert.rejects(reply(replyRequest), (error: unknown) => {
        assert.ok(error instanceof ApplicationFailure);
        assert.equal(error.type, type);
        assert.equal(error.nonRetryable, nonRetryable);
        return true;
      });
      assert.equal(openai.requests.length, 1);
    });
  }
});
