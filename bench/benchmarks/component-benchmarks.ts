/**
 * The workflow engineer's component benchmarks (bench/reply-turnaround.ts, bench/waiting-conversations.ts),
 * run by this runner as child processes with bounded arguments and folded into the same results. They
 * measure the worker path alone (in-process worker, customer message signalled directly), next to the
 * end-to-end versions here (processes, signed webhook), so a gap between the two shows what the API and
 * process boundaries cost.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Benchmark } from '../bench-context';
import type { BenchResult } from '../bench-result';
import { checkTarget, measureBenchmark } from '../measure';
import type { TemporalServerInfo } from '../temporal-server';
import { REPO_ROOT } from '../../test/support/child-service';

const RESULTS = path.join(__dirname, '..', 'results');

/**
 * Runs `script args` under tsx with a deadline; rejects on a non-zero exit or timeout. Without
 * TEMPORAL_TEST_ADDRESS, so the script measures a Temporal server of its own, never `npm test`'s.
 */
async function runScript(script: string, args: string[], timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, TEMPORAL_TEST_ADDRESS: undefined },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${script} ended with ${signal ?? `code ${code}`}`));
    });
  });
}

type Outcome = Omit<BenchResult, 'id' | 'title' | 'loadAverage' | 'durationMs'>;

interface TurnaroundJson {
  conversations: number;
  rounds: number;
  latencyMs: { p50: number; p99: number; count: number };
  duplicateSends: number;
  temporal: TemporalServerInfo;
}

interface WaitingJson {
  conversations: number;
  rssMbWhileAllWaiting: number;
  peakRssMb: number;
  worker: { maxCachedWorkflows: number };
  evictedReplyToCompletionMs?: { p50: number; p99: number };
}

export const componentReplyTurnaroundBenchmark: Benchmark = {
  id: 'component-reply-turnaround',
  title: 'Reply turnaround, worker path only (signal → next message; bench/reply-turnaround.ts)',
  ownStack: true,
  run: (context) =>
    measureBenchmark(
      componentReplyTurnaroundBenchmark.id,
      componentReplyTurnaroundBenchmark.title,
      async (): Promise<Outcome> => {
        await runScript('bench/reply-turnaround.ts', ['100', context.quick ? '3' : '10'], 600_000);
        const json = JSON.parse(
          fs.readFileSync(path.join(RESULTS, 'reply-turnaround.json'), 'utf8'),
        ) as TurnaroundJson;
        return {
          status: 'ok',
          metrics: {
            'p50 ms @100': json.latencyMs.p50,
            'p99 ms @100': json.latencyMs.p99,
            duplicates: json.duplicateSends,
          },
          targets: [
            checkTarget(
              'reply turnaround p99 at 100 (signal path, all answer at once)',
              json.latencyMs.p99,
              'ms',
              '<',
              250,
            ),
          ],
          notes: [
            `${json.conversations} conversations answer at the same moment, ${json.rounds} rounds; in-process worker, message signalled directly (no API).`,
          ],
          temporal: json.temporal,
        };
      },
    ),
};

export const componentWaitingConversationsBenchmark: Benchmark = {
  id: 'component-waiting-conversations',
  title: 'Waiting conversations, in-process worker (bench/waiting-conversations.ts)',
  ownStack: true,
  optional: true,
  run: (context) =>
    measureBenchmark(
      componentWaitingConversationsBenchmark.id,
      componentWaitingConversationsBenchmark.title,
      async (): Promise<Outcome> => {
        await runScript('bench/waiting-conversations.ts', [context.quick ? '2000' : '10000'], 1_200_000);
        const json = JSON.parse(
          fs.readFileSync(path.join(RESULTS, 'waiting-conversations.json'), 'utf8'),
        ) as WaitingJson;
        return {
          status: 'ok',
          metrics: {
            waiting: json.conversations,
            'RSS MB': json.rssMbWhileAllWaiting,
            'peak RSS MB': json.peakRssMb,
            'evicted reply → done p99 ms': json.evictedReplyToCompletionMs?.p99 ?? NaN,
          },
          targets: [
            checkTarget(
              'RSS with all waiting (in-process worker + client + fakes)',
              json.rssMbWhileAllWaiting,
              'MB',
              '<',
              1024,
            ),
          ],
          notes: [
            `maxCachedWorkflows ${json.worker.maxCachedWorkflows}; RSS is the bench process (worker, client and fakes together).`,
          ],
        };
      },
    ),
};
