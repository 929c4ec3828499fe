import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_STEPS_PER_RESUME,
  parseFlowGraph,
  validateFlowGraph,
  type DrawflowDocument,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { guessingGameLoop } from '../support/loop-flows';
import { assertEnded, fireTimer, logs, reply, sentTexts, startInbound } from './engine-test-kit';

describe('large and cyclic graphs', () => {
  /** 10,000 nodes; every condition's else loops back to node 2: thousands of cycles. */
  function cyclicGraph(loopTarget: 'question' | 'message'): DrawflowDocument {
    const builder = flow().start();
    for (let i = 1; i < 10_000; i++) {
      if (i === 1 && loopTarget === 'question') {
        builder.then('question', { prompt: 'A number?', variable: 'n', validation: 'number' });
      } else if (i % 3 === 0) {
        builder.then(
          'condition',
          { rules: [{ variable: 'n', operator: 'gt', value: String(i) }] },
          { as: `c${i}` },
        );
      } else if (i % 3 === 1) {
        builder.then('message', { text: `Step ${i} for {{name}}` });
      } else {
        builder.then('set_variable', { assignments: [{ variable: 'n', value: String(i) }] });
      }
    }
    for (let i = 3; i < 10_000; i += 3) builder.at(`c${i}`, 'else').to('2');
    return builder.build();
  }

  it('validates and parses a 10,000-node graph with thousands of cycles through a question', () => {
    const doc = cyclicGraph('question');
    const problems = validateFlowGraph(doc, { trigger: 'lead' });
    const graph = parseFlowGraph(doc);
    assert.deepEqual(
      problems.map((problem) => problem.code),
      ['opening_template_required'],
    );
    assert.equal(Object.keys(graph.nodes).length, 10_000);
  });

  it('reports the same 10,000-node graph without the question as one loop that never waits', () => {
    const problems = validateFlowGraph(cyclicGraph('message'));
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.path]),
      [['loop_without_wait', 'nodes.2']],
    );
    assert.match(problems[0].message, /^Node 2 \(message\) —sent→ Node 3 \(set_variable\) —next→ Node 4 /);
  });

  it('reports every unreachable node of a large graph in one pass', () => {
    const builder = flow().start().then('end', {});
    for (let i = 0; i < 2000; i++) builder.add('message', { text: `orphan ${i}` });
    const problems = validateFlowGraph(builder.build());
    assert.equal(problems.length, 2000);
    assert.ok(problems.every((problem) => problem.code === 'unreachable_node'));
  });

  it('runs a question loop (a legal cycle that waits each turn)', () => {
    const graph = guessingGameLoop().graph();
    let step = startInbound(graph);
    for (const guess of ['1', '2', '3']) {
      step = reply(graph, step, guess);
      assert.deepEqual(sentTexts(step), ['No, try again.', 'Guess a number']);
    }
    step = reply(graph, step, '7');
    assert.deepEqual(sentTexts(step), ['Right!']);
    assertEnded(step, 'completed');
  });

  it('fails a loop that never waits with a clear reason instead of spinning', () => {
    const graph = flow()
      .start()
      .then('set_variable', { assignments: [{ variable: 'spins', value: '1' }] }, { as: 'spin' })
      .then(
        'condition',
        { rules: [{ variable: 'spins', operator: 'equals', value: 'never' }] },
        { as: 'check' },
      )
      .at('check', 'else')
      .to('spin')
      .graph();
    const step = startInbound(graph);
    assertEnded(step, 'failed', 'step_limit');
    assert.match(logs(step)[0].message, new RegExp(`ran ${MAX_STEPS_PER_RESUME} nodes without waiting`));
    assert.equal(step.state.steps, MAX_STEPS_PER_RESUME);
  });

  it('the step limit is per resume: a long flow that waits now and then runs to the end', () => {
    const builder = flow().start();
    for (let i = 1; i <= 2000; i++) {
      builder.then(
        i % 400 === 0 ? 'delay' : 'set_variable',
        i % 400 === 0
          ? { amount: 1, unit: 'seconds' }
          : { assignments: [{ variable: 'i', value: String(i) }] },
      );
    }
    const graph = builder.then('message', { text: 'Done at {{i}}' }).graph();
    let step = startInbound(graph);
    let timers = 0;
    while (step.wait?.kind === 'timer') {
      step = fireTimer(graph, step);
      timers++;
    }
    assert.equal(timers, 5);
    assert.deepEqual(sentTexts(step), ['Done at 1999']);
    assertEnded(step, 'completed');
  });
});
