import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resumeFlow, startFlow, TRANSCRIPT_LIMIT, type FlowState } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { MINUTE, T0 } from './engine-test-kit';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('FlowState', () => {
  const graph = flow()
    .start()
    .then('question', { prompt: 'Name?', variable: 'name', validation: 'text' })
    .then('ai_reply', { systemPrompt: 'Greet {{name}}' })
    .then('end', {})
    .graph();

  it('is plain JSON and the engine never mutates the state it is given', () => {
    const started = startFlow(graph, {
      now: T0,
      trigger: 'inbound',
      inboundMessage: { text: 'hi', at: T0 },
    });
    const frozen = deepFreeze(JSON.parse(JSON.stringify(started.state)) as FlowState);
    assert.deepEqual(frozen, started.state, 'round-trips through JSON unchanged');
    const next = resumeFlow(graph, frozen, {
      type: 'customer_message',
      messageId: 'm1',
      text: 'Ann',
      at: T0 + MINUTE,
    });
    assert.equal(next.state.variables.name, 'Ann');
    assert.equal(frozen.variables.name, undefined);
  });

  it('is deterministic: the same events give the same steps, ids included', () => {
    const run = () => {
      const first = startFlow(graph, {
        now: T0,
        trigger: 'inbound',
        inboundMessage: { text: 'hi', at: T0 },
      });
      return resumeFlow(graph, first.state, {
        type: 'customer_message',
        messageId: 'm1',
        text: 'Ann',
        at: T0 + MINUTE,
      });
    };
    assert.deepEqual(run(), run());
    assert.deepEqual(run().wait, { kind: 'effect', nodeId: '3', effectId: 'ai_reply:3:2' });
  });

  it('keeps a bounded transcript (the latest TRANSCRIPT_LIMIT entries)', () => {
    const chatty = flow()
      .start()
      .then('buttons', { text: 'Pick one', buttons: [{ title: 'A' }] })
      .graph();
    let step = startFlow(chatty, {
      now: T0,
      trigger: 'inbound',
      inboundMessage: { text: 'hi', at: T0 },
    });
    for (let i = 1; i <= 20; i++) {
      step = resumeFlow(chatty, step.state, {
        type: 'customer_message',
        messageId: `m${i}`,
        text: `w${i}`,
        at: T0 + i * MINUTE,
      });
      assert.equal(step.state.transcript.length, Math.min(TRANSCRIPT_LIMIT, 2 + 2 * i));
    }
    assert.equal(step.state.transcript.at(-2)?.text, 'w20');
    assert.equal(step.state.transcript[0].text, 'w6');
  });

  it('converts initial variables to JSON values', () => {
    const step = startFlow(flow().start().then('end', {}).graph(), {
      now: T0,
      trigger: 'lead',
      variables: { when: new Date(T0), nothing: undefined, nested: { a: [1, 'b'] } },
    });
    assert.deepEqual(step.state.variables, {
      when: new Date(T0).toISOString(),
      nothing: null,
      nested: { a: [1, 'b'] },
    });
  });
});
