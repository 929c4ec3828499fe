/**
 * How long a restarted worker takes to drain the backlog the outside probe found livelocking it:
 * an inbound flow looping question → message → question, many customers writing while the worker
 * restarts (test/faults/worker-backlog-scenario.ts). Each slot setting runs on a stack of its own,
 * one after the other in the same invocation, so the figures compare.
 *
 *   npx tsx bench/worker-backlog.ts [--customers=200] [--messages=10] [--rate=100]
 *     [--slots=adaptive,fixed-100,fixed-5] [--drain-timeout=300]
 *
 * `--busy=N` runs N processes that only burn CPU for the whole run: a worker host busy with other
 * work, where a workflow task takes longer and too many slots let tasks overrun the task timeout.
 *
 * A setting is `adaptive` (FlowBot's default: slots follow task durations, at most 100),
 * `adaptive-N` (at most N) or `fixed-N` (N slots always open, WORKER_FIXED_WORKFLOW_TASK_SLOTS).
 */
import { readFlag } from './command-line';
import { spawn } from 'node:child_process';
import { describeMachine, readLoadAverage } from './machine';
import { runWorkerBacklogScenario, type WorkerBacklogOutcome } from '../test/faults/worker-backlog-scenario';

function option(name: string, fallback: string): string {
  return readFlag(name) ?? fallback;
}

/** The N of `fixed-N` or `adaptive-N`; undefined for plain `adaptive` (FlowBot's default maximum). */
function maximumSlotsOf(setting: string): number | undefined {
  const digits = /\d+$/.exec(setting)?.[0];
  return digits === undefined ? undefined : Number(digits);
}

async function main(): Promise<void> {
  const customers = Number(option('customers', '200'));
  const messagesPerCustomer = Number(option('messages', '10'));
  const ratePerSecond = Number(option('rate', '100'));
  const drainTimeoutMs = Number(option('drain-timeout', '300')) * 1000;
  const settings = option('slots', 'adaptive,fixed-100,fixed-5').split(',');
  const busy = Array.from({ length: Number(option('busy', '0')) }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  process.on('exit', () => busy.forEach((burner) => burner.kill('SIGKILL')));
  console.log(
    JSON.stringify({ machine: describeMachine(), load: readLoadAverage(), busyProcesses: busy.length }),
  );
  const rows: { slots: string; outcome: WorkerBacklogOutcome }[] = [];
  for (const slots of settings) {
    const outcome = await runWorkerBacklogScenario({
      customers,
      messagesPerCustomer,
      ratePerSecond,
      workflowTaskSlots: maximumSlotsOf(slots),
      fixedSlots: slots.startsWith('fixed'),
      drainTimeoutMs,
      log: (message) => console.log(`[slots=${slots}] ${message}`),
    });
    rows.push({ slots, outcome });
  }
  console.log(
    `\n${customers} customers × ${messagesPerCustomer} messages at ${ratePerSecond}/s, worker restarted`,
  );
  console.log(
    '| workflow task slots | backlog at restart | drained in | sends/s while draining | tasks over 5 s | tasks timed out | duplicates |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const { slots, outcome } of rows) {
    const drained =
      outcome.drainMs === null
        ? `not in ${drainTimeoutMs / 1000} s (${outcome.sends}/${outcome.expectedSends})`
        : `${(outcome.drainMs / 1000).toFixed(1)} s`;
    console.log(
      `| ${slots} | ${outcome.backlogAtRestart} | ${drained} | ${outcome.drainRatePerSecond ?? '–'} | ${outcome.slowTaskWarnings} | ${outcome.timedOutTasks} | ${outcome.duplicates} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
