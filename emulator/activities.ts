import { randomUUID } from 'node:crypto';
import { decideRetry, normaliseRetryPolicy, timeoutFailure } from './activity-retry';
import { activityQueueKey, type Engine } from './engine';
import { addExternalEvent } from './external-events';
import { appendEvent } from './history-builder';
import { durationMs, toDuration, toTimestamp } from './proto-time';
import { isOpen, type ActivityState, type Proto, type RunState } from './run-state';
import { encodeToken } from './task-token';

/** Handles the ScheduleActivityTask command: writes ActivityTaskScheduled and dispatches attempt 1. */
export function scheduleActivity(
  engine: Engine,
  run: RunState,
  attrs: Proto,
  completedId: number,
  userMetadata?: Proto,
): void {
  const now = engine.now();
  const scheduleToCloseMs = durationMs(attrs.scheduleToCloseTimeout);
  const startToCloseMs = durationMs(attrs.startToCloseTimeout) || scheduleToCloseMs;
  const scheduleToStartMs = durationMs(attrs.scheduleToStartTimeout);
  const heartbeatMs = durationMs(attrs.heartbeatTimeout);
  const retryPolicy = normaliseRetryPolicy(attrs.retryPolicy);
  const taskQueue: string = attrs.taskQueue?.name || run.taskQueue;
  const event = appendEvent(
    run,
    now,
    'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
    {
      ...attrs,
      taskQueue: { name: taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      scheduleToCloseTimeout: toDuration(scheduleToCloseMs),
      scheduleToStartTimeout: toDuration(scheduleToStartMs),
      startToCloseTimeout: toDuration(startToCloseMs),
      heartbeatTimeout: toDuration(heartbeatMs),
      retryPolicy,
      workflowTaskCompletedEventId: completedId,
    },
    userMetadata,
  );
  const act: ActivityState = {
    scheduledEventId: event.eventId,
    activityId: String(attrs.activityId),
    activityType: String(attrs.activityType?.name),
    taskQueue,
    input: attrs.input,
    header: attrs.header,
    scheduleToCloseMs,
    scheduleToStartMs,
    startToCloseMs,
    heartbeatMs,
    retryPolicy,
    attempt: 1,
    state: 'scheduled',
    firstScheduledAt: now,
    currentAttemptScheduledAt: now,
    cancelRequested: false,
    seq: 0,
  };
  run.activities[String(act.scheduledEventId)] = act;
  resumeActivity(engine, run, act);
}

/** Arms the timers and (re)dispatches an activity in whatever state it is; also used after a restart. */
export function resumeActivity(engine: Engine, run: RunState, act: ActivityState): void {
  const id = act.scheduledEventId;
  if (act.scheduleToCloseMs > 0) {
    engine.arm(`a-s2c:${run.runId}:${id}`, act.firstScheduledAt + act.scheduleToCloseMs, () =>
      onTimeout(engine, run, id, -1, 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE'),
    );
  }
  if (act.state === 'backoff') {
    engine.arm(`a-retry:${run.runId}:${id}`, act.currentAttemptScheduledAt, () =>
      dispatchActivity(engine, run, act),
    );
  } else {
    dispatchActivity(engine, run, act);
  }
}

function dispatchActivity(engine: Engine, run: RunState, act: ActivityState): void {
  if (!isOpen(run) || run.activities[String(act.scheduledEventId)] !== act) return;
  act.state = 'scheduled';
  act.seq++;
  const seq = act.seq;
  const id = act.scheduledEventId;
  act.currentAttemptScheduledAt = engine.now();
  engine.matching.enqueue(activityQueueKey(run.namespace, act.taskQueue), {
    deliver: (identity) => startActivity(engine, run, act, seq, identity),
  });
  if (act.scheduleToStartMs > 0) {
    engine.arm(`a-s2s:${run.runId}:${id}`, act.currentAttemptScheduledAt + act.scheduleToStartMs, () =>
      onTimeout(engine, run, id, seq, 'TIMEOUT_TYPE_SCHEDULE_TO_START'),
    );
  }
  engine.changed();
}

function startActivity(
  engine: Engine,
  run: RunState,
  act: ActivityState,
  seq: number,
  identity: string,
): Proto | null {
  if (
    !isOpen(run) ||
    run.activities[String(act.scheduledEventId)] !== act ||
    act.seq !== seq ||
    act.state !== 'scheduled'
  ) {
    return null;
  }
  const now = engine.now();
  const id = act.scheduledEventId;
  act.state = 'started';
  act.startedAt = now;
  act.startedIdentity = identity;
  act.lastHeartbeatAt = undefined;
  engine.disarm(`a-s2s:${run.runId}:${id}`);
  if (act.startToCloseMs > 0) {
    engine.arm(`a-s2c-start:${run.runId}:${id}`, now + act.startToCloseMs, () =>
      onTimeout(engine, run, id, seq, 'TIMEOUT_TYPE_START_TO_CLOSE'),
    );
  }
  armHeartbeat(engine, run, act);
  engine.changed();
  return {
    taskToken: encodeToken({ t: 'a', r: run.runId, e: id, s: seq }),
    workflowNamespace: run.namespace,
    workflowType: { name: run.workflowType },
    workflowExecution: { workflowId: run.workflowId, runId: run.runId },
    activityType: { name: act.activityType },
    activityId: act.activityId,
    header: act.header,
    input: act.input,
    heartbeatDetails: act.heartbeatDetails,
    scheduledTime: toTimestamp(act.currentAttemptScheduledAt),
    currentAttemptScheduledTime: toTimestamp(act.currentAttemptScheduledAt),
    startedTime: toTimestamp(now),
    attempt: act.attempt,
    scheduleToCloseTimeout: toDuration(act.scheduleToCloseMs),
    startToCloseTimeout: toDuration(act.startToCloseMs),
    heartbeatTimeout: toDuration(act.heartbeatMs),
    retryPolicy: act.retryPolicy,
  };
}

/** (Re)arms the heartbeat timeout of the running attempt. */
export function armHeartbeat(engine: Engine, run: RunState, act: ActivityState): void {
  if (act.heartbeatMs <= 0) return;
  const seq = act.seq;
  engine.arm(`a-hb:${run.runId}:${act.scheduledEventId}`, engine.now() + act.heartbeatMs, () =>
    onTimeout(engine, run, act.scheduledEventId, seq, 'TIMEOUT_TYPE_HEARTBEAT'),
  );
}

function onTimeout(engine: Engine, run: RunState, id: number, seq: number, timeoutType: string): void {
  const act = run.activities[String(id)];
  if (!act || !isOpen(run) || (seq >= 0 && act.seq !== seq)) return;
  if (timeoutType === 'TIMEOUT_TYPE_START_TO_CLOSE' || timeoutType === 'TIMEOUT_TYPE_HEARTBEAT') {
    if (act.state !== 'started') return;
  }
  const failure = timeoutFailure(timeoutType, act);
  const decision =
    timeoutType === 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE'
      ? ({ retry: false, retryState: 'RETRY_STATE_TIMEOUT' } as const)
      : decideRetry(act, failure, engine.now());
  if (decision.retry) {
    retryLater(engine, run, act, failure, decision.delayMs);
  } else {
    closeActivity(engine, run, act, 'EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT', {
      failure,
      retryState: decision.retryState,
    });
  }
}

/** Schedules the next attempt after `delayMs` of emulator time. */
export function retryLater(
  engine: Engine,
  run: RunState,
  act: ActivityState,
  failure: Proto,
  delayMs: number,
): void {
  clearAttemptTimers(engine, run, act);
  act.lastFailure = failure;
  act.attempt++;
  act.seq++;
  act.state = 'backoff';
  act.currentAttemptScheduledAt = engine.now() + delayMs;
  engine.arm(`a-retry:${run.runId}:${act.scheduledEventId}`, act.currentAttemptScheduledAt, () =>
    dispatchActivity(engine, run, act),
  );
  engine.changed();
}

function clearAttemptTimers(engine: Engine, run: RunState, act: ActivityState): void {
  for (const prefix of ['a-s2s', 'a-s2c-start', 'a-hb', 'a-retry'])
    engine.disarm(`${prefix}:${run.runId}:${act.scheduledEventId}`);
}

/** Clears every timer of an activity that is going away: its attempt's and its schedule-to-close. */
export function clearActivityTimers(engine: Engine, run: RunState, act: ActivityState): void {
  clearAttemptTimers(engine, run, act);
  engine.disarm(`a-s2c:${run.runId}:${act.scheduledEventId}`);
}

/** Closes an activity: clears its timers and hands the Started+closing events to the workflow. */
export function closeActivity(
  engine: Engine,
  run: RunState,
  act: ActivityState,
  eventType: string,
  attrs: Proto,
): void {
  clearActivityTimers(engine, run, act);
  delete run.activities[String(act.scheduledEventId)];
  const started =
    act.state === 'started'
      ? {
          scheduledEventId: act.scheduledEventId,
          identity: act.startedIdentity,
          requestId: randomUUID(),
          attempt: act.attempt,
          lastFailure: act.lastFailure,
        }
      : undefined;
  addExternalEvent(engine, run, {
    kind: 'activityClosed',
    scheduledEventId: act.scheduledEventId,
    eventType,
    attrs,
    started,
  });
}

/**
 * RequestCancelActivityTask command: a not-yet-started activity is cancelled at once (returns true,
 * a new workflow task is needed); a running one learns of it through its next heartbeat.
 */
export function requestCancelActivity(
  engine: Engine,
  run: RunState,
  scheduledEventId: number,
  completedId: number,
): boolean {
  const ev = appendEvent(run, engine.now(), 'EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED', {
    scheduledEventId,
    workflowTaskCompletedEventId: completedId,
  });
  const act = run.activities[String(scheduledEventId)];
  if (!act) return false;
  act.cancelRequested = true;
  act.cancelRequestedEventId = ev.eventId;
  if (act.state === 'started') return false;
  clearActivityTimers(engine, run, act);
  delete run.activities[String(scheduledEventId)];
  appendEvent(run, engine.now(), 'EVENT_TYPE_ACTIVITY_TASK_CANCELED', {
    scheduledEventId,
    startedEventId: 0,
    latestCancelRequestedEventId: ev.eventId,
  });
  return true;
}
