import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  resumeFlow,
  startFlow,
  validateFlowGraph,
  type FlowEvent,
  type FlowGraph,
  type FlowState,
  type OutgoingMessage,
  type Step,
} from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import { HOUR, MINUTE, T0 } from './engine-test-kit';

/**
 * A whole conversation as the workflow drives it: after each step the state goes through JSON
 * (as it would across continue-as-new) and the next event is built from what the step waits for.
 */
function drive(
  graph: FlowGraph,
  first: Step,
  script: ((step: Step) => FlowEvent)[],
): { steps: Step[]; messages: OutgoingMessage[] } {
  const steps = [first];
  for (const next of script) {
    const previous = steps[steps.length - 1];
    const carried = JSON.parse(JSON.stringify(previous.state)) as FlowState;
    steps.push(resumeFlow(graph, carried, next(previous)));
  }
  const messages = steps.flatMap((step) =>
    step.actions.flatMap((action) => (action.type === 'send' ? [action.message] : [])),
  );
  return { steps, messages };
}

const customer = (text: string, at: number, payload?: string) => (): FlowEvent => ({
  type: 'customer_message',
  messageId: `wamid.${at}`,
  text,
  payload,
  at,
});

const effectAnswer =
  (value: unknown, at: number) =>
  (step: Step): FlowEvent => {
    assert.equal(step.wait?.kind, 'effect');
    return {
      type: 'effect_result',
      effectId: step.wait?.kind === 'effect' ? step.wait.effectId : '',
      ok: true,
      value,
      at,
    };
  };

describe('a whole conversation', () => {
  const builder = flow()
    .start()
    .then('template', { name: 'order_ready', language: 'en', bodyParams: ['{{name}}'] })
    .then(
      'question',
      { variable: 'wants_help', validation: 'choice', choices: ['Yes', 'No'], timeoutMinutes: 24 * 60 },
      { as: 'ask' },
    )
    .then(
      'condition',
      { rules: [{ variable: 'wants_help', operator: 'equals', value: 'yes' }] },
      { as: 'help?' },
    )
    .then('question', {
      prompt: 'What is your question, {{name}}?',
      variable: 'question',
      validation: 'text',
    })
    .then(
      'ai_reply',
      { systemPrompt: 'Answer {{name}} about order {{order}}.', variable: 'answer' },
      { as: 'ai' },
    )
    .then(
      'buttons',
      { text: 'Did that help?', buttons: [{ title: 'Yes' }, { title: 'Talk to a human' }] },
      { as: 'helped' },
    )
    .then('end', {})
    .at('helped', 'button_2')
    .then('handoff', { message: 'An agent will take over.', timeoutMinutes: 120 }, { as: 'human' })
    .then('message', { text: 'Glad we could help, {{name}}!' })
    .then('end', {})
    .at('help?', 'else')
    .then('message', { text: 'OK, have a nice day.' })
    .at('ask', 'timeout')
    .then('end', { outcome: 'failed', reason: 'no_answer' })
    .at('ai', 'failure')
    .to('human')
    .at('human', 'timeout')
    .then('message', { text: 'Sorry for the wait.' });

  it('the flow is valid for an outbound trigger', () => {
    assert.deepEqual(validateFlowGraph(builder.build(), { trigger: 'outbound' }), []);
  });

  it('template → question → reply → condition → ai_reply → handoff → release → end', () => {
    const graph = builder.graph();
    const first = startFlow(graph, {
      now: T0,
      trigger: 'outbound',
      variables: { name: 'Ann', order: 'A-17' },
    });
    const { steps, messages } = drive(graph, first, [
      customer('yes', T0 + HOUR),
      customer('Where is my parcel?', T0 + HOUR + MINUTE),
      effectAnswer({ text: 'It arrives tomorrow.' }, T0 + HOUR + 2 * MINUTE),
      customer('Talk to a human', T0 + HOUR + 3 * MINUTE, '7.button_2'),
      customer('Hello?', T0 + HOUR + 4 * MINUTE),
      () => ({ type: 'agent_release', at: T0 + HOUR + 30 * MINUTE }),
    ]);
    assert.deepEqual(messages, [
      { kind: 'template', name: 'order_ready', language: 'en', bodyParams: ['Ann'] },
      { kind: 'text', body: 'What is your question, Ann?' },
      { kind: 'text', body: 'It arrives tomorrow.' },
      {
        kind: 'buttons',
        body: 'Did that help?',
        buttons: [
          { id: '7.button_1', title: 'Yes' },
          { id: '7.button_2', title: 'Talk to a human' },
        ],
      },
      { kind: 'text', body: 'An agent will take over.' },
      { kind: 'text', body: 'Glad we could help, Ann!' },
    ]);
    const effect = steps[2].actions.find((action) => action.type === 'effect');
    assert.ok(effect?.type === 'effect' && effect.kind === 'ai_reply');
    assert.equal(effect.request.systemPrompt, 'Answer Ann about order A-17.');
    assert.deepEqual(effect.request.messages, [
      { role: 'assistant', content: '[template order_ready] Ann' },
      { role: 'user', content: 'yes' },
      { role: 'assistant', content: 'What is your question, Ann?' },
      { role: 'user', content: 'Where is my parcel?' },
    ]);
    const statusTrail = steps.flatMap((step) =>
      step.actions.flatMap((action) => (action.type === 'status' ? [action.status] : [])),
    );
    assert.deepEqual(statusTrail, ['handoff', 'active', 'completed']);
    const last = steps[steps.length - 1];
    assert.equal(last.wait, null);
    assert.equal(last.state.status, 'completed');
    assert.deepEqual(
      {
        wants_help: last.state.variables.wants_help,
        question: last.state.variables.question,
        answer: last.state.variables.answer,
      },
      { wants_help: 'Yes', question: 'Where is my parcel?', answer: 'It arrives tomorrow.' },
    );
  });

  it('the "no" branch and the timeout branch', () => {
    const graph = builder.graph();
    const start = () => startFlow(graph, { now: T0, trigger: 'outbound', variables: { name: 'Bo' } });
    const no = drive(graph, start(), [customer('2', T0 + HOUR)]);
    assert.deepEqual(no.messages.slice(1), [{ kind: 'text', body: 'OK, have a nice day.' }]);
    const silent = drive(graph, start(), [
      (step) => ({
        type: 'timer_fired',
        timerId: step.wait?.kind === 'reply' ? step.wait.timerId : '',
        at: T0 + 24 * HOUR,
      }),
    ]);
    assert.equal(silent.steps[1].state.status, 'failed');
    assert.equal(silent.steps[1].state.reason, 'no_answer');
  });

  it('an unanswered handoff times out to its timeout branch', () => {
    const graph = builder.graph();
    const first = startFlow(graph, { now: T0, trigger: 'outbound', variables: { name: 'Cy' } });
    const { messages, steps } = drive(graph, first, [
      customer('yes', T0 + HOUR),
      customer('Help', T0 + HOUR + MINUTE),
      (step) => ({
        type: 'effect_result',
        effectId: step.wait?.kind === 'effect' ? step.wait.effectId : '',
        ok: false,
        error: 'LLM down',
        at: T0 + HOUR + 2 * MINUTE,
      }),
      (step) => ({
        type: 'timer_fired',
        timerId: step.wait?.kind === 'handoff' ? step.wait.timerId : '',
        at: T0 + HOUR + 122 * MINUTE,
      }),
    ]);
    assert.deepEqual(messages.slice(-2), [
      { kind: 'text', body: 'An agent will take over.' },
      { kind: 'text', body: 'Sorry for the wait.' },
    ]);
    assert.equal(steps[steps.length - 1].state.status, 'completed');
  });
});
