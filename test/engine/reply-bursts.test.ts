/**
 * Bursts (interpreter/reply-burst.ts): with `mergeMessagesWithinMs` set on the start node, free-text
 * messages a few seconds apart answer a reply wait once, joined; taps answer at once; a burst ends
 * within its cap and the reply's deadline; agents and stops interrupt it cleanly. Graphs without the
 * setting (parsed Drawflow, older snapshots) answer every message at once, as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileFlow,
  parseFlowGraph,
  resumeFlow,
  validateFlowGraph,
  type DrawflowDocument,
  type FlowGraph,
  type Step,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import {
  assertEnded,
  assertWaiting,
  effects,
  effectSucceeds,
  fireTimer,
  MINUTE,
  reply,
  sentTexts,
  startInbound,
  T0,
} from './engine-test-kit';

const GAP = 3_000;
const SECOND = 1_000;

/** The snapshot a run receives (compileFlow), as the API builds it. */
function compiled(doc: DrawflowDocument): FlowGraph {
  const { graph, problems } = compileFlow(doc);
  assert.ok(graph, JSON.stringify(problems));
  return graph;
}

/** start (merging within `gap`; null leaves the setting out) → question → "You said {{answer}}" → question → "Then {{more}}". */
function questionFlow(gap: number | null = GAP, timeoutMinutes?: number): DrawflowDocument {
  return flow()
    .add('start', gap === null ? {} : { mergeMessagesWithinMs: gap })
    .then('question', {
      prompt: 'What would you like?',
      variable: 'answer',
      validation: 'text',
      timeoutMinutes,
    })
    .then('message', { text: 'You said {{answer}}' })
    .then('question', { variable: 'more', validation: 'text' })
    .then('message', { text: 'Then {{more}}' })
    .build();
}

/** When the run's current wait ends by itself (its timer). */
function deadlineOf(step: Step): number | null | undefined {
  return step.wait && 'deadlineAt' in step.wait ? step.wait.deadlineAt : undefined;
}

/** The customer writes each text, one `apart` ms after the other, from T0 + 1 min. */
function writes(graph: FlowGraph, step: Step, texts: string[], apart = SECOND): Step {
  return texts.reduce((current, text, i) => reply(graph, current, text, T0 + MINUTE + i * apart), step);
}

describe('reply bursts', () => {
  it('answers three messages in a burst once, with their texts joined, when the customer pauses', () => {
    const graph = compiled(questionFlow());
    const burst = writes(graph, startInbound(graph), ['hi', 'I would like', 'a pizza']);
    assert.deepEqual(burst.actions, [], 'nothing is answered while the customer is still writing');
    assertWaiting(burst, 'burst', '2');
    assert.equal(deadlineOf(burst), T0 + MINUTE + 2 * SECOND + GAP, 'the gap counts from the last message');

    const answered = fireTimer(graph, burst);
    assert.deepEqual(sentTexts(answered), ['You said hi\nI would like\na pizza']);
    assert.equal(answered.state.variables.answer, 'hi\nI would like\na pizza');
    assertWaiting(answered, 'reply', '4');
    assert.deepEqual(
      answered.state.transcript.filter((entry) => entry.role === 'customer').map((entry) => entry.text),
      ['hi', 'hi\nI would like\na pizza'],
      'the burst is one customer turn in the transcript',
    );
  });

  it('answers a single message once the gap has passed', () => {
    const graph = compiled(questionFlow());
    const burst = writes(graph, startInbound(graph), ['pizza']);
    assert.equal(deadlineOf(burst), T0 + MINUTE + GAP);
    assert.deepEqual(sentTexts(fireTimer(graph, burst)), ['You said pizza']);
  });

  it('a message after the burst was answered answers the next wait', () => {
    const graph = compiled(questionFlow());
    const answered = fireTimer(graph, writes(graph, startInbound(graph), ['pizza']));
    const next = fireTimer(graph, reply(graph, answered, 'with olives', T0 + 2 * MINUTE));
    assert.deepEqual(sentTexts(next), ['Then with olives']);
    assertEnded(next, 'completed');
  });

  const answeredAtOnce: [string, () => FlowGraph][] = [
    [
      'a parsed Drawflow document, as runs started before compiled snapshots read it',
      () => parseFlowGraph(questionFlow()),
    ],
    ['a snapshot compiled before the setting existed', () => withoutSetting(compiled(questionFlow()))],
    ['a flow that leaves the setting out (default off)', () => compiled(questionFlow(null))],
    ['a flow that sets 0', () => compiled(questionFlow(0))],
  ];
  for (const [label, build] of answeredAtOnce) {
    it(`answers each message at once for ${label}`, () => {
      const graph = build();
      const step = writes(graph, startInbound(graph), ['hi', 'pizza']);
      assert.equal(step.state.variables.answer, 'hi');
      assert.equal(step.state.variables.more, 'pizza');
      assertEnded(step, 'completed');
    });
  }

  it('compileFlow writes the start node setting into the snapshot, 0 when left out', () => {
    assert.equal(compiled(questionFlow(2_500)).mergeMessagesWithinMs, 2_500);
    assert.equal(compiled(questionFlow(null)).mergeMessagesWithinMs, 0);
  });

  it('ends a burst at most a minute after its first message, however fast the customer keeps writing', () => {
    const graph = compiled(questionFlow(10_000));
    const texts = Array.from({ length: 10 }, (_, i) => `part ${i + 1}`);
    const step = writes(graph, startInbound(graph), texts, 8 * SECOND);
    assert.equal(deadlineOf(step), T0 + MINUTE + 60 * SECOND);
    const answered = fireTimer(graph, step);
    assert.equal(answered.state.variables.answer, texts.join('\n'));
  });

  it("never outlives the question's own timeout: the burst is the answer when the timeout comes", () => {
    const graph = compiled(questionFlow(GAP, 1));
    // The question was asked at T0; its timeout is T0 + 1 min.
    const step = reply(graph, startInbound(graph), 'just in time', T0 + MINUTE - SECOND);
    assert.equal(deadlineOf(step), T0 + MINUTE);
    assert.deepEqual(sentTexts(fireTimer(graph, step)), ['You said just in time']);
  });

  describe('choice nodes', () => {
    const buttons = () =>
      compiled(
        flow()
          .add('start', { mergeMessagesWithinMs: GAP })
          .then(
            'buttons',
            { text: 'Pick', buttons: [{ title: 'Yes' }, { title: 'No' }], variable: 'pick' },
            { as: 'pick' },
          )
          .then('message', { text: 'Yes!' })
          .at('pick', 'button_2')
          .then('message', { text: 'No!' })
          .at('pick', 'other')
          .then('message', { text: 'You wrote {{pick}}' })
          .build(),
      );

    it('a tap answers at once, and ends a burst typed before it', () => {
      const graph = buttons();
      const typing = reply(graph, startInbound(graph), 'hmm', T0 + MINUTE);
      assertWaiting(typing, 'burst', '2');
      const tapped = reply(graph, typing, 'No', T0 + MINUTE + SECOND, '2.button_2');
      assert.deepEqual(sentTexts(tapped), ['No!']);
      assert.equal(tapped.state.variables.pick, 'No');
      assertEnded(tapped, 'completed');
      assert.deepEqual(
        resumeFlow(graph, tapped.state, { type: 'timer_fired', timerId: 'burst:2:2', at: T0 + 2 * MINUTE })
          .actions,
        [],
      );
    });

    it('typed messages in a burst are one `other` answer, not one each', () => {
      const graph = buttons();
      const answered = fireTimer(graph, writes(graph, startInbound(graph), ['not sure', 'maybe later']));
      assert.deepEqual(sentTexts(answered), ['You wrote not sure\nmaybe later']);
    });
  });

  describe('AI nodes after the answer', () => {
    const aiFlow = () =>
      compiled(
        flow()
          .add('start', { mergeMessagesWithinMs: GAP })
          .then('question', { variable: 'ask', validation: 'text' })
          .then('ai_router', { intents: [{ name: 'order', description: 'wants to order' }] }, { as: 'route' })
          .then('ai_reply', { systemPrompt: 'Take the order.' })
          .build(),
      );

    it('the router classifies the whole burst and the reply sees it as one customer turn', () => {
      const graph = aiFlow();
      const answered = fireTimer(graph, writes(graph, startInbound(graph), ['hi', 'I want', 'a pizza']));
      const [route] = effects(answered);
      assert.equal(route.kind === 'ai_router' && route.request.input, 'hi\nI want\na pizza');
      const [ai] = effects(effectSucceeds(graph, answered, { intent: 'order' }));
      assert.deepEqual(ai.kind === 'ai_reply' && ai.request.messages, [
        { role: 'user', content: 'hi' },
        { role: 'user', content: 'hi\nI want\na pizza' },
      ]);
    });
  });

  describe('agents and stops', () => {
    const takeOver = (graph: FlowGraph, step: Step, at: number) =>
      resumeFlow(graph, step.state, { type: 'agent_takeover', at, agentId: 'agent-1' });

    it('a takeover pauses the reply wait the burst answers; on release the question waits afresh', () => {
      const graph = compiled(questionFlow());
      const burst = writes(graph, startInbound(graph), ['hi', 'is anyone there?']);
      const taken = takeOver(graph, burst, T0 + MINUTE + 2 * SECOND);
      assertWaiting(taken, 'handoff', '2');
      assert.equal(taken.state.handoff?.paused?.kind, 'reply');
      const lateTimer = resumeFlow(graph, taken.state, {
        type: 'timer_fired',
        timerId: burst.wait?.kind === 'burst' ? burst.wait.timerId : '',
        at: T0 + 2 * MINUTE,
      });
      assert.deepEqual(lateTimer.actions, [], "the burst's timer answers nothing once an agent is in charge");
      const released = resumeFlow(graph, lateTimer.state, { type: 'agent_release', at: T0 + 3 * MINUTE });
      assertWaiting(released, 'reply', '2');
      assert.equal(released.state.variables.answer, undefined, 'what the agent handled is not the answer');
      const again = fireTimer(graph, reply(graph, released, 'a pizza', T0 + 4 * MINUTE));
      assert.deepEqual(sentTexts(again), ['You said a pizza']);
    });

    it('a stop during a burst ends the run and its timer answers nothing', () => {
      const graph = compiled(questionFlow());
      const burst = writes(graph, startInbound(graph), ['hi']);
      const stopped = resumeFlow(graph, burst.state, { type: 'stop', at: T0 + MINUTE + SECOND });
      assertEnded(stopped, 'stopped');
      assert.deepEqual(fireTimer(graph, { ...stopped, wait: burst.wait }).actions, []);
    });
  });

  describe('validation of the setting', () => {
    const cases: [string, unknown, RegExp][] = [
      ['more than 30 s', 30_001, /At most 30000 ms/],
      ['negative', -1, /cannot be negative/],
      ['a fraction', 1.5, /Whole milliseconds/],
      ['text', '3000', /Expected a number/],
    ];
    for (const [label, value, message] of cases) {
      it(`refuses ${label}`, () => {
        const doc = questionFlow();
        doc.drawflow.Home.data['1'].data = { mergeMessagesWithinMs: value };
        const problems = validateFlowGraph(doc);
        assert.equal(problems.length, 1, JSON.stringify(problems));
        assert.equal(problems[0].path, 'nodes.1.data.mergeMessagesWithinMs');
        assert.match(problems[0].message, message);
      });
    }
  });
});

/** A compiled snapshot as the API built them before the setting existed. */
function withoutSetting(graph: FlowGraph): FlowGraph {
  const { mergeMessagesWithinMs: _dropped, ...older } = graph;
  return older;
}
