import { requestCancelActivity, scheduleActivity } from './activities';
import type { Engine } from './engine';
import { registerSearchAttributes } from './search-attributes';
import { RpcError } from './errors';
import { appendEvent, attributesKey } from './history-builder';
import { closeRun, continueAsNew } from './run-lifecycle';
import { durationMs } from './proto-time';
import { isOpen, type Proto, type RunState } from './run-state';
import { addExternalEvent } from './external-events';
import * as grpc from '@grpc/grpc-js';

type CommandHandler = (
  engine: Engine,
  run: RunState,
  attrs: Proto,
  completedId: number,
  command: Proto,
) => boolean;

/** One handler per supported command type; each returns true when a new workflow task is needed at once. */
const HANDLERS: Record<string, CommandHandler> = {
  COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK: (engine, run, attrs, completedId, command) => {
    scheduleActivity(engine, run, attrs, completedId, command.userMetadata);
    return false;
  },
  COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK: (engine, run, attrs, completedId) =>
    requestCancelActivity(engine, run, Number(attrs.scheduledEventId), completedId),
  COMMAND_TYPE_START_TIMER: (engine, run, attrs, completedId, command) => {
    startTimer(engine, run, attrs, completedId, command.userMetadata);
    return false;
  },
  COMMAND_TYPE_CANCEL_TIMER: (engine, run, attrs, completedId) => {
    cancelTimer(engine, run, String(attrs.timerId), completedId);
    return false;
  },
  COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION: (engine, run, attrs, completedId) => {
    closeRun(engine, run, 'WORKFLOW_EXECUTION_STATUS_COMPLETED', 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED', {
      result: attrs.result,
      workflowTaskCompletedEventId: completedId,
    });
    return false;
  },
  COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION: (engine, run, attrs, completedId) => {
    closeRun(engine, run, 'WORKFLOW_EXECUTION_STATUS_FAILED', 'EVENT_TYPE_WORKFLOW_EXECUTION_FAILED', {
      failure: attrs.failure,
      retryState: 'RETRY_STATE_RETRY_POLICY_NOT_SET',
      workflowTaskCompletedEventId: completedId,
    });
    return false;
  },
  COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION: (engine, run, attrs, completedId) => {
    closeRun(engine, run, 'WORKFLOW_EXECUTION_STATUS_CANCELED', 'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED', {
      details: attrs.details,
      workflowTaskCompletedEventId: completedId,
    });
    return false;
  },
  COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION: (engine, run, attrs, completedId) => {
    continueAsNew(engine, run, attrs, completedId);
    return false;
  },
  COMMAND_TYPE_RECORD_MARKER: (engine, run, attrs, completedId) => {
    appendEvent(run, engine.now(), 'EVENT_TYPE_MARKER_RECORDED', {
      ...attrs,
      workflowTaskCompletedEventId: completedId,
    });
    return false;
  },
  COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: (engine, run, attrs, completedId) => {
    const fields: Record<string, Proto> = attrs.searchAttributes?.indexedFields ?? {};
    appendEvent(run, engine.now(), 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', {
      searchAttributes: attrs.searchAttributes,
      workflowTaskCompletedEventId: completedId,
    });
    registerSearchAttributes(engine.searchAttributeTypes, fields);
    mergeSearchAttributes(run, fields);
    return false;
  },
  COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES: (engine, run, attrs, completedId) => {
    appendEvent(run, engine.now(), 'EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED', {
      upsertedMemo: attrs.upsertedMemo,
      workflowTaskCompletedEventId: completedId,
    });
    const fields = attrs.upsertedMemo?.fields ?? {};
    run.memo = { fields: { ...(run.memo?.fields ?? {}), ...fields } };
    return false;
  },
};

/** Merges upserted search attributes; an empty payload removes the attribute, as on the server. */
function mergeSearchAttributes(run: RunState, fields: Record<string, Proto>): void {
  for (const [name, payload] of Object.entries(fields)) {
    const data: Buffer | undefined = payload?.data;
    if (!data || data.length === 0 || data.toString() === 'null' || data.toString() === '[]') {
      delete run.searchAttributes[name];
    } else {
      run.searchAttributes[name] = payload;
    }
  }
}

/** Refuses (loudly) a completion that carries a command the emulator does not implement. */
export function validateCommands(commands: Proto[]): void {
  for (const c of commands) {
    if (!HANDLERS[c.commandType]) {
      process.stderr.write(`[temporal-emulator] UNIMPLEMENTED command: ${c.commandType}\n`);
      throw new RpcError(
        grpc.status.UNIMPLEMENTED,
        `command ${c.commandType} is not implemented by the emulator`,
      );
    }
  }
}

/** Applies commands in order, stopping after one that closes the run. Returns whether a new task is needed. */
export function applyCommands(
  engine: Engine,
  run: RunState,
  commands: Proto[],
  completedId: number,
): boolean {
  let needsTask = false;
  for (const command of commands) {
    if (!isOpen(run)) break;
    const handler = HANDLERS[command.commandType];
    const attrs = command[attributesKey(command.commandType)] ?? {};
    if (handler(engine, run, attrs, completedId, command)) needsTask = true;
  }
  return needsTask;
}

function startTimer(
  engine: Engine,
  run: RunState,
  attrs: Proto,
  completedId: number,
  userMetadata?: Proto,
): void {
  const now = engine.now();
  const timerId = String(attrs.timerId);
  const event = appendEvent(
    run,
    now,
    'EVENT_TYPE_TIMER_STARTED',
    { timerId, startToFireTimeout: attrs.startToFireTimeout, workflowTaskCompletedEventId: completedId },
    userMetadata,
  );
  const fireAt = now + durationMs(attrs.startToFireTimeout);
  run.timers[timerId] = { timerId, startedEventId: event.eventId, fireAt };
  armTimer(engine, run, timerId);
}

/** Arms a started timer on the clock (also used when resuming persisted runs). */
export function armTimer(engine: Engine, run: RunState, timerId: string): void {
  const timer = run.timers[timerId];
  if (!timer) return;
  engine.arm(`timer:${run.runId}:${timerId}`, timer.fireAt, () => {
    if (run.timers[timerId] !== timer || !isOpen(run)) return;
    delete run.timers[timerId];
    addExternalEvent(engine, run, { kind: 'timerFired', timerId, startedEventId: timer.startedEventId });
  });
}

function cancelTimer(engine: Engine, run: RunState, timerId: string, completedId: number): void {
  const timer = run.timers[timerId];
  let startedEventId = timer?.startedEventId;
  if (timer) {
    engine.disarm(`timer:${run.runId}:${timerId}`);
    delete run.timers[timerId];
  } else {
    // The timer fired while this task was in flight: drop the buffered firing instead.
    const idx = run.buffered.findIndex((b) => b.kind === 'timerFired' && b.timerId === timerId);
    if (idx < 0) return;
    const fired = run.buffered[idx];
    if (fired.kind === 'timerFired') startedEventId = fired.startedEventId;
    run.buffered.splice(idx, 1);
  }
  appendEvent(run, engine.now(), 'EVENT_TYPE_TIMER_CANCELED', {
    timerId,
    startedEventId,
    workflowTaskCompletedEventId: completedId,
  });
}
