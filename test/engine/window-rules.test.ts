import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CUSTOMER_WINDOW_MS,
  EngineInvariantError,
  isWindowOpen,
  resumeFlow,
  windowClosesAt,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import {
  assertWaiting,
  fireTimer,
  HOUR,
  MINUTE,
  reply,
  sent,
  sentTexts,
  startFlowAt,
  startInbound,
  startOutbound,
  T0,
} from './engine-test-kit';

describe('the 24-hour customer window', () => {
  const graph = flow()
    .start()
    .then('template', { name: 'hello', language: 'en' })
    .then('question', { variable: 'a', validation: 'text' })
    .then(
      'question',
      { prompt: 'And then?', variable: 'b', validation: 'text', timeoutMinutes: 48 * 60 },
      { as: 'second' },
    )
    .then('message', { text: 'Thanks' })
    .at('second', 'timeout')
    .then('template', { name: 'come_back', language: 'en' })
    .then('question', { variable: 'c', validation: 'text' })
    .then('message', { text: 'Welcome back, {{c}}' })
    .graph();

  it('is closed for an outbound run until the customer writes; our template does not open it', () => {
    const step = startOutbound(graph);
    assert.equal(windowClosesAt(step.state), null);
    assert.equal(isWindowOpen(step.state, T0), false);
    assert.deepEqual(
      sent(step).map((message) => message.kind),
      ['template'],
    );
  });

  it('opens for 24 hours from each customer message, exclusive at the end', () => {
    const step = reply(graph, startOutbound(graph), 'hi', T0 + HOUR);
    assert.equal(windowClosesAt(step.state), T0 + HOUR + CUSTOMER_WINDOW_MS);
    assert.equal(isWindowOpen(step.state, T0 + HOUR + CUSTOMER_WINDOW_MS - 1), true);
    assert.equal(isWindowOpen(step.state, T0 + HOUR + CUSTOMER_WINDOW_MS), false);
  });

  it('an inbound run starts with the window open at the first message', () => {
    assert.equal(
      windowClosesAt(
        startInbound(flow().start().then('question', { variable: 'x', validation: 'text' }).graph()).state,
      ),
      T0 + 24 * HOUR,
    );
  });

  it('a known earlier customer message keeps the window open for a new run', () => {
    const step = startFlowAt(flow().start().then('message', { text: 'Hi again' }).graph(), {
      lastCustomerMessageAt: T0 - HOUR,
    });
    assert.deepEqual(sentTexts(step), ['Hi again']);
  });

  it('a late-delivered older message never moves the window back', () => {
    let step = reply(graph, startOutbound(graph), 'first', T0 + 2 * HOUR);
    step = resumeFlow(graph, step.state, {
      type: 'customer_message',
      messageId: 'old',
      text: 'older',
      at: T0 + HOUR,
    });
    assert.equal(step.state.lastCustomerMessageAt, T0 + 2 * HOUR);
  });

  it('caps a reply wait at the window: the node’s 48 h timeout becomes the window close', () => {
    const step = reply(graph, startOutbound(graph), 'hi', T0 + HOUR);
    assertWaiting(step, 'reply', '4');
    assert.equal(step.wait?.kind === 'reply' && step.wait.timeoutMs, 48 * HOUR);
    assert.equal(step.wait?.kind === 'reply' && step.wait.deadlineAt, T0 + 25 * HOUR);
  });

  it('after 24 hours of silence the timeout path re-engages with a template, and a late reply continues', () => {
    let step = reply(graph, startOutbound(graph), 'hi', T0 + HOUR);
    step = fireTimer(graph, step);
    assert.deepEqual(sent(step), [{ kind: 'template', name: 'come_back', language: 'en', bodyParams: [] }]);
    assertWaiting(step, 'reply', '7');
    step = reply(graph, step, 'Ann', T0 + 72 * HOUR);
    assert.deepEqual(sentTexts(step), ['Welcome back, Ann']);
  });

  it('a reply just before the window closes is answered normally', () => {
    let step = reply(graph, startOutbound(graph), 'hi', T0);
    step = reply(graph, step, 'late but in time', T0 + 24 * HOUR - MINUTE);
    assert.deepEqual(sentTexts(step), ['Thanks']);
  });

  it('never emits a session message while the window is closed (whole flow sweep)', () => {
    const every = flow()
      .start()
      .then('message', { text: 'a' }, { as: 'm' })
      .at('m', 'window_closed')
      .then('media', { mediaType: 'image', link: 'https://x.test/a.png' }, { as: 'md' })
      .at('md', 'window_closed')
      .then('buttons', { text: 'b', buttons: [{ title: 'x' }] }, { as: 'b' })
      .at('b', 'timeout')
      .then('list', { text: 'l', buttonLabel: 'go', sections: [{ rows: [{ title: 'r' }] }] }, { as: 'l' })
      .at('l', 'timeout')
      .then('ai_reply', { systemPrompt: 's' }, { as: 'ai' })
      .at('ai', 'failure')
      .then('handoff', { message: 'agent' })
      .graph();
    const step = startOutbound(every);
    assert.deepEqual(sent(step), []);
    assertWaiting(step, 'handoff', '7');
  });

  it('a state that waits on a node missing from the graph is an engine invariant error', () => {
    const waiting = startInbound(graph);
    const broken = {
      ...waiting.state,
      wait: { kind: 'reply' as const, nodeId: '999', timerId: 't', deadlineAt: null },
    };
    assert.throws(
      () => resumeFlow(graph, broken, { type: 'customer_message', messageId: 'm', text: 'x', at: T0 }),
      EngineInvariantError,
    );
  });
});
