import { toDuration, toTimestamp } from './proto-time';
import type { Proto, RunState } from './run-state';
import { withTypeMetadata } from './search-attributes';

/** WorkflowExecutionInfo as Describe and List return it. */
export function executionInfo(run: RunState, types: Map<string, string>): Proto {
  return {
    execution: { workflowId: run.workflowId, runId: run.runId },
    type: { name: run.workflowType },
    startTime: toTimestamp(run.startTime),
    closeTime: run.closeTime !== undefined ? toTimestamp(run.closeTime) : undefined,
    status: run.status,
    historyLength: run.history.length,
    executionTime: toTimestamp(run.startTime),
    memo: run.memo ?? { fields: {} },
    searchAttributes: { indexedFields: withTypeMetadata(types, run.searchAttributes) },
    taskQueue: run.taskQueue,
    stateTransitionCount: run.history.length,
    historySizeBytes: 0,
    executionDuration: run.closeTime !== undefined ? toDuration(run.closeTime - run.startTime) : undefined,
    firstRunId: run.firstRunId,
  };
}

/** DescribeWorkflowExecutionResponse. */
export function describeRun(run: RunState, types: Map<string, string>): Proto {
  const pendingActivities = Object.values(run.activities).map((act) => ({
    activityId: act.activityId,
    activityType: { name: act.activityType },
    state: act.cancelRequested
      ? 'PENDING_ACTIVITY_STATE_CANCEL_REQUESTED'
      : act.state === 'started'
        ? 'PENDING_ACTIVITY_STATE_STARTED'
        : 'PENDING_ACTIVITY_STATE_SCHEDULED',
    heartbeatDetails: act.heartbeatDetails,
    lastHeartbeatTime: act.lastHeartbeatAt !== undefined ? toTimestamp(act.lastHeartbeatAt) : undefined,
    lastStartedTime: act.startedAt !== undefined ? toTimestamp(act.startedAt) : undefined,
    attempt: act.attempt,
    maximumAttempts: act.retryPolicy.maximumAttempts,
    scheduledTime: toTimestamp(act.currentAttemptScheduledAt),
    lastFailure: act.lastFailure,
    lastWorkerIdentity: act.startedIdentity,
  }));
  return {
    executionConfig: {
      taskQueue: { name: run.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      workflowExecutionTimeout: toDuration(run.executionTimeoutMs),
      workflowRunTimeout: toDuration(run.runTimeoutMs),
      defaultWorkflowTaskTimeout: toDuration(run.taskTimeoutMs),
      userMetadata: run.userMetadata,
    },
    workflowExecutionInfo: executionInfo(run, types),
    pendingActivities,
    pendingWorkflowTask: run.wt
      ? {
          state: run.wt.startedEventId
            ? 'PENDING_WORKFLOW_TASK_STATE_STARTED'
            : 'PENDING_WORKFLOW_TASK_STATE_SCHEDULED',
          scheduledTime: toTimestamp(run.wt.scheduledAt),
          startedTime: run.wt.startedAt !== undefined ? toTimestamp(run.wt.startedAt) : undefined,
          attempt: run.wt.attempt,
        }
      : undefined,
  };
}
