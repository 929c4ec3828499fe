import { randomUUID } from 'node:crypto';
import type { Engine } from './engine';
import { registerSearchAttributes } from './search-attributes';
import { appendEvent } from './history-builder';
import { durationMs, toDuration } from './proto-time';
import { clearActivityTimers } from './activities';
import { dispatchLegacyQueries } from './queries';
import type { Proto, RunState, RunStatus } from './run-state';
import { flushBuffered } from './external-events';
import { scheduleWorkflowTask } from './workflow-tasks';

/** Default workflow task timeout, as on the server. */
const DEFAULT_TASK_TIMEOUT_MS = 10_000;

/** What a new run starts from: a start request, a signal-with-start, or a continue-as-new. */
export interface NewRunParams {
  namespace: string;
  workflowId: string;
  workflowType: string;
  taskQueue: string;
  input?: Proto;
  header?: Proto;
  memo?: Proto;
  searchAttributes?: Proto;
  userMetadata?: Proto;
  executionTimeout?: Proto;
  runTimeout?: Proto;
  taskTimeout?: Proto;
  identity?: string;
  requestId?: string;
  firstRunId?: string;
  continuedFromRunId?: string;
  /** A signal written right after WorkflowExecutionStarted (signal-with-start). */
  signal?: Proto;
  /** Run id to use instead of a fresh one (a start replayed from the journal). */
  runId?: string;
}

/** Creates a run, writes WorkflowExecutionStarted (+ signal) and schedules its first workflow task. */
export function startRun(engine: Engine, p: NewRunParams): RunState {
  const now = engine.now();
  const runId = p.runId ?? randomUUID();
  const run: RunState = {
    namespace: p.namespace,
    workflowId: p.workflowId,
    runId,
    firstRunId: p.firstRunId ?? runId,
    workflowType: p.workflowType,
    taskQueue: p.taskQueue,
    status: 'WORKFLOW_EXECUTION_STATUS_RUNNING',
    history: [],
    startTime: now,
    memo: p.memo,
    searchAttributes: { ...(p.searchAttributes?.indexedFields ?? {}) },
    userMetadata: p.userMetadata,
    requestId: p.requestId,
    executionTimeoutMs: durationMs(p.executionTimeout),
    runTimeoutMs: durationMs(p.runTimeout),
    taskTimeoutMs: durationMs(p.taskTimeout) || DEFAULT_TASK_TIMEOUT_MS,
    wtFailures: 0,
    lastCompletedStartedEventId: 0,
    buffered: [],
    stickyTimeoutMs: 0,
    activities: {},
    timers: {},
    cancelRequested: false,
    seq: 0,
  };
  registerSearchAttributes(engine.searchAttributeTypes, run.searchAttributes);
  appendEvent(
    run,
    now,
    'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
    {
      workflowType: { name: p.workflowType },
      taskQueue: { name: p.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      input: p.input,
      workflowExecutionTimeout: toDuration(run.executionTimeoutMs),
      workflowRunTimeout: toDuration(run.runTimeoutMs),
      workflowTaskTimeout: toDuration(run.taskTimeoutMs),
      continuedExecutionRunId: p.continuedFromRunId,
      initiator: p.continuedFromRunId ? 'CONTINUE_AS_NEW_INITIATOR_WORKFLOW' : undefined,
      originalExecutionRunId: runId,
      identity: p.identity,
      firstExecutionRunId: run.firstRunId,
      attempt: 1,
      memo: p.memo,
      searchAttributes: p.searchAttributes,
      header: p.header,
      workflowId: p.workflowId,
    },
    p.userMetadata,
  );
  if (p.signal) appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED', p.signal);
  engine.addRun(run);
  armRunTimeout(engine, run);
  scheduleWorkflowTask(engine, run);
  engine.changed();
  return run;
}

/** Arms the run/execution timeout (whichever comes first), if any. */
export function armRunTimeout(engine: Engine, run: RunState): void {
  const limits = [run.runTimeoutMs, run.executionTimeoutMs].filter((ms) => ms > 0);
  if (limits.length === 0) return;
  engine.arm(`runTimeout:${run.runId}`, run.startTime + Math.min(...limits), () => {
    if (run.status !== 'WORKFLOW_EXECUTION_STATUS_RUNNING') return;
    closeRun(engine, run, 'WORKFLOW_EXECUTION_STATUS_TIMED_OUT', 'EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT', {
      retryState: 'RETRY_STATE_TIMEOUT',
    });
  });
}

/** Writes the closing event and drops everything the run still had pending. */
export function closeRun(
  engine: Engine,
  run: RunState,
  status: RunStatus,
  eventType: string,
  attrs: Proto,
): void {
  const now = engine.now();
  appendEvent(run, now, eventType, attrs);
  run.status = status;
  run.closeTime = now;
  engine.runClosed(run);
  for (const timerId of Object.keys(run.timers)) engine.disarm(`timer:${run.runId}:${timerId}`);
  for (const act of Object.values(run.activities)) clearActivityTimers(engine, run, act);
  run.timers = {};
  run.activities = {};
  engine.disarm(`wtTimeout:${run.runId}`);
  engine.disarm(`runTimeout:${run.runId}`);
  engine.disarmReal(`sticky:${run.runId}`);
  if (run.wtRetryAt !== undefined) {
    engine.disarmReal(`wtRetry:${run.runId}`);
    engine.backoffWorkflowTasks--;
    run.wtRetryAt = undefined;
  }
  // Closed runs can still be queried: queries waiting for a workflow task go out as legacy tasks.
  dispatchLegacyQueries(engine, run);
  engine.notifyHistory(run);
  engine.changed();
}

/** Terminates a run; events buffered behind an in-flight workflow task are written first. */
export function terminateRun(
  engine: Engine,
  run: RunState,
  reason: string,
  details: Proto | undefined,
  identity: string,
): void {
  flushBuffered(engine, run);
  run.wt = undefined;
  closeRun(engine, run, 'WORKFLOW_EXECUTION_STATUS_TERMINATED', 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED', {
    reason,
    details,
    identity,
  });
}

/** Handles the ContinueAsNew command: closes this run and starts the next one under the same workflow id. */
export function continueAsNew(engine: Engine, run: RunState, attrs: Proto, completedId: number): void {
  const next = startRun(engine, {
    namespace: run.namespace,
    workflowId: run.workflowId,
    workflowType: attrs.workflowType?.name || run.workflowType,
    taskQueue: attrs.taskQueue?.name || run.taskQueue,
    input: attrs.input,
    header: attrs.header,
    memo: attrs.memo ?? run.memo,
    searchAttributes: attrs.searchAttributes ?? { indexedFields: run.searchAttributes },
    runTimeout: attrs.workflowRunTimeout,
    taskTimeout: attrs.workflowTaskTimeout ?? toDuration(run.taskTimeoutMs),
    firstRunId: run.firstRunId,
    continuedFromRunId: run.runId,
  });
  run.newRunId = next.runId;
  closeRun(
    engine,
    run,
    'WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW',
    'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW',
    {
      newExecutionRunId: next.runId,
      workflowType: { name: next.workflowType },
      taskQueue: { name: next.taskQueue, kind: 'TASK_QUEUE_KIND_NORMAL' },
      input: attrs.input,
      workflowRunTimeout: attrs.workflowRunTimeout,
      workflowTaskTimeout: toDuration(next.taskTimeoutMs),
      workflowTaskCompletedEventId: completedId,
      initiator: 'CONTINUE_AS_NEW_INITIATOR_WORKFLOW',
      header: attrs.header,
      memo: attrs.memo,
      searchAttributes: attrs.searchAttributes,
    },
  );
}
