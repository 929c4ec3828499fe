import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFlowGraph, validateFlowGraph, type DrawflowDocument } from '../../workflows/engine';
import { flow } from '../support/flow-builder';
import {
  guessingGameLoop,
  httpFailureLoop,
  messagePairLoop,
  messageSelfLoop,
  pollingLoop,
} from '../support/loop-flows';

/** Flows with a loop and what the validator must say: null (valid), or the loop it names. */
const cases: { name: string; build: () => DrawflowDocument; loop: RegExp | null }[] = [
  {
    name: 'a message wired to itself',
    build: () => messageSelfLoop().build(),
    loop: /^Node 2 \(message\) —sent→ Node 2 \(message\) is a loop that never waits/,
  },
  {
    name: 'two messages wired to each other',
    build: () => messagePairLoop().build(),
    loop: /^Node 2 \(message\) —sent→ Node 3 \(message\) —sent→ Node 2 \(message\) is a loop/,
  },
  {
    name: 'an http_request whose failure output leads back to itself',
    build: () => httpFailureLoop().build(),
    loop: /^Node 2 \(http_request\) —failure→ Node 2 \(http_request\) is a loop/,
  },
  {
    name: 'polling an API through a condition without a delay',
    build: () => pollingLoop({ delay: false }).build(),
    loop: /^Node 2 \(http_request\) —success→ Node 3 \(condition\) —else→ Node 2/,
  },
  {
    name: 'an ai_reply wired to itself',
    build: () => flow().start().then('ai_reply', { systemPrompt: 'Chat' }, { as: 'ai' }).to('ai').build(),
    loop: /^Node 2 \(ai_reply\) —success→ Node 2 \(ai_reply\) is a loop/,
  },
  {
    name: 'buttons whose timeout re-sends a template and asks again (closed window)',
    build: () =>
      flow()
        .start()
        .then('buttons', { text: 'Pick', buttons: [{ title: 'Yes' }] }, { as: 'pick' })
        .then('end', {})
        .at('pick', 'timeout')
        .then('template', { name: 'reminder', language: 'en' })
        .to('pick')
        .build(),
    loop: /^Node 2 \(buttons\) —timeout→ Node 4 \(template\) —sent→ Node 2 \(buttons\) is a loop that never waits for the customer, a timer or an agent once the 24-hour window is closed/,
  },
  {
    name: 'a question with a prompt whose timeout re-sends a template (closed window)',
    build: () =>
      flow()
        .start()
        .then('question', { prompt: 'Email?', variable: 'email', validation: 'email' }, { as: 'ask' })
        .then('end', {})
        .at('ask', 'timeout')
        .then('template', { name: 'reminder', language: 'en' })
        .to('ask')
        .build(),
    loop: /Node 2 \(question\) —timeout→ Node 4 \(template\) —sent→ Node 2 \(question\) .* once the 24-hour window is closed/,
  },
  {
    name: 'a question that loops back on a wrong answer',
    build: () => guessingGameLoop().build(),
    loop: null,
  },
  {
    name: 'a question whose timeout sends a message and asks again (the message cannot send once the window is closed)',
    build: () =>
      flow()
        .start()
        .then(
          'question',
          { prompt: 'Email?', variable: 'email', validation: 'email', timeoutMinutes: 60 },
          { as: 'ask' },
        )
        .then('end', {})
        .at('ask', 'timeout')
        .then('message', { text: 'Still there?' })
        .to('ask')
        .build(),
    loop: null,
  },
  {
    name: 'a template followed by a question without a prompt, looping on timeout',
    build: () =>
      flow()
        .start()
        .then('template', { name: 'ask_email', language: 'en' }, { as: 'nudge' })
        .then('question', { variable: 'email', validation: 'email', timeoutMinutes: 60 }, { as: 'ask' })
        .then('end', {})
        .at('ask', 'timeout')
        .to('nudge')
        .build(),
    loop: null,
  },
  {
    name: 'polling an API with a delay in the loop',
    build: () => pollingLoop({ delay: true }).build(),
    loop: null,
  },
  {
    name: 'an AI chat that hands off and comes back',
    build: () =>
      flow()
        .start()
        .then('ai_reply', { systemPrompt: 'Chat' }, { as: 'ai' })
        .then('handoff', { timeoutMinutes: 30 })
        .to('ai')
        .build(),
    loop: null,
  },
];

describe('validateFlowGraph: loops that never wait', () => {
  for (const { name, build, loop } of cases) {
    it(`${loop ? 'refuses' : 'accepts'} ${name}`, () => {
      const problems = validateFlowGraph(build());
      if (loop === null) {
        assert.deepEqual(problems, []);
        return;
      }
      assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
      const [problem] = problems;
      assert.equal(problem.code, 'loop_without_wait');
      assert.equal(problem.path, 'nodes.2');
      assert.equal(problem.nodeId, '2');
      assert.match(problem.message, loop);
    });
  }

  it('reports each separate loop once', () => {
    const doc = flow()
      .start()
      .then('message', { text: 'A' }, { as: 'a' })
      .to('a')
      .via('window_closed')
      .then('message', { text: 'b' }, { as: 'b' })
      .to('b')
      .build();
    const problems = validateFlowGraph(doc);
    assert.deepEqual(
      problems.map((problem) => [problem.code, problem.path]),
      [
        ['loop_without_wait', 'nodes.2'],
        ['loop_without_wait', 'nodes.3'],
      ],
    );
  });

  it('still lets a stored flow with such a loop be parsed, so runs already started keep going', () => {
    const doc = messageSelfLoop().build();
    assert.equal(parseFlowGraph(doc).nodes['2'].next[0], '2');
  });
});
