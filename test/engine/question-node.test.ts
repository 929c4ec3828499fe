import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { QuestionNodeData } from '../../workflows/engine/nodes/question/question-node';
import { parseAnswer } from '../../workflows/engine/nodes/question/question-node-runtime';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  assertWaiting,
  fireTimer,
  HOUR,
  logs,
  MINUTE,
  reply,
  sentTexts,
  startInbound,
  startOutbound,
  T0,
} from './engine-test-kit';

describe('parseAnswer', () => {
  const cases: [QuestionNodeData['validation'], string, string | number | null][] = [
    ['text', '  hello ', 'hello'],
    ['text', '   ', null],
    ['number', '42', 42],
    ['number', '-3.5', -3.5],
    ['number', '1,5', 1.5],
    ['number', '1,000', 1],
    ['number', 'forty', null],
    ['number', '12abc', null],
    ['number', 'Infinity', null],
    ['email', 'ann@example.com', 'ann@example.com'],
    ['email', 'ann@example', null],
    ['email', 'not an email', null],
    ['phone', '+44 (20) 7946-0958', '+442079460958'],
    ['phone', '5551234', '5551234'],
    ['phone', '12', null],
    ['phone', 'call me', null],
    ['choice', 'medium', 'Medium'],
    ['choice', '3', 'Large'],
    ['choice', '4', null],
    ['choice', 'huge', null],
  ];
  for (const [validation, text, expected] of cases) {
    it(`${validation}: ${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
      const answer = parseAnswer({ validation, choices: ['Small', 'Medium', 'Large'] }, text);
      assert.deepEqual(answer, expected === null ? { ok: false } : { ok: true, value: expected });
    });
  }
  it('"1,000" is read as one-point-zero, not a thousand (no thousands separators)', () => {
    assert.deepEqual(parseAnswer({ validation: 'number' }, '1,000'), { ok: true, value: 1 });
  });
});

describe('question node', () => {
  const graph = flow()
    .start()
    .then(
      'question',
      {
        prompt: 'How old are you, {{name}}?',
        variable: 'age',
        validation: 'number',
        maxRetries: 1,
        timeoutMinutes: 10,
      },
      { as: 'ask' },
    )
    .then('message', { text: 'You are {{age}}' })
    .at('ask', 'invalid')
    .then('message', { text: 'Giving up' })
    .at('ask', 'timeout')
    .then('message', { text: 'Too slow' })
    .graph();

  it('sends the rendered prompt and waits with its timeout', () => {
    const step = startInbound(graph, { variables: { name: 'Ann' } });
    assert.deepEqual(sentTexts(step), ['How old are you, Ann?']);
    assertWaiting(step, 'reply', '2');
    assert.deepEqual(step.wait, {
      kind: 'reply',
      nodeId: '2',
      timerId: 'reply:2:1',
      timeoutMs: 10 * MINUTE,
      deadlineAt: T0 + 10 * MINUTE,
    });
  });

  it('saves a valid answer (typed) and takes `answered`', () => {
    const step = reply(graph, startInbound(graph), '42');
    assert.equal(step.state.variables.age, 42);
    assert.deepEqual(sentTexts(step), ['You are 42']);
  });

  it('re-prompts after an invalid answer, then takes `invalid` when the retries are spent', () => {
    let step = reply(graph, startInbound(graph), 'old enough');
    assert.deepEqual(sentTexts(step), ['Please answer with a number.']);
    assert.equal(step.state.retries, 1);
    assertWaiting(step, 'reply', '2');
    assert.equal(
      step.wait?.kind === 'reply' && step.wait.deadlineAt,
      T0 + MINUTE + 10 * MINUTE,
      'a fresh timeout from the re-prompt',
    );
    step = reply(graph, step, 'very', T0 + 2 * MINUTE);
    assert.deepEqual(sentTexts(step), ['Giving up']);
    assert.equal(step.state.variables.age, undefined);
  });

  it('a valid answer after a retry still counts', () => {
    let step = reply(graph, startInbound(graph), 'x');
    step = reply(graph, step, '30', T0 + 2 * MINUTE);
    assert.deepEqual(sentTexts(step), ['You are 30']);
    assert.equal(step.state.retries, 0, 'retries reset when the run moves on');
  });

  it('uses the custom retry prompt, rendered', () => {
    const custom = flow()
      .start()
      .then('question', {
        prompt: 'Email?',
        variable: 'email',
        validation: 'email',
        retryPrompt: '{{name}}, that is not an email.',
      })
      .graph();
    const step = reply(custom, startInbound(custom, { variables: { name: 'Bo' } }), 'nope');
    assert.deepEqual(sentTexts(step), ['Bo, that is not an email.']);
  });

  it('defaults to two retries', () => {
    const bare = flow()
      .start()
      .then('question', { prompt: 'Phone?', variable: 'phone', validation: 'phone' })
      .graph();
    let step = startInbound(bare);
    step = reply(bare, step, 'a');
    step = reply(bare, step, 'b');
    assert.equal(step.state.retries, 2);
    step = reply(bare, step, 'c');
    assertEnded(step, 'failed', 'invalid_answer');
  });

  it('takes `timeout` when the timer fires', () => {
    const step = fireTimer(graph, startInbound(graph));
    assert.deepEqual(sentTexts(step), ['Too slow']);
  });

  it('an unconnected timeout fails the run with reason timeout', () => {
    const bare = flow()
      .start()
      .then('question', { prompt: 'Hm?', variable: 'x', validation: 'text' })
      .graph();
    assertEnded(fireTimer(bare, startInbound(bare)), 'failed', 'timeout');
  });

  it('ignores a timer that is not the current one (stale re-prompt timer)', () => {
    const first = startInbound(graph);
    const second = reply(graph, first, 'x');
    const stale = fireTimer(graph, { ...second, wait: first.wait });
    assert.deepEqual(stale.actions, []);
    assert.deepEqual(stale.state, second.state);
  });

  it('with the window closed and a prompt: takes `timeout` without sending', () => {
    const step = startOutbound(graph);
    assert.deepEqual(sentTexts(step), [], 'neither the prompt nor the "Too slow" message may be sent');
    assert.deepEqual(
      logs(step).map((log) => log.nodeId),
      ['2', '5'],
    );
    assertEnded(step, 'failed', 'window_closed');
  });

  it('without a prompt it only waits, even with the window closed, and the answer opens the window', () => {
    const listen = flow()
      .start()
      .then('template', { name: 'ask_feedback', language: 'en' })
      .then('question', { variable: 'score', validation: 'choice', choices: ['Good', 'Bad'] })
      .then('message', { text: 'Thanks for "{{score}}"' })
      .graph();
    let step = startOutbound(listen);
    assertWaiting(step, 'reply', '3');
    assert.equal(
      step.wait?.kind === 'reply' && step.wait.deadlineAt,
      null,
      'a closed window does not cap the wait',
    );
    step = reply(listen, step, 'good', T0 + 30 * HOUR);
    assert.deepEqual(sentTexts(step), ['Thanks for "Good"']);
  });
});
