import type { Engine } from './engine';
import { appendEvent } from './history-builder';
import type { BufferedEvent, RunState } from './run-state';
import { scheduleWorkflowTask } from './workflow-tasks';

/**
 * An event from outside the workflow task (signal, timer firing, activity result, cancel request).
 * While a workflow task is started it is buffered and written after that task's completion;
 * otherwise it is written now and a workflow task is scheduled.
 */
export function addExternalEvent(engine: Engine, run: RunState, event: BufferedEvent): void {
  if (run.wt?.startedEventId !== undefined) {
    run.buffered.push(event);
  } else {
    writeEvent(engine, run, event);
    scheduleWorkflowTask(engine, run);
  }
  engine.notifyHistory(run);
  engine.changed();
}

/** Writes every buffered event in arrival order; returns how many there were. */
export function flushBuffered(engine: Engine, run: RunState): number {
  const events = run.buffered;
  run.buffered = [];
  for (const e of events) writeEvent(engine, run, e);
  return events.length;
}

function writeEvent(engine: Engine, run: RunState, event: BufferedEvent): void {
  const now = engine.now();
  switch (event.kind) {
    case 'signal':
      appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED', event.attrs);
      return;
    case 'cancelRequested':
      appendEvent(run, now, 'EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED', event.attrs);
      return;
    case 'timerFired':
      appendEvent(run, now, 'EVENT_TYPE_TIMER_FIRED', {
        timerId: event.timerId,
        startedEventId: event.startedEventId,
      });
      return;
    case 'activityClosed': {
      // ActivityTaskStarted is written lazily, right before the closing event, as the server does.
      const startedEventId = event.started
        ? appendEvent(run, now, 'EVENT_TYPE_ACTIVITY_TASK_STARTED', event.started).eventId
        : 0;
      appendEvent(run, now, event.eventType, {
        ...event.attrs,
        scheduledEventId: event.scheduledEventId,
        startedEventId,
      });
      return;
    }
    default: {
      const never: never = event;
      throw new Error(`unknown buffered event ${JSON.stringify(never)}`);
    }
  }
}
