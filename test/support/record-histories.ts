/**
 * Records the histories that test/workflows/history-replay.test.ts replays: a few conversations run
 * by the current workflow code on a real Temporal dev server, each history saved as JSON under
 * test/fixtures/histories/. Record them before a change to the workflows or the engine, keep them,
 * and the replay test proves that runs started before the change still replay after it.
 *
 *   npx tsx test/support/record-histories.ts [label] [scenario…]
 *
 * Files are named `<label>-<scenario>.json` (label defaults to today's date); naming scenarios records
 * only those (e.g. a new one, beside histories already kept).
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { customerMessageSignal, type ConversationTrigger } from '../../workflows/definitions';
import { brokenWaitingState } from './broken-flow-state';
import { flow } from './flow-builder';
import { startFullStack, waitFor, type FullStack, type SeededAccount } from './full-stack';
import { echoLoop } from './loop-flows';
import { buildSeededFlowDocument } from './seed-tenant';

/** Where the replay test looks for histories. */
export const HISTORIES_DIR = path.join(__dirname, '..', 'fixtures', 'histories');

interface Scenario {
  name: string;
  drawflowData: unknown;
  answers: string[];
  /** Messages the customer must have received before the history is taken. */
  expectedMessages: number;
  /** How the run starts (default: the customer wrote first, to the number's inbound flow). */
  lead?: boolean;
  /** Start it as a run continued-as-new with a broken state (see broken-flow-state.ts): it fails. */
  broken?: boolean;
}

const SCENARIOS: Scenario[] = [
  // Template, three questions, a goodbye: a whole conversation to its end.
  {
    name: 'lead-to-end',
    drawflowData: buildSeededFlowDocument(),
    answers: ['a', 'b', 'c'],
    expectedMessages: 4,
  },
  // The loop most conversations are: still waiting when recorded.
  {
    name: 'echo-waiting',
    drawflowData: echoLoop('Say something').build(),
    answers: ['x', 'y', 'z'],
    expectedMessages: 7,
  },
  // Choices, a rule, a variable and an end.
  {
    name: 'buttons-condition-variables',
    drawflowData: flow()
      .start()
      .then('buttons', { text: 'Pick', buttons: [{ title: 'Yes' }, { title: 'No' }] }, { as: 'pick' })
      .then('set_variable', { assignments: [{ variable: 'choice', value: 'yes' }] })
      .then(
        'condition',
        { rules: [{ variable: 'choice', operator: 'equals', value: 'yes' }] },
        { as: 'rule' },
      )
      .then('message', { text: 'You chose {{choice}}' })
      .then('end', {})
      .at('pick', 'button_2')
      .then('end', {})
      .at('rule', 'else')
      .then('end', {})
      .build(),
    answers: ['Yes'],
    expectedMessages: 2,
  },
  // Two quick messages merged into one answer: a burst's timer, its extension and its answer.
  {
    name: 'reply-burst',
    drawflowData: flow()
      .add('start', { mergeMessagesWithinMs: 2_000 })
      .then('question', { variable: 'answer', validation: 'text' })
      .then('message', { text: 'You said {{answer}}' })
      .then('end', {})
      .build(),
    answers: ['hi', 'a pizza'],
    expectedMessages: 1,
  },
  // A state its graph lacks: the answer breaks an engine invariant and the run fails (engine_error).
  {
    name: 'engine-error',
    drawflowData: flow()
      .start()
      .then('question', { variable: 'answer', validation: 'text' })
      .then('end', {})
      .build(),
    answers: ['a'],
    expectedMessages: 0,
    broken: true,
  },
];

async function record(stack: FullStack, account: SeededAccount, scenario: Scenario, label: string) {
  const trigger: ConversationTrigger = scenario.lead
    ? { source: 'lead' }
    : { source: 'inbound', firstMessage: stack.customerMessage('hello') };
  const run = await stack.startConversation({
    account,
    drawflowData: scenario.drawflowData,
    trigger,
    variables: { name: 'Ada' },
    ...(scenario.broken
      ? { carried: brokenWaitingState(scenario.drawflowData, trigger.source).carried }
      : {}),
  });
  for (const answer of scenario.answers) {
    await run.handle.signal(customerMessageSignal, stack.customerMessage(answer));
  }
  if (scenario.broken) await run.handle.result();
  await waitFor(
    () => stack.messagesTo(run.customerPhone).length >= scenario.expectedMessages,
    30_000,
    `${scenario.expectedMessages} messages in ${scenario.name}`,
  );
  // Let the run finish its last task (the mirror write) so the history ends where a run rests.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const history = await run.handle.fetchHistory();
  const file = path.join(HISTORIES_DIR, `${label}-${scenario.name}.json`);
  // protobufjs's own JSON form (longs and bytes as strings), read back by History.fromObject.
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  fs.writeFileSync(file, `${JSON.stringify(json)}\n`);
  console.log(`${file}: ${history.events?.length ?? 0} events`);
}

async function main(): Promise<void> {
  const label = process.argv[2] ?? new Date().toISOString().slice(0, 10);
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const stack = await startFullStack({ timeSkipping: false });
  try {
    const account = await stack.seedAccount({ messagesPerSecond: 1000 });
    const only = process.argv.slice(3);
    for (const scenario of SCENARIOS.filter(({ name }) => only.length === 0 || only.includes(name)))
      await record(stack, account, scenario, label);
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
