import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resumeFlow } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  assertWaiting,
  effectFails,
  effects,
  effectSucceeds,
  HOUR,
  logs,
  reply,
  sentTexts,
  startInbound,
  startOutbound,
  T0,
} from './engine-test-kit';

describe('http_request node', () => {
  const graph = flow()
    .start()
    .then(
      'http_request',
      {
        method: 'POST',
        url: 'https://crm.test/customers/{{id}}',
        headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
        body: '{"name":"{{name}}"}',
        responseMapping: [
          { path: 'data.tier', variable: 'tier' },
          { path: 'data.orders[0]', variable: 'firstOrder' },
          { path: 'data.nothing', variable: 'missing' },
        ],
        statusVariable: 'status',
        timeoutSeconds: 5,
      },
      { as: 'call' },
    )
    .then('message', { text: 'Tier {{tier}}, first order {{firstOrder.id}}' })
    .at('call', 'failure')
    .then('message', { text: 'CRM down ({{status}})' })
    .graph();
  const variables = { id: '7', token: 's3cret', name: 'Ann' };

  it('asks for the rendered request as an effect and waits for it', () => {
    const step = startInbound(graph, { variables });
    assert.deepEqual(effects(step), [
      {
        type: 'effect',
        nodeId: '2',
        effectId: 'http_request:2:1',
        kind: 'http_request',
        request: {
          method: 'POST',
          url: 'https://crm.test/customers/7',
          headers: { Authorization: 'Bearer s3cret' },
          body: '{"name":"Ann"}',
          timeoutMs: 5000,
        },
      },
    ]);
    assertWaiting(step, 'effect', '2');
  });

  it('maps response fields into variables on 2xx and takes success', () => {
    const step = effectSucceeds(graph, startInbound(graph, { variables }), {
      status: 201,
      body: { data: { tier: 'gold', orders: [{ id: 'O1' }] } },
    });
    assert.equal(step.state.variables.tier, 'gold');
    assert.deepEqual(step.state.variables.firstOrder, { id: 'O1' });
    assert.equal(step.state.variables.missing, null);
    assert.equal(step.state.variables.status, 201);
    assert.deepEqual(sentTexts(step), ['Tier gold, first order O1']);
  });

  const failures: [
    string,
    (step: ReturnType<typeof startInbound>) => ReturnType<typeof startInbound>,
    RegExp,
  ][] = [
    ['a non-2xx status', (step) => effectSucceeds(graph, step, { status: 503, body: 'busy' }), /HTTP 503/],
    ['a failed effect', (step) => effectFails(graph, step, 'timeout after 5000 ms'), /failed: timeout/],
    ['an unreadable value', (step) => effectSucceeds(graph, step, 'not an object'), /unreadable/],
  ];
  for (const [label, answer, message] of failures) {
    it(`logs and takes failure on ${label}`, () => {
      const step = answer(startInbound(graph, { variables }));
      assert.match(logs(step)[0].message, message);
      assert.equal(sentTexts(step)[0].startsWith('CRM down'), true);
    });
  }

  it('drops the body of a GET', () => {
    const get = flow()
      .start()
      .then('http_request', { method: 'GET', url: 'https://x.test', body: 'ignored' })
      .graph();
    const [effect] = effects(startInbound(get));
    assert.ok(effect.kind === 'http_request');
    assert.equal(effect.request.body, undefined);
  });

  it('an unconnected failure output fails the run', () => {
    const bare = flow().start().then('http_request', { method: 'GET', url: 'https://x.test' }).graph();
    assertEnded(effectFails(bare, startInbound(bare), 'ECONNREFUSED'), 'failed', 'http_request_failed');
  });

  it('ignores a result for another effect id, and a second result for the same one', () => {
    const waiting = startInbound(graph, { variables });
    const other = resumeFlow(graph, waiting.state, {
      type: 'effect_result',
      effectId: 'nope',
      ok: true,
      value: {},
      at: T0,
    });
    assert.deepEqual(other.actions, []);
    assert.deepEqual(other.wait, waiting.wait);
    const done = effectSucceeds(graph, waiting, { status: 200, body: {} });
    const again = resumeFlow(graph, done.state, {
      type: 'effect_result',
      effectId: 'http_request:2:1',
      ok: true,
      value: {},
      at: T0,
    });
    assert.deepEqual(again.actions, []);
  });

  it('runs whether or not the window is open (it sends nothing)', () => {
    assertWaiting(startOutbound(graph, { variables }), 'effect', '2');
  });
});

describe('ai_reply node', () => {
  const graph = flow()
    .start()
    .then('question', { prompt: 'What do you need?', variable: 'need', validation: 'text' })
    .then(
      'ai_reply',
      {
        systemPrompt: 'You help {{name}} with {{need}}.',
        variable: 'answer',
        model: 'gpt-test',
        temperature: 0.2,
      },
      { as: 'ai' },
    )
    .then('message', { text: 'Saved: {{answer}}' })
    .at('ai', 'failure')
    .then('message', { text: 'Sorry, no AI today.' })
    .graph();

  it('asks the LLM with the rendered system prompt and the conversation so far', () => {
    const step = reply(graph, startInbound(graph, { variables: { name: 'Ann' } }), 'a refund');
    assert.deepEqual(effects(step), [
      {
        type: 'effect',
        nodeId: '3',
        effectId: 'ai_reply:3:2',
        kind: 'ai_reply',
        request: {
          systemPrompt: 'You help Ann with a refund.',
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'assistant', content: 'What do you need?' },
            { role: 'user', content: 'a refund' },
          ],
          model: 'gpt-test',
          temperature: 0.2,
        },
      },
    ]);
  });

  it('saves the answer, sends it and takes success', () => {
    const asked = reply(graph, startInbound(graph), 'a refund');
    const step = effectSucceeds(graph, asked, { text: '  Refunds take 3 days.  ' });
    assert.equal(step.state.variables.answer, 'Refunds take 3 days.');
    assert.deepEqual(sentTexts(step), ['Refunds take 3 days.', 'Saved: Refunds take 3 days.']);
    assert.equal(step.state.transcript.at(-2)?.text, 'Refunds take 3 days.');
  });

  it('takes failure on an LLM error or an empty answer', () => {
    const asked = reply(graph, startInbound(graph), 'a refund');
    assert.deepEqual(sentTexts(effectFails(graph, asked, 'LLM not configured')), ['Sorry, no AI today.']);
    assert.deepEqual(sentTexts(effectSucceeds(graph, asked, { text: ' ' })), ['Sorry, no AI today.']);
  });

  it('with the window closed: does not call the LLM and takes failure', () => {
    const closed = flow().start().then('ai_reply', { systemPrompt: 'x' }).graph();
    const step = startOutbound(closed);
    assert.deepEqual(effects(step), []);
    assertEnded(step, 'failed', 'window_closed');
  });

  it('if the window closes while the LLM thinks: saves the answer but does not send it', () => {
    const asked = reply(graph, startInbound(graph), 'a refund', T0);
    const step = effectSucceeds(graph, asked, { text: 'Late answer' }, T0 + 25 * HOUR);
    assert.equal(step.state.variables.answer, 'Late answer');
    assert.deepEqual(sentTexts(step), []);
    assert.match(logs(step)[0].message, /window is closed/);
  });

  it('with send: false it only saves, and works with the window closed', () => {
    const quiet = flow()
      .start()
      .then('ai_reply', { systemPrompt: 'Summarise', variable: 'summary', send: false })
      .graph();
    const step = effectSucceeds(quiet, startOutbound(quiet), { text: 'Short.' });
    assert.equal(step.state.variables.summary, 'Short.');
    assert.deepEqual(sentTexts(step), []);
    assertEnded(step, 'completed');
  });
});

describe('ai_router node', () => {
  const graph = flow()
    .start()
    .then(
      'ai_router',
      {
        intents: [
          { name: 'billing', description: 'Questions about invoices' },
          { name: 'support', description: 'Something is broken' },
        ],
        instructions: 'Customer {{name}}',
        variable: 'intent',
      },
      { as: 'route' },
    )
    .then('message', { text: 'billing' })
    .at('route', 'support')
    .then('message', { text: 'support' })
    .at('route', 'fallback')
    .then('message', { text: 'fallback ({{intent}})' })
    .graph();

  it('asks the LLM to classify the latest customer message', () => {
    const step = startInbound(graph, { variables: { name: 'Ann' } });
    assert.deepEqual(effects(step)[0].request, {
      instructions: 'Customer Ann',
      input: 'hi',
      intents: [
        { name: 'billing', description: 'Questions about invoices' },
        { name: 'support', description: 'Something is broken' },
      ],
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('classifies a templated input when given', () => {
    const custom = flow()
      .start()
      .then('ai_router', { intents: [{ name: 'a', description: 'A' }], input: 'Order note: {{note}}' })
      .graph();
    const [effect] = effects(startInbound(custom, { variables: { note: 'late' } }));
    assert.ok(effect.kind === 'ai_router');
    assert.equal(effect.request.input, 'Order note: late');
  });

  const outcomes: [string, unknown, boolean, string][] = [
    ['billing', { intent: 'billing' }, true, 'billing'],
    ['support', { intent: 'support' }, true, 'support'],
    ['no intent', { intent: null }, true, 'fallback (fallback)'],
    ['an unknown intent', { intent: 'sales' }, true, 'fallback (fallback)'],
    ['a failed call', 'LLM timeout', false, 'fallback (fallback)'],
  ];
  for (const [label, value, ok, expected] of outcomes) {
    it(`${label} → ${expected}`, () => {
      const waiting = startInbound(graph);
      const step = ok ? effectSucceeds(graph, waiting, value) : effectFails(graph, waiting, String(value));
      assert.deepEqual(sentTexts(step), [expected]);
    });
  }

  it('an unconnected fallback completes the run (it is not a failure)', () => {
    const bare = flow()
      .start()
      .then('ai_router', { intents: [{ name: 'a', description: 'A' }] })
      .graph();
    assertEnded(effectSucceeds(bare, startInbound(bare), { intent: null }), 'completed');
  });
});
