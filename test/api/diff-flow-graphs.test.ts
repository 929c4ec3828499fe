/**
 * The revision diff: nodes by id (added, removed, changed with each data field's old and new value)
 * and connections (added, removed, with the port's name); layout is not a change.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFlowGraphs } from '../../api/flows/diff-flow-graphs';
import { flow } from '../support/flow-builder';

const ask = {
  prompt: 'Your order number?',
  variable: 'order',
  validation: 'text' as const,
  timeoutMinutes: 60,
};

/** start (1) → question (2) → message (3) → end (4). */
const original = () =>
  flow()
    .start()
    .then('question', ask, { as: 'ask' })
    .then('message', { text: 'Thanks!' })
    .then('end', {})
    .build();

describe('diffFlowGraphs', () => {
  it('finds nothing between a graph and itself, even with nodes moved on the canvas', () => {
    const moved = original();
    moved.drawflow.Home.data['3'].pos_x = 999;
    assert.deepEqual(diffFlowGraphs(original(), moved), {
      nodes: { added: [], removed: [], changed: [] },
      connections: { added: [], removed: [] },
    });
  });

  it('names each changed data field with its old and new value, absent on the side that lacks it', () => {
    const edited = flow()
      .start()
      .then(
        'question',
        { prompt: 'Your order number, please?', variable: 'order', validation: 'text' },
        { as: 'ask' },
      )
      .then('message', { text: 'Thanks!' })
      .then('end', {})
      .build();
    assert.deepEqual(diffFlowGraphs(original(), edited).nodes.changed, [
      {
        nodeId: '2',
        type: 'question',
        fields: [
          { field: 'prompt', old: 'Your order number?', new: 'Your order number, please?' },
          { field: 'timeoutMinutes', old: 60 },
        ],
      },
    ]);
  });

  it('lists nodes added and removed and the connections that moved, with port names', () => {
    // The message (3) is replaced by a new one (5); the question's timeout now ends the flow (4).
    const next = flow()
      .start()
      .then('question', ask, { as: 'ask' })
      .add('message', { text: 'Thanks!' }, { as: 'gone' })
      .add('end', {}, { as: 'end' })
      .add('message', { text: 'Got it.' }, { as: 'reply' })
      .to('end')
      .at('ask', 'answered')
      .to('reply')
      .at('ask', 'timeout')
      .to('end')
      .build();
    delete next.drawflow.Home.data['3']; // added unconnected only to keep the ids of the original
    const diff = diffFlowGraphs(original(), next);
    assert.deepEqual(diff.nodes.added, [{ nodeId: '5', type: 'message' }]);
    assert.deepEqual(diff.nodes.removed, [{ nodeId: '3', type: 'message' }]);
    assert.deepEqual(diff.nodes.changed, []);
    assert.deepEqual(diff.connections.added, [
      { from: '2', output: 'output_1', port: 'answered', to: '5' },
      { from: '2', output: 'output_3', port: 'timeout', to: '4' },
      { from: '5', output: 'output_1', port: 'sent', to: '4' },
    ]);
    assert.deepEqual(diff.connections.removed, [
      { from: '2', output: 'output_1', port: 'answered', to: '3' },
      { from: '3', output: 'output_1', port: 'sent', to: '4' },
    ]);
  });

  it('reports a node that changed type with its old type and every field', () => {
    const retyped = flow()
      .start()
      .then('question', ask, { as: 'ask' })
      .then('handoff', { message: 'An agent will help you.' })
      .then('end', {})
      .build();
    assert.deepEqual(diffFlowGraphs(original(), retyped).nodes.changed, [
      {
        nodeId: '3',
        type: 'handoff',
        oldType: 'message',
        fields: [
          { field: 'message', new: 'An agent will help you.' },
          { field: 'text', old: 'Thanks!' },
        ],
      },
    ]);
  });

  it('reads a graph that is not a Drawflow document as empty', () => {
    const diff = diffFlowGraphs({ drawflow: 'broken' }, original());
    assert.deepEqual(
      diff.nodes.added.map((node) => node.nodeId),
      ['1', '2', '3', '4'],
    );
    assert.equal(diff.connections.added.length, 3);
  });
});
