/**
 * How many concurrently waiting conversations one worker holds, and its memory: N conversations start
 * and wait for a reply (a question with a day's timeout); the RSS of this process (the worker, with the
 * client and the fakes) is read as they accumulate. With maxCachedWorkflows = 1,000 (createFlowWorker's
 * default) memory is bounded by the cache, not by N; evicted conversations are replayed when their
 * customer answers, which the last phase measures. Real-time emulator, PostgreSQL, fake Graph API.
 * Writes bench/results/waiting-conversations.{json,md}.
 *
 *   npx tsx bench/waiting-conversations.ts [conversations=10000]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { customerMessageSignal } from '../workflows/definitions';
import { flowWorkerDefaults } from '../worker/create-worker';
import { flow } from '../test/support/flow-builder';
import { startFullStack, waitFor, type StartedRun } from '../test/support/full-stack';
import { summarizeLatencies } from './stats';

const CONVERSATIONS = Number(process.argv[2] ?? 10_000);
const START_CONCURRENCY = 100;
const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

async function main(): Promise<void> {
  const stack = await startFullStack({ timeSkipping: false });
  try {
    const account = await stack.seedAccount({ messagesPerSecond: 1000 });
    const waiting = flow()
      .start()
      .then('question', { variable: 'reply', validation: 'text', timeoutMinutes: 1440 })
      .then('message', { text: 'Thanks: {{reply}}' })
      .then('end', {})
      .build();
    const flowId = await stack.seedFlow(account, waiting);
    const runs: StartedRun[] = [];
    const points: { started: number; waiting: number; rssMb: number }[] = [];
    const startedAt = Date.now();
    let next = 0;
    const startOne = async (): Promise<void> => {
      while (next < CONVERSATIONS) {
        next += 1;
        runs.push(await stack.startConversation({ account, flowId }));
      }
    };
    const sampler = setInterval(() => void sample(), 5_000);
    const sample = async () => {
      const [{ count }]: { count: string }[] = await stack.dataSource.query(
        `SELECT count(*) FROM conversations WHERE "currentNodeId" IS NOT NULL AND "endedAt" IS NULL`,
      );
      points.push({ started: runs.length, waiting: Number(count), rssMb: rssMb() });
      return Number(count);
    };
    await Promise.all(Array.from({ length: START_CONCURRENCY }, startOne));
    await waitFor(async () => (await sample()) >= CONVERSATIONS, 600_000, 'every conversation waiting');
    clearInterval(sampler);
    const allWaitingAfterMs = Date.now() - startedAt;
    global.gc?.();
    const rssWaiting = rssMb();

    // The first conversations were evicted from the cache long ago: answering them means a replay.
    const evicted = runs.slice(0, 100);
    const latencies = await Promise.all(
      evicted.map(async (run) => {
        const started = Date.now();
        await run.handle.signal(customerMessageSignal, stack.customerMessage('hello'));
        await run.handle.result();
        return Date.now() - started;
      }),
    );
    const replay = summarizeLatencies(latencies);
    const result = {
      benchmark: 'waiting-conversations',
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
      worker: flowWorkerDefaults,
      conversations: CONVERSATIONS,
      allWaitingAfterMs,
      rssMbWhileAllWaiting: rssWaiting,
      peakRssMb: Math.max(...points.map((point) => point.rssMb), rssWaiting),
      evictedReplyToCompletionMs: replay,
      points,
    };
    const md = [
      '# Waiting conversations per worker',
      '',
      `${result.at} — ${result.machine.cpus} CPUs (${result.machine.cpuModel}), Node ${result.machine.node}.`,
      'Real-time emulator (child process), in-process worker (createFlowWorker defaults: ' +
        `maxCachedWorkflows ${flowWorkerDefaults.maxCachedWorkflows}), PostgreSQL, fake Graph API. RSS is this ` +
        'process: worker + client + fakes (the emulator and PostgreSQL are other processes).',
      '',
      '| metric | value |',
      '|---|---|',
      `| conversations waiting for a reply | ${CONVERSATIONS} |`,
      `| time until all were waiting | ${(allWaitingAfterMs / 1000).toFixed(1)} s |`,
      `| RSS with all waiting | ${rssWaiting} MB |`,
      `| peak RSS sampled | ${result.peakRssMb} MB |`,
      `| target (≥ 10,000 under 1 GB) | ${CONVERSATIONS >= 10_000 && result.peakRssMb < 1024 ? 'met' : 'not met'} |`,
      `| 100 evicted conversations answered at once: reply → run completed p50 / p99 | ${replay.p50} / ${replay.p99} ms |`,
      '',
      '| started | waiting | RSS MB |',
      '|---|---|---|',
      ...points.map((point) => `| ${point.started} | ${point.waiting} | ${point.rssMb} |`),
      '',
    ];
    const directory = path.join(__dirname, 'results');
    fs.writeFileSync(
      path.join(directory, 'waiting-conversations.json'),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    fs.writeFileSync(path.join(directory, 'waiting-conversations.md'), md.join('\n'));
    console.log(md.join('\n'));
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
