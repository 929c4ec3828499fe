/** failBrokenRun: the step of a run whose own step broke an engine invariant (a FlowBot bug). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failBrokenRun } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { assertEnded, MINUTE, startInbound, T0 } from './engine-test-kit';

describe('failBrokenRun', () => {
  const graph = flow()
    .start()
    .then('question', { variable: 'pick', validation: 'text' })
    .then('end', {})
    .graph();

  it('fails the run where its state waits, numbered after what the run reported', () => {
    const waiting = startInbound(graph);
    const failed = failBrokenRun(graph, waiting.state, 'inbound', T0 + MINUTE);
    assertEnded(failed, 'failed', 'engine_error');
    assert.deepEqual(failed.transitions, [
      {
        seq: 4,
        kind: 'ended',
        nodeId: '2',
        nodeType: 'question',
        status: 'failed',
        reason: 'engine_error',
        at: T0 + MINUTE,
      },
    ]);
    assert.equal(failed.state.transitionCount, 4, 'the run counts on from there');
  });

  it('a run whose first step broke enters the start node and fails there', () => {
    const failed = failBrokenRun(graph, undefined, 'lead', T0);
    assertEnded(failed, 'failed', 'engine_error');
    assert.deepEqual(
      failed.transitions.map(({ seq, kind, nodeId }) => [seq, kind, nodeId]),
      [
        [1, 'entered', '1'],
        [2, 'ended', '1'],
      ],
    );
  });
});
