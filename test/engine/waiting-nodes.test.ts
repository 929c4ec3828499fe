import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resumeFlow, type FlowGraph, type Step } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  assertWaiting,
  effectSucceeds,
  fireTimer,
  HOUR,
  logs,
  MINUTE,
  reply,
  sentTexts,
  startInbound,
  startOutbound,
  statuses,
  T0,
} from './engine-test-kit';

const takeover = (graph: FlowGraph, step: Step, at = T0 + 2 * MINUTE) =>
  resumeFlow(graph, step.state, { type: 'agent_takeover', at, agentId: 'agent-1' });
const releaseAt = (graph: FlowGraph, step: Step, at = T0 + 3 * MINUTE) =>
  resumeFlow(graph, step.state, { type: 'agent_release', at });

describe('delay node', () => {
  const units: [number, 'seconds' | 'minutes' | 'hours' | 'days', number][] = [
    [30, 'seconds', 30_000],
    [1.5, 'minutes', 90_000],
    [2, 'hours', 2 * HOUR],
    [1, 'days', 24 * HOUR],
  ];
  for (const [amount, unit, ms] of units) {
    it(`${amount} ${unit} is a ${ms} ms durable timer`, () => {
      const graph = flow().start().then('delay', { amount, unit }).then('message', { text: 'after' }).graph();
      const step = startInbound(graph);
      assert.deepEqual(step.wait, {
        kind: 'timer',
        nodeId: '2',
        timerId: 'delay:2:1',
        durationMs: ms,
        deadlineAt: T0 + ms,
      });
      assert.deepEqual(sentTexts(fireTimer(graph, step, T0 + Math.min(ms, HOUR))), ['after']);
    });
  }

  it('a customer message during a delay is recorded but does not end the delay', () => {
    const graph = flow()
      .start()
      .then('delay', { amount: 1, unit: 'hours' })
      .then('message', { text: 'after' })
      .graph();
    const step = reply(graph, startInbound(graph), 'hello?', T0 + MINUTE);
    assertWaiting(step, 'timer', '2');
    assert.deepEqual(step.actions, []);
    assert.equal(step.state.lastCustomerMessageAt, T0 + MINUTE);
    assert.equal(step.state.transcript.at(-1)?.text, 'hello?');
  });
});

describe('handoff node', () => {
  const graph = flow()
    .start()
    .then(
      'handoff',
      { message: 'Connecting you to {{team}}…', reason: 'asked for a human', timeoutMinutes: 60 },
      { as: 'human' },
    )
    .then('message', { text: 'Back with the bot' })
    .at('human', 'timeout')
    .then('message', { text: 'Nobody came' })
    .graph();

  it('tells the customer, announces handoff and waits with its timeout', () => {
    const step = startInbound(graph, { variables: { team: 'sales' } });
    assert.deepEqual(sentTexts(step), ['Connecting you to sales…']);
    assert.deepEqual(statuses(step), [{ type: 'status', status: 'handoff' }]);
    assertWaiting(step, 'handoff', '2');
    assert.equal(step.wait?.kind === 'handoff' && step.wait.deadlineAt, T0 + HOUR);
    assert.equal(step.state.status, 'handoff');
    assert.equal(step.state.handoff?.source, 'node');
  });

  it('release takes `released` and returns the run to active', () => {
    const step = releaseAt(graph, startInbound(graph));
    assert.deepEqual(statuses(step), [
      { type: 'status', status: 'active' },
      { type: 'status', status: 'completed' },
    ]);
    assert.deepEqual(sentTexts(step), ['Back with the bot']);
    assert.equal(step.state.handoff, null);
  });

  it('the timeout takes `timeout`', () => {
    const step = fireTimer(graph, startInbound(graph));
    assert.deepEqual(sentTexts(step), ['Nobody came']);
  });

  it('customer messages during the handoff are for the agent: recorded, not answered', () => {
    const step = reply(graph, startInbound(graph), 'are you human?');
    assert.deepEqual(step.actions, []);
    assertWaiting(step, 'handoff', '2');
    assert.equal(step.state.transcript.at(-1)?.text, 'are you human?');
  });

  it('a takeover during a handoff node changes nothing', () => {
    const waiting = startInbound(graph);
    const step = takeover(graph, waiting);
    assert.deepEqual(step.actions, []);
    assert.deepEqual(step.state, waiting.state);
  });

  it('with the window closed: hands over anyway but skips the notice', () => {
    const step = startOutbound(graph, { variables: { team: 'sales' } });
    assert.deepEqual(sentTexts(step), []);
    assert.match(logs(step)[0].message, /notice was not sent/);
    assert.deepEqual(statuses(step), [{ type: 'status', status: 'handoff' }]);
    assertWaiting(step, 'handoff', '2');
  });

  it('without a timeout it waits for release only', () => {
    const open = flow().start().then('handoff', {}).graph();
    const step = startInbound(open);
    assert.equal(step.wait?.kind === 'handoff' && step.wait.deadlineAt, null);
    assert.deepEqual(step.actions, [{ type: 'status', status: 'handoff' }]);
  });
});

describe('agent takeover of a running flow', () => {
  const graph = flow()
    .start()
    .then(
      'question',
      { prompt: 'Name?', variable: 'name', validation: 'text', timeoutMinutes: 30 },
      { as: 'ask' },
    )
    .then('http_request', { method: 'GET', url: 'https://crm.test/{{name}}' }, { as: 'call' })
    .then('delay', { amount: 1, unit: 'hours' })
    .then('message', { text: 'Done, {{name}}' })
    .at('ask', 'timeout')
    .then('message', { text: 'No name' })
    .graph();

  it('pauses a reply wait; replies go to the agent; release re-asks nothing but waits afresh', () => {
    let step = takeover(graph, startInbound(graph));
    assert.deepEqual(statuses(step), [{ type: 'status', status: 'handoff' }]);
    assertWaiting(step, 'handoff', '2');
    assert.equal(step.state.handoff?.source, 'agent');
    step = reply(graph, step, 'I want a human', T0 + 150_000);
    assert.deepEqual(step.actions, []);
    step = releaseAt(graph, step, T0 + 10 * MINUTE);
    assert.deepEqual(step.actions, [{ type: 'status', status: 'active' }]);
    assertWaiting(step, 'reply', '2');
    assert.equal(
      step.wait?.kind === 'reply' && step.wait.deadlineAt,
      T0 + 40 * MINUTE,
      'a fresh 30-minute timeout',
    );
    step = reply(graph, step, 'Ann', T0 + 11 * MINUTE);
    assertWaiting(step, 'effect', '3');
  });

  it('a reply timer that fired during the takeover takes the timeout path on release', () => {
    const waiting = startInbound(graph);
    let step = takeover(graph, waiting);
    step = resumeFlow(graph, step.state, {
      type: 'timer_fired',
      timerId: waiting.wait?.kind === 'reply' ? waiting.wait.timerId : '',
      at: T0 + 30 * MINUTE,
    });
    assert.deepEqual(step.actions, []);
    step = releaseAt(graph, step, T0 + HOUR);
    assert.deepEqual(sentTexts(step), ['No name']);
  });

  it('an effect result that arrived during the takeover is applied on release', () => {
    const calling = reply(graph, startInbound(graph), 'Ann');
    const effectId = calling.wait?.kind === 'effect' ? calling.wait.effectId : '';
    let step = takeover(graph, calling);
    step = resumeFlow(graph, step.state, {
      type: 'effect_result',
      effectId,
      ok: true,
      value: { status: 200, body: {} },
      at: T0 + 150_000,
    });
    assert.deepEqual(step.actions, []);
    assertWaiting(step, 'handoff', '3');
    step = releaseAt(graph, step);
    assertWaiting(step, 'timer', '4');
  });

  it('an effect still pending on release keeps waiting for the same effect', () => {
    const calling = reply(graph, startInbound(graph), 'Ann');
    const step = releaseAt(graph, takeover(graph, calling));
    assert.deepEqual(step.wait, calling.wait);
    const delayed = effectSucceeds(graph, step, { status: 200, body: {} });
    assertWaiting(delayed, 'timer', '4');
    assertEnded(fireTimer(graph, delayed), 'completed');
  });

  it('a delay keeps its deadline across a takeover', () => {
    const delayed = effectSucceeds(graph, reply(graph, startInbound(graph), 'Ann'), {
      status: 200,
      body: {},
    });
    const deadline = delayed.wait?.kind === 'timer' ? delayed.wait.deadlineAt : 0;
    const step = releaseAt(graph, takeover(graph, delayed));
    assert.equal(step.wait?.kind === 'timer' && step.wait.deadlineAt, deadline);
    assert.notEqual(
      step.wait?.kind === 'timer' && step.wait.timerId,
      delayed.wait?.kind === 'timer' && delayed.wait.timerId,
    );
    assert.deepEqual(sentTexts(fireTimer(graph, step)), ['Done, Ann']);
  });

  it('a release without a takeover changes nothing', () => {
    const waiting = startInbound(graph);
    const step = releaseAt(graph, waiting);
    assert.deepEqual(step.actions, []);
    assert.deepEqual(step.state, waiting.state);
  });
});

describe('stop', () => {
  it('ends the run as stopped wherever it waits, and later events are ignored', () => {
    const graph = flow()
      .start()
      .then('question', { prompt: 'Hi?', variable: 'x', validation: 'text' })
      .graph();
    const step = resumeFlow(graph, startInbound(graph).state, {
      type: 'stop',
      at: T0 + MINUTE,
      reason: 'customer opted out',
    });
    assertEnded(step, 'stopped', 'customer opted out');
    const after = reply(graph, step, 'hello');
    assert.deepEqual(after.actions, []);
    assert.equal(after.wait, null);
    assert.deepEqual(after.state, step.state);
  });
});
