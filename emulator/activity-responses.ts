import { decideRetry } from './activity-retry';
import { armHeartbeat, closeActivity, retryLater } from './activities';
import type { Engine } from './engine';
import { notFound } from './errors';
import { isOpen, type ActivityState, type Proto, type RunState } from './run-state';
import { decodeToken } from './task-token';

/* The RPCs an activity worker answers with: complete, fail, cancelled, heartbeat. */

/** Resolves an activity task token to its still-current attempt, or NOT_FOUND. */
function activityForToken(engine: Engine, token: Buffer): { run: RunState; act: ActivityState } {
  const decoded = decodeToken(token);
  const run = decoded.t === 'a' ? engine.runs.get(decoded.r) : undefined;
  const act = run && decoded.t === 'a' ? run.activities[String(decoded.e)] : undefined;
  if (!run || !act || decoded.t !== 'a' || act.seq !== decoded.s || act.state !== 'started' || !isOpen(run)) {
    throw notFound('activity task not found');
  }
  return { run, act };
}

/** RespondActivityTaskCompleted. */
export function completeActivity(engine: Engine, req: Proto): Proto {
  const { run, act } = activityForToken(engine, req.taskToken);
  closeActivity(engine, run, act, 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED', {
    result: req.result,
    identity: req.identity,
  });
  return {};
}

/** RespondActivityTaskFailed: retried per the retry policy or closed as failed. */
export function failActivity(engine: Engine, req: Proto): Proto {
  const { run, act } = activityForToken(engine, req.taskToken);
  if (req.lastHeartbeatDetails) act.heartbeatDetails = req.lastHeartbeatDetails;
  const decision = decideRetry(act, req.failure, engine.now(), req.nextRetryDelay);
  if (decision.retry) retryLater(engine, run, act, req.failure, decision.delayMs);
  else
    closeActivity(engine, run, act, 'EVENT_TYPE_ACTIVITY_TASK_FAILED', {
      failure: req.failure,
      retryState: decision.retryState,
      identity: req.identity,
    });
  return {};
}

/** RespondActivityTaskCanceled. */
export function cancelActivityTask(engine: Engine, req: Proto): Proto {
  const { run, act } = activityForToken(engine, req.taskToken);
  closeActivity(engine, run, act, 'EVENT_TYPE_ACTIVITY_TASK_CANCELED', {
    details: req.details,
    latestCancelRequestedEventId: act.cancelRequestedEventId,
    identity: req.identity,
  });
  return {};
}

/** RecordActivityTaskHeartbeat: keeps details for the next attempt and reports cancellation. */
export function heartbeatActivity(engine: Engine, req: Proto): Proto {
  const { run, act } = activityForToken(engine, req.taskToken);
  if (req.details) act.heartbeatDetails = req.details;
  act.lastHeartbeatAt = engine.now();
  armHeartbeat(engine, run, act);
  engine.changed();
  return { cancelRequested: act.cancelRequested, activityPaused: false, activityReset: false };
}
