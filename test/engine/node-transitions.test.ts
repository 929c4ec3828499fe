import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resumeFlow, type NodeTransition, type Step } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { fireTimer, MINUTE, reply, startInbound, T0 } from './engine-test-kit';

/** The transitions without their sequence numbers, which one test checks on its own. */
function moves(step: Step): Omit<NodeTransition, 'seq'>[] {
  return step.transitions.map(({ seq: _seq, ...move }) => move);
}

describe('node transitions', () => {
  const graph = flow()
    .start()
    .then(
      'question',
      { prompt: 'A or B?', variable: 'pick', validation: 'text', timeoutMinutes: 10 },
      { as: 'ask' },
    )
    .then('condition', { rules: [{ variable: 'pick', operator: 'equals', value: 'A' }] }, { as: 'route' })
    .then('message', { text: 'You chose A' })
    .at('route', 'else')
    .then('end', { outcome: 'completed' })
    .at('ask', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_answer' })
    .graph();

  it('reports the start and the node the run waits on, then nothing while it waits', () => {
    const step = startInbound(graph);
    assert.deepEqual(moves(step), [
      { kind: 'entered', nodeId: '1', nodeType: 'start', at: T0 },
      { kind: 'left', nodeId: '1', nodeType: 'start', port: 'next', spentMs: 0, at: T0 },
      { kind: 'entered', nodeId: '2', nodeType: 'question', at: T0 },
    ]);
    assert.deepEqual(
      step.transitions.map((transition) => transition.seq),
      [1, 2, 3],
    );
  });

  it('an answer leaves the question by its port with the time spent there, and the run ends where its port is unconnected', () => {
    const step = reply(graph, startInbound(graph), 'A', T0 + 3 * MINUTE);
    const at = T0 + 3 * MINUTE;
    assert.deepEqual(moves(step), [
      { kind: 'left', nodeId: '2', nodeType: 'question', port: 'answered', spentMs: 3 * MINUTE, at },
      { kind: 'entered', nodeId: '3', nodeType: 'condition', at },
      { kind: 'left', nodeId: '3', nodeType: 'condition', port: 'rule_1', spentMs: 0, at },
      { kind: 'entered', nodeId: '4', nodeType: 'message', at },
      { kind: 'left', nodeId: '4', nodeType: 'message', port: 'sent', spentMs: 0, at },
      { kind: 'ended', nodeId: '4', nodeType: 'message', status: 'completed', at },
    ]);
    assert.deepEqual(
      step.transitions.map((transition) => transition.seq),
      [4, 5, 6, 7, 8, 9],
      'numbered after the transitions the start reported',
    );
  });

  it('an end node is entered and ended at, never left', () => {
    const step = reply(graph, startInbound(graph), 'B', T0 + MINUTE);
    assert.deepEqual(moves(step).slice(-2), [
      { kind: 'entered', nodeId: '5', nodeType: 'end', at: T0 + MINUTE },
      { kind: 'ended', nodeId: '5', nodeType: 'end', status: 'completed', at: T0 + MINUTE },
    ]);
  });

  it('a timeout leaves the node timed out', () => {
    const step = fireTimer(graph, startInbound(graph));
    const at = T0 + 10 * MINUTE;
    assert.deepEqual(moves(step), [
      {
        kind: 'left',
        nodeId: '2',
        nodeType: 'question',
        port: 'timeout',
        timedOut: true,
        spentMs: 10 * MINUTE,
        at,
      },
      { kind: 'entered', nodeId: '6', nodeType: 'end', at },
      { kind: 'ended', nodeId: '6', nodeType: 'end', status: 'failed', reason: 'no_answer', at },
    ]);
  });

  it('a stop ends the run at the node it waited on', () => {
    const step = resumeFlow(graph, startInbound(graph).state, { type: 'stop', at: T0 + MINUTE });
    assert.deepEqual(moves(step), [
      {
        kind: 'ended',
        nodeId: '2',
        nodeType: 'question',
        status: 'stopped',
        reason: 'stopped',
        at: T0 + MINUTE,
      },
    ]);
  });

  it('an agent taking over is reported at the waiting node; an ignored event reports nothing', () => {
    const waiting = startInbound(graph);
    const taken = resumeFlow(graph, waiting.state, { type: 'agent_takeover', at: T0 + MINUTE });
    assert.deepEqual(moves(taken), [
      { kind: 'handed_over', nodeId: '2', nodeType: 'question', by: 'agent', at: T0 + MINUTE },
    ]);
    const stale = resumeFlow(graph, waiting.state, { type: 'timer_fired', timerId: 'nope', at: T0 + MINUTE });
    assert.deepEqual(stale.transitions, []);
    assert.equal(stale.state, waiting.state, 'state unchanged');
  });

  it('a loop back to the same node leaves and enters it again', () => {
    const loop = flow()
      .start()
      .then('delay', { amount: 1, unit: 'minutes' }, { as: 'wait' })
      .to('wait')
      .graph();
    const step = fireTimer(loop, startInbound(loop));
    assert.deepEqual(moves(step), [
      { kind: 'left', nodeId: '2', nodeType: 'delay', port: 'next', spentMs: MINUTE, at: T0 + MINUTE },
      { kind: 'entered', nodeId: '2', nodeType: 'delay', at: T0 + MINUTE },
    ]);
  });
});
