/* Plain-data state of one workflow run. Everything here is JSON-serialisable (Buffers are revived by
 * the persistence layer) so a snapshot of it is the whole durable state. */

/** A proto message as proto-loader hands it to us: a plain object. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Proto = Record<string, any>;

/** A history event, `{eventId, eventTime, eventType, taskId, <x>EventAttributes}`. */
export type HistoryEvent = Proto & { eventId: number; eventType: string };

/** Closed statuses use the proto enum names so Describe/List can return them as is. */
export type RunStatus =
  | 'WORKFLOW_EXECUTION_STATUS_RUNNING'
  | 'WORKFLOW_EXECUTION_STATUS_COMPLETED'
  | 'WORKFLOW_EXECUTION_STATUS_FAILED'
  | 'WORKFLOW_EXECUTION_STATUS_CANCELED'
  | 'WORKFLOW_EXECUTION_STATUS_TERMINATED'
  | 'WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW'
  | 'WORKFLOW_EXECUTION_STATUS_TIMED_OUT';

/** The run's current workflow task, if any. */
export interface WorkflowTaskState {
  scheduledEventId: number;
  /** Set once a poller took it; events arriving meanwhile are buffered. */
  startedEventId?: number;
  attempt: number;
  /** Bumped on every (re)dispatch so stale queue entries and task tokens are recognised. */
  seq: number;
  scheduledAt: number;
  startedAt?: number;
  /** Queue the task was put on; sticky tasks carry a partial history. */
  onSticky: boolean;
}

/** An activity scheduled by the workflow and not yet closed. */
export interface ActivityState {
  scheduledEventId: number;
  activityId: string;
  activityType: string;
  taskQueue: string;
  input?: Proto;
  header?: Proto;
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  retryPolicy: Proto;
  attempt: number;
  state: 'scheduled' | 'started' | 'backoff';
  /** First scheduling time; the schedule-to-close deadline counts from here. */
  firstScheduledAt: number;
  currentAttemptScheduledAt: number;
  startedAt?: number;
  startedIdentity?: string;
  lastHeartbeatAt?: number;
  heartbeatDetails?: Proto;
  lastFailure?: Proto;
  cancelRequested: boolean;
  cancelRequestedEventId?: number;
  /** Bumped on each attempt/dispatch: task tokens of older attempts are rejected. */
  seq: number;
}

/** A started timer. */
export interface TimerState {
  timerId: string;
  startedEventId: number;
  fireAt: number;
}

/** One run of a workflow execution. */
export interface RunState {
  namespace: string;
  workflowId: string;
  runId: string;
  firstRunId: string;
  workflowType: string;
  taskQueue: string;
  status: RunStatus;
  history: HistoryEvent[];
  startTime: number;
  closeTime?: number;
  memo?: Proto;
  searchAttributes: Record<string, Proto>;
  userMetadata?: Proto;
  requestId?: string;
  executionTimeoutMs: number;
  runTimeoutMs: number;
  taskTimeoutMs: number;
  wt?: WorkflowTaskState;
  /** A workflow task that failed waits here (real-time backoff) before it is scheduled again. */
  wtRetryAt?: number;
  wtFailures: number;
  /** Started event id of the last completed workflow task (`previousStartedEventId`). */
  lastCompletedStartedEventId: number;
  /** Events that arrived while a workflow task was started; appended after its completion. */
  buffered: BufferedEvent[];
  stickyQueue?: string;
  stickyTimeoutMs: number;
  activities: Record<string, ActivityState>;
  timers: Record<string, TimerState>;
  cancelRequested: boolean;
  newRunId?: string;
  seq: number;
}

/** An event that waits for the in-flight workflow task; built when flushed so ids stay contiguous. */
export type BufferedEvent =
  | { kind: 'signal'; attrs: Proto }
  | { kind: 'cancelRequested'; attrs: Proto }
  | { kind: 'timerFired'; timerId: string; startedEventId: number }
  | { kind: 'activityClosed'; scheduledEventId: number; eventType: string; attrs: Proto; started?: Proto };

/** True while the run can still make progress. */
export function isOpen(run: RunState): boolean {
  return run.status === 'WORKFLOW_EXECUTION_STATUS_RUNNING';
}
