/**
 * Waiting conversations per worker vs RSS: conversations that have started and wait for a reply
 * (a question with a day's timeout), added in doubling steps; after each step the worker's and the
 * Temporal dev server's resident memory are read from /proc. Target: ≥ 10,000 waiting under 1 GB worker RSS —
 * memory bounded by the workflow cache (maxCachedWorkflows), not by the number of conversations.
 * Then the worker is killed (SIGKILL) and started again, and a sample of the waiting customers answer
 * at once: the first and last answers after the cold start measure the replay cost, and each customer
 * must get exactly one answer (resumed correctly).
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { readRssMb } from '../machine';
import { checkTarget, LOAD_MULTIPLES, mapWithConcurrency, measureBenchmark, skipped } from '../measure';
import { watchGraph } from '../graph-watch';
import { summarizeLatencies } from '../stats';
import { flow } from '../../test/support/flow-builder';
import type { ProcessStack } from '../../test/support/process-stack';
import { seedFlowForAccount } from '../../test/support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
  phoneDigits,
  postCustomerText,
  startConversationDirectly,
  waitUntil,
} from '../../test/support/stack-driver';
import { conversationStateQuery } from '../../workflows/definitions';
import { flowWorkerDefaults } from '../../worker/create-worker';

export const waitingConversationsBenchmark: Benchmark = {
  id: 'waiting-conversations',
  title: 'Waiting conversations per worker vs RSS',
  run: (context) =>
    measureBenchmark(waitingConversationsBenchmark.id, waitingConversationsBenchmark.title, async () => {
      const { stack, tenant } = context;
      const worker = stack.workers[0];
      if (!worker) return skipped('no worker process is running');
      const account = tenant.accounts[1] ?? tenant.accounts[0];
      const waitingFlow = flow()
        .start()
        .then('question', { variable: 'reply', validation: 'text', timeoutMinutes: 1440 })
        .then('message', { text: 'Thanks, {{reply}}' })
        .then('end', {})
        .build() as unknown as Record<string, unknown>;
      const flowId = await seedFlowForAccount(
        stack.dataSource,
        tenant,
        account.id,
        stack.secrets.dataEncryptionKey,
        waitingFlow,
      );
      const base = context.quick ? 250 : 1250;
      const points: LoadPoint[] = [];
      const startRss = readRssMb(worker.pid);
      let total = 0;
      const waitingPhones: string[] = [];
      for (const multiple of LOAD_MULTIPLES) {
        const target = base * multiple;
        const phones = Array.from({ length: target - total }, () => nextCustomerPhone());
        const began = Date.now();
        const started = await mapWithConcurrency(phones, 50, (phone) =>
          startConversationDirectly(stack, tenant, {
            phone,
            flowId,
            trigger: {
              source: 'inbound',
              firstMessage: { waMessageId: freshWaMessageId(), type: 'text', text: 'hi', sentAt: Date.now() },
            },
          }),
        );
        total = target;
        waitingPhones.push(...phones);
        // The last runs started are the last to reach their question: when they wait, all do.
        const lastOnes = started.slice(-10);
        const allWaiting = await waitUntil(
          async () => {
            const snapshots = await Promise.all(
              lastOnes.map((run) =>
                stack.temporal.workflow
                  .getHandle(run.workflowId)
                  .query(conversationStateQuery)
                  .catch(() => null),
              ),
            );
            return snapshots.every((snapshot) => snapshot?.waitingFor);
          },
          120_000,
          500,
        );
        const seconds = (Date.now() - began) / 1000;
        const point: LoadPoint = {
          multiple,
          load: total,
          throughput: Math.round(phones.length / seconds),
          p50Ms: NaN,
          p99Ms: NaN,
          errors: allWaiting ? 0 : 1,
          extra: {
            'worker RSS MB': readRssMb(worker.pid),
            'temporal RSS MB': readRssMb(stack.temporalPid as number),
          },
        };
        points.push(point);
        context.log(
          `  waiting ${total}: worker RSS ${point.extra?.['worker RSS MB']} MB, started ${point.throughput}/s`,
        );
      }
      const last = points.at(-1) as LoadPoint;
      const workerRss = last.extra?.['worker RSS MB'] ?? NaN;
      const sample = sampleEvenly(waitingPhones, context.quick ? 50 : RESTART_SAMPLE);
      const restart = await answerAfterColdRestart(stack, account.phoneNumberId, sample);
      context.log(
        `  after a worker kill and restart (${restart.workerStartSeconds} s to poll): first answer ${restart.firstAnswerMs} ms, p99 ${restart.p99Ms} ms, ${restart.answered}/${sample.length} answered once, ${restart.duplicates} twice`,
      );
      return {
        status: 'ok',
        metrics: {
          'waiting conversations': last.load,
          'worker RSS MB': workerRss,
          'worker RSS MB before': startRss,
          'temporal RSS MB': last.extra?.['temporal RSS MB'] ?? NaN,
          'worker start s after kill': restart.workerStartSeconds,
          'first answer ms after restart': restart.firstAnswerMs,
          'p99 answer ms after restart': restart.p99Ms,
          'answered after restart': restart.answered,
          'answered twice after restart': restart.duplicates,
        },
        targets: context.quick
          ? []
          : [
              checkTarget(
                'waiting conversations held by one worker',
                last.load,
                'conversations',
                '>=',
                10_000,
              ),
              checkTarget('worker RSS with them', workerRss, 'MB', '<', 1024),
              checkTarget(
                'waiting customers answered once after a worker kill',
                restart.answered - restart.duplicates,
                'customers',
                '>=',
                sample.length,
              ),
            ],
        series: { loadUnit: 'waiting conversations', throughputUnit: 'starts/s', points },
        notes: [
          'Runs started in-process through startConversation (row + Temporal start); each reaches a question without prompt and waits (24 h timeout).',
          `The worker caches at most maxCachedWorkflows runs (${flowWorkerDefaults.maxCachedWorkflows} unless the run says otherwise: worker/create-worker.ts); the rest are evicted and replayed from history when a reply comes.`,
          "temporal RSS = the stack's Temporal dev server process, persistence in memory: the histories of all runs live in it, so it grows with the runs (a production server keeps them in its database).",
          `Cold start: the worker is killed (SIGKILL) and started again with ${total} runs waiting and an empty cache; then ${sample.length} customers spread over them answer at the same moment (signed webhooks). "first answer" = the first reply's answer at the fake Graph API, measured from the answers being sent; each run is replayed from its history before it answers.`,
          context.quick
            ? 'Quick mode stops at 2,000: the 10,000 target is checked by the full run only.'
            : '',
        ].filter(Boolean),
      };
    }),
};

/** Customers answering after the cold restart in the full run. */
const RESTART_SAMPLE = 200;

/** `count` items spread over `items` (first to last), so old and new runs are both in the sample. */
function sampleEvenly<T>(items: T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}

/**
 * Kills the worker, starts a new one, and has every customer in `phones` answer at once: how long
 * the new worker takes to poll, how long until the first and the 99th-percentile answer reach the
 * fake Graph API, and how many customers got their answer exactly once.
 */
async function answerAfterColdRestart(stack: ProcessStack, phoneNumberId: string, phones: string[]) {
  await stack.stopWorkers('SIGKILL');
  const startedAt = Date.now();
  await stack.startWorker();
  const workerStartSeconds = Math.round((Date.now() - startedAt) / 100) / 10;
  const watch = watchGraph(stack.graph);
  try {
    const sentAt = performance.timeOrigin + performance.now();
    await mapWithConcurrency(phones, 50, (phone) =>
      postCustomerText(stack, { phoneNumberId, from: phone, text: 'back again' }),
    );
    await waitUntil(
      () => phones.every((phone) => watch.messagesTo(phoneDigits(phone)).length >= 1),
      180_000,
      250,
    );
    // A moment more, so an answer sent twice would be seen.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const answers = phones.map((phone) => watch.messagesTo(phoneDigits(phone)));
    const latencies = answers.filter((list) => list.length > 0).map((list) => list[0].receivedAt - sentAt);
    const summary = summarizeLatencies(latencies);
    return {
      workerStartSeconds,
      firstAnswerMs: latencies.length > 0 ? Math.round(Math.min(...latencies)) : NaN,
      p99Ms: summary.p99,
      answered: answers.filter((list) => list.length >= 1).length,
      duplicates: answers.filter((list) => list.length > 1).length,
    };
  } finally {
    watch.stop();
  }
}
