/**
 * The workflow engineer's component benchmarks (bench/reply-turnaround.ts, bench/waiting-conversations.ts),
 * run by this runner as child processes with bounded arguments and folded into the same results. Reply
 * turnaround measures the worker path alone (in-process worker, customer message signalled directly)
 * next to the end-to-end version here (processes, signed webhook), so a gap between the two shows what
 * the API and process boundaries cost; waiting conversations samples the worker process's memory through
 * the ramp. Each script starts a Temporal dev server of its own and names it in its JSON.
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

/** One run of bench/waiting-conversations.ts, as it stores it under its label. */
interface WaitingRun {
  label: string;
  conversations: number;
  allWaitingAfterS: number | null;
  settledRssMb: number;
  peakRssMb: number;
  temporalRssMb: number;
  worker: { maxCachedWorkflows: number };
  evictedRepliesContinued: string;
  temporal: TemporalServerInfo;
}

/** The label this runner stores its waiting-conversations runs under (beside hand-run ones). */
const WAITING_LABEL = 'npm-run-bench';

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
  title: 'Waiting conversations, worker process with memory samples (bench/waiting-conversations.ts)',
  ownStack: true,
  optional: true,
  run: (context) =>
    measureBenchmark(
      componentWaitingConversationsBenchmark.id,
      componentWaitingConversationsBenchmark.title,
      async (): Promise<Outcome> => {
        const conversations = context.quick ? 2000 : 10_000;
        const timeLimitS = context.quick ? 300 : 900;
        // The script's own limit covers the ramp; settling, replaying and the stack's start and stop come on top.
        await runScript(
          'bench/waiting-conversations.ts',
          [`--label=${WAITING_LABEL}`, `--conversations=${conversations}`, `--time-limit=${timeLimitS}`],
          (timeLimitS + 300) * 1000,
        );
        const { runs } = JSON.parse(
          fs.readFileSync(path.join(RESULTS, 'waiting-conversations.json'), 'utf8'),
        ) as { runs: WaitingRun[] };
        const run = runs.find((stored) => stored.label === WAITING_LABEL);
        if (!run) throw new Error(`waiting-conversations.json has no run labelled ${WAITING_LABEL}`);
        return {
          status: 'ok',
          metrics: {
            waiting: run.conversations,
            'all waiting after s': run.allWaitingAfterS ?? NaN,
            'settled worker RSS MB': run.settledRssMb,
            'peak worker RSS MB': run.peakRssMb,
            'temporal RSS MB': run.temporalRssMb,
          },
          targets: [
            checkTarget(
              'conversations all waiting (worker process)',
              run.allWaitingAfterS === null ? 0 : run.conversations,
              'conversations',
              '>=',
              conversations,
            ),
            checkTarget('settled worker RSS with them', run.settledRssMb, 'MB', '<', 1024),
          ],
          notes: [
            `maxCachedWorkflows ${run.worker.maxCachedWorkflows}; RSS is the worker process alone, read every 2 s; evicted runs answered → moved on: ${run.evictedRepliesContinued}.`,
            'Stored as the "npm-run-bench" row of waiting-conversations.md, beside the hand-run configurations.',
          ],
          temporal: run.temporal,
        };
      },
    ),
};
