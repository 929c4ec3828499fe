/**
 * Flows with loops, shared by the tests of the loop rule (validator, interpreter, API). Each returns
 * the builder, so a test takes `.build()` (Drawflow JSON) or `.graph()` (parsed, bypassing the
 * validator as a flow stored before the rule would).
 */
import { flow, type FlowBuilder } from './flow-builder';

/** A message wired to itself: node 2. */
export function messageSelfLoop(): FlowBuilder {
  return flow().start().then('message', { text: 'Again' }, { as: 'm' }).to('m');
}

/** Two messages wired to each other: nodes 2 and 3. */
export function messagePairLoop(): FlowBuilder {
  return flow().start().then('message', { text: 'A' }, { as: 'a' }).then('message', { text: 'B' }).to('a');
}

/** An http_request (node 2) whose failure output leads back to itself; success ends the run. */
export function httpFailureLoop(url = 'https://api.example.com/x'): FlowBuilder {
  return flow()
    .start()
    .then('http_request', { method: 'GET', url }, { as: 'call' })
    .then('end', {})
    .at('call', 'failure')
    .to('call');
}

/** Polls an API (node 2) until it answers 200, through a condition (node 3), with or without a delay. */
export function pollingLoop(options: { delay: boolean }): FlowBuilder {
  const builder = flow()
    .start()
    .then(
      'http_request',
      { method: 'GET', url: 'https://api.example.com/x', statusVariable: 's' },
      { as: 'poll' },
    )
    .then('condition', { rules: [{ variable: 's', operator: 'equals', value: '200' }] }, { as: 'ready' })
    .then('end', {})
    .at('ready', 'else');
  if (options.delay) builder.then('delay', { amount: 30, unit: 'seconds' });
  return builder.to('poll');
}

/** A question (node 2) that loops back on a wrong guess: the legal kind of loop. */
export function guessingGameLoop(): FlowBuilder {
  return flow()
    .start()
    .then('question', { prompt: 'Guess a number', variable: 'guess', validation: 'number' }, { as: 'ask' })
    .then('condition', { rules: [{ variable: 'guess', operator: 'equals', value: '7' }] }, { as: 'check' })
    .then('message', { text: 'Right!' })
    .at('check', 'else')
    .then('message', { text: 'No, try again.' })
    .to('ask');
}

/**
 * The conversation loop the benchmarks and restart tests drive: ask (node 2, with `prompt` if
 * given), echo "You said …", ask again; the question's timeout ends the run. Two sends per answer
 * with a prompt, one without.
 */
export function echoLoop(prompt?: string): FlowBuilder {
  return flow()
    .start()
    .then(
      'question',
      {
        ...(prompt === undefined ? {} : { prompt }),
        variable: 'last',
        validation: 'text',
        timeoutMinutes: 1440,
      },
      { as: 'ask' },
    )
    .then('message', { text: 'You said {{last}}' })
    .to('ask')
    .at('ask', 'timeout')
    .then('end', {});
}
