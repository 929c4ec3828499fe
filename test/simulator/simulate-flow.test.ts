import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { simulateFlow, type SimulationInput } from '../../api/simulator/simulate-flow';
import { SimulationScriptError } from '../../api/simulator/simulation-script-error';
import { compileFlow, type FlowGraph } from '../../workflows/engine';
import { flow, type FlowBuilder } from '../support/flow-builder';
import { reminderFlow } from './reminder-flow';

/** The graph a route would simulate: validated and compiled like a stored flow. */
function compiled(builder: FlowBuilder): FlowGraph {
  const { graph, problems } = compileFlow(builder.build());
  assert.ok(graph, JSON.stringify(problems));
  return graph;
}

const T0 = Date.parse('2026-11-30T09:00:00.000Z');
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

function simulate(overrides: Partial<SimulationInput>) {
  return simulateFlow({
    graph: compiled(reminderFlow()),
    trigger: 'lead',
    startAt: T0,
    variables: { name: 'Dana' },
    script: [],
    answers: {},
    ...overrides,
  });
}

describe('simulateFlow', () => {
  test('a 3-day flow: the reply wait ends with the window, and the run ends on the timeout path', () => {
    const result = simulate({ script: [{ wait: '+2h' }, { customer: 'Friday 10am' }, { wait: '+3d' }] });

    assert.deepEqual(
      result.steps.map((step) => [step.at, step.input.type, step.messages.map((message) => message.text)]),
      [
        [iso(0), 'start', ['[template appointment_reminder] Dana']],
        [iso(2 * HOUR), 'customer', ['Thanks Dana, see you Friday 10am.', 'Anything else?']],
        [iso(26 * HOUR), 'timer', ['[template we_missed_you]']],
      ],
    );
    const [opening, answered, expired] = result.steps;
    assert.deepEqual(opening.waiting, { nodeId: '3', for: 'customer_reply', until: iso(72 * HOUR) });
    assert.equal(opening.window.open, false);
    assert.deepEqual(answered.window, { open: true, closesAt: iso(26 * HOUR) });
    // The second question waits as long as the window, not for ever.
    assert.deepEqual(answered.waiting, { nodeId: '5', for: 'customer_reply', until: iso(26 * HOUR) });
    assert.deepEqual(answered.variables, { name: 'Dana', slot: 'Friday 10am' });
    assert.equal(expired.window.open, false);
    assert.deepEqual(
      [opening.path, answered.path, expired.path],
      [
        ['1', '2', '3'],
        ['4', '5'],
        ['7', '8'],
      ],
    );
    // The second question was left by its timeout port when the window closed, after 24 hours there.
    const timedOut = expired.transitions.find((move) => move.kind === 'left');
    assert.deepEqual(
      timedOut && {
        nodeId: timedOut.nodeId,
        port: timedOut.port,
        timedOut: timedOut.timedOut,
        spentMs: timedOut.spentMs,
      },
      { nodeId: '5', port: 'timeout', timedOut: true, spentMs: 24 * HOUR },
    );
    assert.deepEqual(result.outcome, {
      status: 'failed',
      reason: 'went_quiet',
      nodeId: '8',
      at: iso(26 * HOUR),
    });
    assert.equal(result.endedAt, iso(74 * HOUR));
    assert.deepEqual(result.warnings, []);
  });

  test('a script that ends first leaves the run waiting, with its deadline', () => {
    const result = simulate({ script: [{ wait: '+1d' }] });
    assert.equal(result.outcome.status, 'waiting');
    assert.equal(result.outcome.nodeId, '3');
    assert.deepEqual(result.steps.at(-1)?.waiting, {
      nodeId: '3',
      for: 'customer_reply',
      until: iso(72 * HOUR),
    });
  });

  test('script entries after the end are reported, not played', () => {
    const result = simulate({ script: [{ wait: '+4d' }, { customer: 'too late' }] });
    assert.equal(result.outcome.reason, 'no_slot');
    assert.deepEqual(result.warnings, ['script[1] was not played: the flow had already ended']);
  });

  test('buttons are chosen by title or id, and canned answers feed http_request and ai_reply nodes', () => {
    const graph = flow()
      .start()
      .then(
        'buttons',
        { text: 'Pick one', buttons: [{ title: 'Status' }, { title: 'Human' }] },
        { as: 'menu' },
      )
      .then('http_request', {
        method: 'GET',
        url: 'https://shop.example/orders',
        responseMapping: [{ path: 'state', variable: 'state' }],
      })
      .then('ai_reply', { systemPrompt: 'Answer briefly', send: true })
      .then('end', {})
      .at('menu', 'button_2')
      .then('handoff', {});
    const result = simulateFlow({
      graph: compiled(graph),
      trigger: 'inbound',
      startAt: T0,
      script: [{ customer: 'hi' }, { choose: 'status' }],
      answers: { '3': { status: 200, body: { state: 'shipped' } }, '4': { text: 'It shipped today.' } },
    });
    const texts = result.steps.flatMap((step) => step.messages.map((message) => message.text));
    assert.deepEqual(texts, ['Pick one\n[Status] [Human]', 'It shipped today.']);
    const choice = result.steps.find((step) => step.scriptIndex === 1)?.input;
    assert.equal(choice?.type === 'customer' && choice.text, 'Status');
    assert.ok(
      choice?.type === 'customer' && choice.choice,
      'the choice is sent as the button id, as WhatsApp does',
    );
    assert.equal(result.steps.at(-1)?.variables.state, 'shipped');
    assert.equal(result.outcome.status, 'completed');
  });

  test('a choice no message offered is a script error naming what was offered', () => {
    assert.throws(
      () => simulate({ script: [{ choose: 'yes' }] }),
      (error: unknown) => error instanceof SimulationScriptError && /none was sent/.test(error.message),
    );
  });

  test('an effect without a canned answer fails like an unreachable service and says so', () => {
    const graph = flow()
      .start()
      .then('http_request', { method: 'GET', url: 'https://shop.example/x' })
      .then('end', {});
    const result = simulateFlow({
      graph: compiled(graph),
      trigger: 'inbound',
      startAt: T0,
      script: [{ customer: 'hi' }],
      answers: {},
    });
    assert.equal(result.outcome.status, 'failed');
    assert.match(result.warnings.join('\n'), /No canned answer for http_request node 2/);
  });

  test('quick messages of a flow that merges bursts get one answer, also when the script ends on them', () => {
    const graph = flow()
      .add('start', { mergeMessagesWithinMs: 3_000 })
      .then('question', { variable: 'order', validation: 'text' })
      .then('message', { text: 'One {{order}} coming up' })
      .then('end', {});
    const result = simulateFlow({
      graph: compiled(graph),
      trigger: 'inbound',
      startAt: T0,
      script: [{ customer: 'hi' }, { customer: 'a pizza' }, { wait: '+2s' }, { customer: 'with olives' }],
      answers: {},
    });
    assert.deepEqual(
      result.steps.map((step) => [step.at, step.input.type, step.messages.map((message) => message.text)]),
      [
        [iso(0), 'start', []],
        [iso(0), 'customer', []],
        [iso(2_000), 'customer', []],
        [iso(5_000), 'timer', ['One a pizza\nwith olives coming up']],
      ],
    );
    assert.equal(result.outcome.status, 'completed');
  });
});
