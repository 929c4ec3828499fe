import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  TURN_LIMITS,
  TURN_LIMIT_REASONS,
  type FlowGraph,
  type Step,
  type TurnCounts,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { httpFailureLoop, messageSelfLoop } from '../support/loop-flows';
import {
  assertEnded,
  effectFails,
  effectSucceeds,
  effects,
  logs,
  reply,
  sent,
  startInbound,
} from './engine-test-kit';

/** More events than any bound allows: a run still going after this many would never stop. */
const RUNAWAY = 1_000;

/** Runs the turn through, answering every effect, and collects what the whole turn did. */
function runTurn(
  graph: FlowGraph,
  first: Step,
  answer: (step: Step) => Step,
): { last: Step; sends: number; effects: number; logs: string[] } {
  let step = first;
  let sends = sent(step).length;
  let effectCount = effects(step).length;
  const lines = logs(step).map((line) => line.message);
  for (let i = 0; step.wait?.kind === 'effect' && i < RUNAWAY; i++) {
    step = answer(step);
    sends += sent(step).length;
    effectCount += effects(step).length;
    lines.push(...logs(step).map((line) => line.message));
  }
  return { last: step, sends, effects: effectCount, logs: lines };
}

/**
 * Graphs a validator now refuses, fed straight to the interpreter as a flow stored before the rule
 * would be: each must stop at its bound with a clear failure.
 */
const runaways: {
  name: string;
  graph: () => FlowGraph;
  answer: (graph: FlowGraph, step: Step) => Step;
  limit: keyof TurnCounts;
  sends: number;
  effects: number;
}[] = [
  {
    name: 'a message wired to itself',
    graph: () => messageSelfLoop().graph(),
    answer: (graph, step) => step,
    limit: 'sends',
    sends: TURN_LIMITS.sends,
    effects: 0,
  },
  {
    name: 'an http_request looping on its failure output',
    graph: () => httpFailureLoop().graph(),
    answer: (graph, step) => effectFails(graph, step, 'HTTP 503'),
    limit: 'httpRequests',
    sends: 0,
    effects: TURN_LIMITS.httpRequests,
  },
  {
    name: 'an ai_reply wired to itself (it sends each answer)',
    graph: () => flow().start().then('ai_reply', { systemPrompt: 'Chat' }, { as: 'ai' }).to('ai').graph(),
    answer: (graph, step) => effectSucceeds(graph, step, { text: 'More!' }),
    limit: 'aiCalls',
    sends: TURN_LIMITS.aiCalls,
    effects: TURN_LIMITS.aiCalls,
  },
];

describe('interpreter: limits per turn', () => {
  for (const { name, graph: build, answer, limit, sends, effects: effectCount } of runaways) {
    it(`stops ${name} at ${TURN_LIMITS[limit]} ${limit} with reason ${TURN_LIMIT_REASONS[limit]}`, () => {
      const graph = build();
      const turn = runTurn(graph, startInbound(graph), (step) => answer(graph, step));
      assertEnded(turn.last, 'failed', TURN_LIMIT_REASONS[limit]);
      assert.equal(turn.sends, sends);
      assert.equal(turn.effects, effectCount);
      assert.equal(turn.logs.at(-1), logLine(limit));
    });
  }

  it('counts per turn: a reply starts a new one, so a long conversation is not stopped', () => {
    const builder = flow().start();
    builder.then('question', { prompt: 'Next?', variable: 'x', validation: 'text' }, { as: 'ask' });
    for (let i = 0; i < TURN_LIMITS.sends - 2; i++) builder.then('message', { text: `Line ${i}` });
    const graph = builder.to('ask').graph();
    let step = startInbound(graph);
    let total = sent(step).length;
    for (let turn = 0; turn < 5; turn++) {
      step = reply(graph, step, 'go');
      assert.equal(sent(step).length, TURN_LIMITS.sends - 1, 'the messages and the question again');
      total += sent(step).length;
    }
    assert.equal(step.state.status, 'active');
    assert.equal(step.wait?.kind, 'reply');
    assert.ok(total > 4 * TURN_LIMITS.sends);
  });

  it('counts the effects of one turn across their results', () => {
    const builder = flow().start();
    for (let i = 0; i < TURN_LIMITS.httpRequests; i++)
      builder.then('http_request', { method: 'GET', url: `https://api.example.com/${i}` });
    const graph = builder.then('message', { text: 'Done' }).graph();
    const exactly = runTurn(graph, startInbound(graph), (step) =>
      effectSucceeds(graph, step, { status: 200, body: {} }),
    );
    assertEnded(exactly.last, 'completed');
    assert.equal(exactly.effects, TURN_LIMITS.httpRequests);

    const longer = flow().start();
    for (let i = 0; i <= TURN_LIMITS.httpRequests; i++)
      longer.then('http_request', { method: 'GET', url: `https://api.example.com/${i}` });
    const tooLong = longer.graph();
    const over = runTurn(tooLong, startInbound(tooLong), (step) =>
      effectSucceeds(tooLong, step, { status: 200, body: {} }),
    );
    assertEnded(over.last, 'failed', 'http_request_limit');
    assert.equal(over.effects, TURN_LIMITS.httpRequests);
  });
});

function logLine(limit: keyof TurnCounts): string {
  const what = { sends: 'messages', httpRequests: 'HTTP requests', aiCalls: 'LLM calls' }[limit];
  return `The flow made ${TURN_LIMITS[limit]} ${what} without waiting for the customer, a timer or an agent (the limit per turn), so it was stopped before making more: it loops without waiting (reason ${TURN_LIMIT_REASONS[limit]}).`;
}
