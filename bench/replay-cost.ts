/**
 * What a cold replay costs the workflow thread: one conversation of the echo flow (ask → "You said
 * …" → ask again) answered `--answers` times, its history fetched, then replayed by a fresh
 * replay worker `--repeats` times. A worker restarted with an empty cache pays this for each waiting
 * run on that run's next workflow task, and Temporal's workflow task timeout (10 s) must cover it
 * for every task in flight on the one workflow thread: worker/create-worker.ts sizes the workflow
 * task slots from it.
 *
 *   npx tsx bench/replay-cost.ts [--answers=10,100,400] [--repeats=5]
 */
import { readFlag } from './command-line';
import { Worker } from '@temporalio/worker';
import { customerMessageSignal } from '../workflows/definitions';
import { echoLoop } from '../test/support/loop-flows';
import { startFullStack } from '../test/support/full-stack';
import { bundleFlowWorkflows } from '../worker/workflow-bundle';
import { watchGraph } from './graph-watch';
import { describeTemporalServer, renderTemporalServer } from './temporal-server';

function option(name: string, fallback: string): string {
  return readFlag(name) ?? fallback;
}

async function main(): Promise<void> {
  const answerCounts = option('answers', '10,100,400').split(',').map(Number);
  const repeats = Number(option('repeats', '5'));
  const stack = await startFullStack({ timeSkipping: false });
  try {
    console.log(renderTemporalServer(await describeTemporalServer(stack.client.connection)));
    const account = await stack.seedAccount({ messagesPerSecond: 1000 });
    const echo = echoLoop().build();
    const flowId = await stack.seedFlow(account, echo);
    const workflowBundle = await bundleFlowWorkflows();
    const watch = watchGraph(stack.graph, 1);
    console.log('| answers | history events | cold replay, best | median | per event |');
    console.log('|---|---|---|---|---|');
    for (const answers of answerCounts) {
      const run = await stack.startConversation({ account, flowId });
      const to = run.customerPhone.slice(1);
      for (let answer = 0; answer < answers; answer++) {
        await run.handle.signal(customerMessageSignal, stack.customerMessage(`a${answer}`));
        if (!(await watch.waitForMessage(to, answer + 1, 30_000))) throw new Error(`no echo ${answer}`);
      }
      const history = await run.handle.fetchHistory();
      const timings: number[] = [];
      for (let repeat = 0; repeat < repeats; repeat++) {
        const started = performance.now();
        await Worker.runReplayHistory({ workflowBundle }, history, run.handle.workflowId);
        timings.push(performance.now() - started);
      }
      timings.sort((a, b) => a - b);
      const events = history.events?.length ?? 0;
      const median = timings[Math.floor(timings.length / 2)];
      console.log(
        `| ${answers} | ${events} | ${timings[0].toFixed(0)} ms | ${median.toFixed(0)} ms | ${((median / events) * 1000).toFixed(0)} µs |`,
      );
    }
    watch.stop();
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
