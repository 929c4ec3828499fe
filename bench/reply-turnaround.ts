/**
 * Reply turnaround: customer message signalled → the next WhatsApp message received by the fake Graph
 * API, at 100 concurrent conversations. A Temporal dev server of its own in real time (in memory; the one
 * `npm test` shares when TEMPORAL_TEST_ADDRESS is set), in-process worker with FlowBot's defaults, real
 * PostgreSQL, every conversation on one business number (paced at 1,000/s).
 * Writes bench/results/reply-turnaround.{json,md}, naming the Temporal server it ran on.
 *
 *   npx tsx bench/reply-turnaround.ts [conversations=100] [rounds=10] [workflow task slots]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { customerMessageSignal } from '../workflows/definitions';
import { echoLoop } from '../test/support/loop-flows';
import { startFullStack, type StartedRun } from '../test/support/full-stack';
import { watchGraph } from './graph-watch';
import { summarizeLatencies } from './stats';
import { describeTemporalServer, renderTemporalServer } from './temporal-server';

const CONVERSATIONS = Number(process.argv[2] ?? 100);
const ROUNDS = Number(process.argv[3] ?? 10);
/** maxConcurrentWorkflowTaskExecutions of the worker; FlowBot's default when not given. */
const SLOTS = process.argv[4] === undefined ? undefined : Number(process.argv[4]);

async function main(): Promise<void> {
  const stack = await startFullStack({
    timeSkipping: false,
    ...(SLOTS === undefined ? {} : { workerOptions: { maxConcurrentWorkflowTaskExecutions: SLOTS } }),
  });
  try {
    const temporal = await describeTemporalServer(stack.client.connection);
    const account = await stack.seedAccount({ messagesPerSecond: 1000 });
    const echo = echoLoop().build();
    const flowId = await stack.seedFlow(account, echo);
    const runs: StartedRun[] = await Promise.all(
      Array.from({ length: CONVERSATIONS }, () => stack.startConversation({ account, flowId })),
    );
    const watch = watchGraph(stack.graph, 1);
    const samples: number[] = [];
    const roundTimes: number[] = [];
    // Round 0 warms the cache and the database pool; it is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const roundStart = Date.now();
      const latencies = await Promise.all(
        runs.map(async (run) => {
          const to = run.customerPhone.slice(1);
          const started = Date.now();
          await run.handle.signal(customerMessageSignal, stack.customerMessage(`m${round}`));
          const message = await watch.waitForMessage(to, round + 1, 30_000);
          if (!message) throw new Error(`no reply for ${to} in round ${round}`);
          return message.receivedAt - started;
        }),
      );
      if (round > 0) {
        samples.push(...latencies);
        roundTimes.push(Date.now() - roundStart);
      }
    }
    watch.stop();
    const duplicates = stack.graph.findDuplicateSends().length;
    const summary = summarizeLatencies(samples);
    const result = {
      benchmark: 'reply-turnaround',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
      temporal,
      setup: `${renderTemporalServer(temporal)}, in-process worker (createFlowWorker defaults${SLOTS === undefined ? '' : `, ${SLOTS} workflow task slots`}), PostgreSQL, fake Graph API`,
      conversations: CONVERSATIONS,
      rounds: ROUNDS,
      latencyMs: summary,
      roundDurationMs: summarizeLatencies(roundTimes),
      duplicateSends: duplicates,
    };
    writeResults('reply-turnaround', result, [
      '# Reply turnaround',
      '',
      `${result.at} — ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}.`,
      `${result.setup}. ${CONVERSATIONS} conversations answer at once, ${ROUNDS} rounds (after one warm-up round).`,
      '',
      '| metric | value |',
      '|---|---|',
      `| samples | ${summary.count} |`,
      `| customer message signalled → next message at Graph, p50 | ${summary.p50} ms |`,
      `| p90 | ${summary.p90} ms |`,
      `| p99 | ${summary.p99} ms |`,
      `| max | ${summary.max} ms |`,
      `| one round of ${CONVERSATIONS} replies, p50 | ${result.roundDurationMs.p50} ms |`,
      `| duplicate sends | ${duplicates} |`,
      '',
    ]);
  } finally {
    await stack.stop();
  }
}

function writeResults(name: string, json: unknown, markdown: string[]): void {
  const directory = path.join(__dirname, 'results');
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(path.join(directory, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  fs.writeFileSync(path.join(directory, `${name}.md`), markdown.join('\n'));
  console.log(markdown.join('\n'));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
