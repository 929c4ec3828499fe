import {
  type ActivityOptions,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ConformanceActivities } from './activities';
import { addSignal, countQuery, finishSignal, stepQuery, valuesQuery } from './definitions';

const fast = proxyActivities<ConformanceActivities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '10ms', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** start → one activity → complete. */
export async function oneActivityWorkflow(name: string): Promise<string> {
  return await fast.echo(name);
}

/** Sleeps `ms` (server timer) and returns the workflow clock delta. */
export async function timerWorkflow(ms: number): Promise<number> {
  const before = Date.now();
  await sleep(ms);
  return Date.now() - before;
}

/** Sums `add` signals until `finish`; `count` and `values` queries expose progress. */
export async function signalQueryWorkflow(): Promise<number[]> {
  const values: number[] = [];
  let finished = false;
  setHandler(addSignal, (n) => {
    values.push(n);
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  setHandler(countQuery, () => values.length);
  setHandler(valuesQuery, () => values);
  await condition(() => finished);
  return values;
}

/** Waits for `expected` add signals and returns them in arrival order. */
export async function collectSignalsWorkflow(expected: number): Promise<number[]> {
  const values: number[] = [];
  setHandler(addSignal, (n) => {
    values.push(n);
  });
  setHandler(countQuery, () => values.length);
  await condition(() => values.length >= expected);
  return values;
}

/** Waits (a long timer) until cancelled; cleans up with one more activity in a non-cancellable scope. */
export async function cancellableWorkflow(): Promise<string> {
  try {
    await sleep('1 day');
    return 'slept';
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => fast.echo('cleanup'));
    }
    throw err;
  }
}

/** Continues as new `n` times, then returns the run count seen. */
export async function continueAsNewWorkflow(n: number, seen = 1): Promise<number> {
  if (n > 0) await continueAsNew<typeof continueAsNewWorkflow>(n - 1, seen + 1);
  return seen;
}

/** Calls an activity that fails `failTimes` times before succeeding. */
export async function retryActivityWorkflow(failTimes: number): Promise<number> {
  return await fast.flaky(failTimes);
}

/** Calls an activity that fails with a non-retryable error type. */
export async function nonRetryableWorkflow(): Promise<void> {
  const acts = proxyActivities<ConformanceActivities>({
    startToCloseTimeout: '10s',
    retry: { initialInterval: '10ms', maximumAttempts: 10, nonRetryableErrorTypes: ['HardError'] },
  });
  await acts.failHard();
}

/** An activity whose first attempt heartbeats then times out; the retry resumes from the details. */
export async function heartbeatWorkflow(): Promise<string> {
  const acts = proxyActivities<ConformanceActivities>({
    startToCloseTimeout: '20s',
    heartbeatTimeout: '500ms',
    retry: { initialInterval: '10ms', maximumAttempts: 3 },
  });
  return await acts.resumable();
}

/** Starts a heartbeating activity, cancels it after a timer, reports how it ended. */
export async function activityCancelWorkflow(): Promise<string> {
  const acts = proxyActivities<ConformanceActivities>({
    startToCloseTimeout: '60s',
    heartbeatTimeout: '5s',
    cancellationType: 'WAIT_CANCELLATION_COMPLETED',
  });
  let outcome = 'not cancelled';
  await CancellationScope.cancellable(async () => {
    const scope = CancellationScope.current();
    const pending = acts.waitForCancel();
    await sleep('200ms');
    scope.cancel();
    try {
      await pending;
    } catch (err) {
      outcome = isCancellation(err) ? 'cancelled' : `failed: ${(err as Error).message}`;
    }
  });
  return outcome;
}

/** An activity with a given timeout profile; used for the timeout tests. */
export async function timeoutWorkflow(
  kind: 'startToClose' | 'scheduleToClose' | 'scheduleToStart',
): Promise<string> {
  const options: ActivityOptions =
    kind === 'startToClose'
      ? { startToCloseTimeout: '200ms', retry: { maximumAttempts: 2, initialInterval: '10ms' } }
      : kind === 'scheduleToClose'
        ? { scheduleToCloseTimeout: '300ms', retry: { initialInterval: '10ms' } }
        : {
            scheduleToStartTimeout: '200ms',
            startToCloseTimeout: '1s',
            taskQueue: 'nobody-polls-this-queue',
          };
  const acts = proxyActivities<ConformanceActivities>(options);
  try {
    await acts.sleepy(5_000);
    return 'completed';
  } catch (err) {
    const cause = (err as { cause?: { name?: string; timeoutType?: string } }).cause;
    return `${cause?.name}:${cause?.timeoutType}`;
  }
}

/** Each `add` signal runs one activity; `finish` completes. The SIGKILL and latency tests use it. */
export async function signalActivityLoopWorkflow(): Promise<string[]> {
  const pending: number[] = [];
  const results: string[] = [];
  let finished = false;
  let step = 'waiting';
  setHandler(addSignal, (n) => {
    pending.push(n);
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  setHandler(stepQuery, () => step);
  setHandler(countQuery, () => results.length);
  for (;;) {
    await condition(() => pending.length > 0 || finished);
    if (pending.length === 0 && finished) return results;
    const n = pending.shift() as number;
    step = `activity ${n}`;
    results.push(await fast.echo(`item-${n}`));
    step = 'waiting';
  }
}

/** Upserts a search attribute, then waits for `finish`. */
export async function searchAttributesWorkflow(stage: string): Promise<string> {
  let finished = false;
  setHandler(finishSignal, () => {
    finished = true;
  });
  upsertSearchAttributes({ FlowStage: [stage] });
  await condition(() => finished);
  return workflowInfo().workflowId;
}

/** Fails its first workflow task (a bug that a redeploy fixes), then completes. */
export async function failFirstTaskWorkflow(): Promise<number> {
  // A plain Error fails the workflow task (not the run); the retry sees a longer history.
  if (workflowInfo().historyLength <= 3) throw new Error('simulated workflow task failure');
  return workflowInfo().historyLength;
}

/** Fails the workflow with an application failure. */
export async function failingWorkflow(): Promise<void> {
  throw ApplicationFailure.nonRetryable('flow broke', 'FlowBroken');
}

/**
 * Its first workflow task runs a local activity that signals this very run, so the signal arrives
 * while the task is in flight and the completion that follows is rejected (UNHANDLED_COMMAND); the
 * retried task must deliver the signal before the workflow completes.
 */
export async function signalDuringTaskWorkflow(): Promise<number[]> {
  const values: number[] = [];
  setHandler(addSignal, (n) => {
    values.push(n);
  });
  await proxyLocalActivities<ConformanceActivities>({ startToCloseTimeout: '10s' }).signalOwnWorkflow();
  return values;
}

/** Races a 1-day timer against an activity that takes real time: the clock must not skip meanwhile. */
export async function activityVersusTimerWorkflow(activityMs: number): Promise<string> {
  return await Promise.race([
    fast.sleepy(activityMs).then(() => 'activity'),
    sleep('1 day').then(() => 'timer'),
  ]);
}
