import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFlowGraph } from '../../workflows/engine';
import { flow } from '../support/flow-builder';

describe('flow builder', () => {
  it('writes every connection on both sides, Drawflow style', () => {
    const doc = flow().start().then('message', { text: 'Hi' }).build();
    const [start, message] = [doc.drawflow.Home.data['1'], doc.drawflow.Home.data['2']];
    assert.deepEqual(start.outputs, { output_1: { connections: [{ node: '2', output: 'input_1' }] } });
    assert.deepEqual(message.inputs, { input_1: { connections: [{ node: '1', input: 'output_1' }] } });
    assert.deepEqual(Object.keys(message.outputs), ['output_1', 'output_2']);
    assert.equal(message.id, 2);
    assert.equal(message.name, 'message');
    assert.deepEqual(start.inputs, {});
  });

  it('branches by output name or number, loops with to(), and continues with via()', () => {
    const builder = flow()
      .start()
      .then('buttons', { text: 'Pick', buttons: [{ title: 'A' }, { title: 'B' }] }, { as: 'pick' })
      .then('message', { text: 'A' })
      .at('pick', 'button_2')
      .then('message', { text: 'B' })
      .via('window_closed')
      .to('pick')
      .at('pick', 4)
      .then('end', {});
    const graph = builder.graph();
    assert.deepEqual(graph.nodes[builder.id('pick')].next, ['3', '4', null, '5']);
    assert.deepEqual(graph.nodes['4'].next, [null, '2']);
    assert.deepEqual(validateFlowGraph(builder.build()), []);
  });

  it('explains a wrong output name or alias', () => {
    const builder = flow().start().then('question', { variable: 'x', validation: 'text' }, { as: 'q' });
    assert.throws(
      () => builder.at('q', 'later').then('end', {}),
      /has no output "later"; it has: answered, invalid, timeout/,
    );
    assert.throws(() => builder.at('nope'), /No node "nope"/);
    assert.throws(() => builder.then('end', {}, { as: 'q' }), /already used/);
  });

  it('build() returns a fresh copy each time', () => {
    const builder = flow().start().then('end', {});
    const first = builder.build();
    first.drawflow.Home.data['1'].name = 'changed';
    assert.equal(builder.build().drawflow.Home.data['1'].name, 'start');
  });
});
