import { randomUUID } from 'node:crypto';
import { applyCommands, validateCommands } from './commands';
import { workflowQueueKey, type Engine } from './engine';
import { invalidArgument, notFound } from './errors';
import { appendEvent } from './history-builder';
import { durationMs, toDuration, toTimestamp } from './proto-time';
import { dispatchLegacyQueries, resolveRiddenQueries, takePendingQueries } from './queries';
import { flushBuffered } from './external-events';
import { isOpen, type Proto, type RunState } from './run-state';
import { decodeToken, encodeToken } from './task-token';

/** A sticky task not picked up this fast goes to the normal queue (the worker may be gone). */
const STICKY_SCHEDULE_TO_START_MAX_MS = 1_000;
/** A sticky queue whose poller was seen this recently counts as alive. */
const STICKY_ALIVE_WINDOW_MS = 5_000;
const CLOSING_COMMANDS = new Set([
  'COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION',
  'COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION',
]);

/** Schedules a workflow task unless one is already scheduled/started or waiting out a failure backoff. */
export function scheduleWorkflowTask(engine: Engine, run: RunState): void {
  if (!isOpen(run) || run.wt || run.wtRetryAt !== undefined) return;
  const now = engine.now();
  const attempt = run.wtFailures + 1;
  const event = appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_TASK_SCHEDULED', {
    taskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
    startToCloseTimeout: toDuration(run.taskTimeoutMs),
    attempt,
  });
  run.wt = { scheduledEventId: event.eventId, attempt, seq: 0, scheduledAt: now, onSticky: false };
  dispatchWorkflowTask(engine, run);
  engine.notifyHistory(run);
}

/** Puts the run's scheduled workflow task on its sticky queue when that worker is alive, else the normal one. */
function dispatchWorkflowTask(engine: Engine, run: RunState): void {
  const wt = run.wt;
  if (!wt || wt.startedEventId !== undefined) return;
  wt.seq = ++run.seq;
  const seq = wt.seq;
  const stickyKey = run.stickyQueue ? workflowQueueKey(run.namespace, run.stickyQueue) : undefined;
  const sticky =
    stickyKey !== undefined && engine.matching.hasRecentPoller(stickyKey, STICKY_ALIVE_WINDOW_MS);
  if (!sticky) run.stickyQueue = undefined;
  wt.onSticky = sticky;
  const fallback = () => {
    if (run.wt?.seq !== seq || run.wt.startedEventId !== undefined) return;
    run.stickyQueue = undefined;
    dispatchWorkflowTask(engine, run);
  };
  const key = sticky && stickyKey ? stickyKey : workflowQueueKey(run.namespace, run.taskQueue);
  engine.matching.enqueue(key, {
    deliver: (identity) => startWorkflowTask(engine, run, seq, identity),
    fallback,
  });
  if (sticky) {
    const ms = Math.min(
      run.stickyTimeoutMs || STICKY_SCHEDULE_TO_START_MAX_MS,
      STICKY_SCHEDULE_TO_START_MAX_MS,
    );
    engine.armReal(`sticky:${run.runId}`, ms, fallback);
  }
}

function startWorkflowTask(engine: Engine, run: RunState, seq: number, identity: string): Proto | null {
  const wt = run.wt;
  if (!wt || wt.seq !== seq || wt.startedEventId !== undefined || !isOpen(run)) return null;
  engine.disarmReal(`sticky:${run.runId}`);
  const now = engine.now();
  const started = appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_TASK_STARTED', {
    scheduledEventId: wt.scheduledEventId,
    identity,
    requestId: randomUUID(),
    historySizeBytes: 0,
  });
  wt.startedEventId = started.eventId;
  wt.startedAt = now;
  engine.arm(`wtTimeout:${run.runId}`, now + run.taskTimeoutMs, () => timeoutWorkflowTask(engine, run, seq));
  const events = wt.onSticky ? run.history.slice(run.lastCompletedStartedEventId) : run.history.slice();
  const queries = takePendingQueries(engine, run);
  engine.changed();
  return {
    taskToken: encodeToken({ t: 'w', r: run.runId, s: seq }),
    workflowExecution: { workflowId: run.workflowId, runId: run.runId },
    workflowType: { name: run.workflowType },
    previousStartedEventId: run.lastCompletedStartedEventId,
    startedEventId: started.eventId,
    attempt: wt.attempt,
    history: { events },
    workflowExecutionTaskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
    scheduledTime: toTimestamp(wt.scheduledAt),
    startedTime: toTimestamp(now),
    queries,
  };
}

function runForWorkflowToken(engine: Engine, token: Buffer): RunState {
  const decoded = decodeToken(token);
  const run = decoded.t === 'w' ? engine.runs.get(decoded.r) : undefined;
  if (
    !run ||
    decoded.t !== 'w' ||
    !isOpen(run) ||
    run.wt?.seq !== decoded.s ||
    run.wt.startedEventId === undefined
  ) {
    throw notFound('workflow task not found');
  }
  return run;
}

/** RespondWorkflowTaskCompleted: writes the completion, the command events, then the buffered events. */
export function completeWorkflowTask(engine: Engine, req: Proto): Proto {
  const run = runForWorkflowToken(engine, req.taskToken);
  const wt = run.wt as NonNullable<RunState['wt']>;
  const commands: Proto[] = req.commands ?? [];
  resolveRiddenQueries(engine, run, req.queryResults ?? {});
  validateCommands(commands);
  if (run.buffered.length > 0 && commands.some((c) => CLOSING_COMMANDS.has(c.commandType))) {
    // The workflow decided to finish without seeing new events: the server rejects that completion.
    recordWorkflowTaskFailure(
      engine,
      run,
      'WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND',
      undefined,
      req.identity,
      false,
    );
    throw invalidArgument('UnhandledCommand');
  }
  engine.disarm(`wtTimeout:${run.runId}`);
  const now = engine.now();
  const completed = appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED', {
    scheduledEventId: wt.scheduledEventId,
    startedEventId: wt.startedEventId,
    identity: req.identity,
    sdkMetadata: req.sdkMetadata,
    meteringMetadata: req.meteringMetadata,
  });
  run.lastCompletedStartedEventId = wt.startedEventId as number;
  run.wtFailures = 0;
  const stickyName: string | undefined = req.stickyAttributes?.workerTaskQueue?.name;
  if (stickyName) {
    run.stickyQueue = stickyName;
    run.stickyTimeoutMs = durationMs(req.stickyAttributes.scheduleToStartTimeout);
  }
  // run.wt stays set while commands apply, so events they trigger are buffered, not interleaved.
  let needsTask = applyCommands(engine, run, commands, completed.eventId);
  run.wt = undefined;
  if (isOpen(run)) {
    if (flushBuffered(engine, run) > 0) needsTask = true;
    if (needsTask || req.forceCreateNewWorkflowTask) scheduleWorkflowTask(engine, run);
  } else {
    run.buffered = [];
  }
  if (!run.wt) dispatchLegacyQueries(engine, run);
  engine.notifyHistory(run);
  engine.changed();
  return {};
}

/** RespondWorkflowTaskFailed: records the failure and retries the task after a backoff. */
export function failWorkflowTask(engine: Engine, req: Proto): Proto {
  const run = runForWorkflowToken(engine, req.taskToken);
  recordWorkflowTaskFailure(
    engine,
    run,
    req.cause ?? 'WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE',
    req.failure,
    req.identity,
    true,
  );
  return {};
}

function timeoutWorkflowTask(engine: Engine, run: RunState, seq: number): void {
  const wt = run.wt;
  if (!wt || wt.seq !== seq || wt.startedEventId === undefined || !isOpen(run)) return;
  appendEvent(run, engine.now(), 'EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT', {
    scheduledEventId: wt.scheduledEventId,
    startedEventId: wt.startedEventId,
    timeoutType: 'TIMEOUT_TYPE_START_TO_CLOSE',
  });
  afterTaskLost(engine, run, false);
}

/**
 * Writes WorkflowTaskFailed and schedules the next attempt. Failures reported by the worker back off
 * (core would re-report at once otherwise); an UnhandledCommand rejection retries immediately.
 */
function recordWorkflowTaskFailure(
  engine: Engine,
  run: RunState,
  cause: string,
  failure: Proto | undefined,
  identity: string | undefined,
  backoff: boolean,
): void {
  const wt = run.wt as NonNullable<RunState['wt']>;
  engine.disarm(`wtTimeout:${run.runId}`);
  appendEvent(run, engine.now(), 'EVENT_TYPE_WORKFLOW_TASK_FAILED', {
    scheduledEventId: wt.scheduledEventId,
    startedEventId: wt.startedEventId,
    cause,
    failure,
    identity,
  });
  afterTaskLost(engine, run, backoff);
}

function afterTaskLost(engine: Engine, run: RunState, backoff: boolean): void {
  resolveRiddenQueries(engine, run, {});
  run.wt = undefined;
  run.stickyQueue = undefined;
  run.wtFailures = backoff ? run.wtFailures + 1 : 0;
  flushBuffered(engine, run);
  const delay = backoff && run.wtFailures > 1 ? Math.min(10_000, 100 * 2 ** (run.wtFailures - 2)) : 0;
  if (delay === 0) {
    scheduleWorkflowTask(engine, run);
  } else {
    run.wtRetryAt = Date.now() + delay;
    engine.backoffWorkflowTasks++;
    engine.armReal(`wtRetry:${run.runId}`, delay, () => {
      engine.backoffWorkflowTasks--;
      run.wtRetryAt = undefined;
      scheduleWorkflowTask(engine, run);
    });
  }
  engine.notifyHistory(run);
  engine.changed();
}

/** After a restart: a started task is timed out (its worker lost it), a scheduled one is dispatched again. */
export function resumeWorkflowTask(engine: Engine, run: RunState): void {
  run.wtRetryAt = undefined;
  const wt = run.wt;
  if (!wt) {
    if (run.buffered.length > 0) flushBuffered(engine, run);
    scheduleIfPending(engine, run);
    return;
  }
  if (wt.startedEventId !== undefined) {
    timeoutWorkflowTask(engine, run, wt.seq);
  } else {
    dispatchWorkflowTask(engine, run);
  }
}

/** Schedules a task if the history has events after the last completed task that the workflow has not seen. */
function scheduleIfPending(engine: Engine, run: RunState): void {
  const last = run.history[run.history.length - 1];
  if (last && last.eventType !== 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED' && !isCommandEvent(last.eventType)) {
    scheduleWorkflowTask(engine, run);
  }
}

function isCommandEvent(eventType: string): boolean {
  return /ACTIVITY_TASK_SCHEDULED|TIMER_STARTED|MARKER_RECORDED|TIMER_CANCELED|ACTIVITY_TASK_CANCEL_REQUESTED|UPSERT_WORKFLOW_SEARCH_ATTRIBUTES|WORKFLOW_PROPERTIES_MODIFIED/.test(
    eventType,
  );
}
