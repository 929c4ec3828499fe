/**
 * Waiting conversations per worker vs RSS: conversations that have started and wait for a reply
 * (a question with a day's timeout), added in doubling steps; after each step the worker's and the
 * Temporal dev server's resident memory are read from /proc. Target: ≥ 10,000 waiting under 1 GB worker RSS —
 * memory bounded by the workflow cache (maxCachedWorkflows), not by the number of conversations.
 */
import type { Benchmark } from '../bench-context';
import type { LoadPoint } from '../bench-result';
import { readRssMb } from '../machine';
import { checkTarget, LOAD_MULTIPLES, mapWithConcurrency, measureBenchmark, skipped } from '../measure';
import { flow } from '../../test/support/flow-builder';
import { seedFlowForAccount } from '../../test/support/seed-tenant';
import {
  freshWaMessageId,
  nextCustomerPhone,
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
      return {
        status: 'ok',
        metrics: {
          'waiting conversations': last.load,
          'worker RSS MB': workerRss,
          'worker RSS MB before': startRss,
          'temporal RSS MB': last.extra?.['temporal RSS MB'] ?? NaN,
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
            ],
        series: { loadUnit: 'waiting conversations', throughputUnit: 'starts/s', points },
        notes: [
          'Runs started in-process through startConversation (row + Temporal start); each reaches a question without prompt and waits (24 h timeout).',
          `The worker caches at most maxCachedWorkflows runs (${flowWorkerDefaults.maxCachedWorkflows} unless the run says otherwise: worker/create-worker.ts); the rest are evicted and replayed from history when a reply comes.`,
          "temporal RSS = the stack's Temporal dev server process, persistence in memory: the histories of all runs live in it, so it grows with the runs (a production server keeps them in its database).",
          context.quick
            ? 'Quick mode stops at 2,000: the 10,000 target is checked by the full run only.'
            : '',
        ].filter(Boolean),
      };
    }),
};
