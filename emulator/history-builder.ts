import { toTimestamp } from './proto-time';
import type { HistoryEvent, Proto, RunState } from './run-state';

let taskIdCounter = 1;
/** Attribute keys by event type: computed once per type, not per event. */
const attributeKeys = new Map<string, string>();

/** `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `activityTaskScheduledEventAttributes`. */
export function attributesKey(eventType: string): string {
  let key = attributeKeys.get(eventType);
  if (key === undefined) {
    key = computeAttributesKey(eventType);
    attributeKeys.set(eventType, key);
  }
  return key;
}

function computeAttributesKey(eventType: string): string {
  const words = eventType
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .split('_');
  return (
    words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('') + 'EventAttributes'
  );
}

/**
 * Appends an event with the next contiguous id. Callers must not use it while a workflow task is
 * started unless the event belongs to that task's completion (see `buffered` for the rest).
 */
export function appendEvent(
  run: RunState,
  now: number,
  eventType: string,
  attrs: Proto,
  extra?: Proto,
): HistoryEvent {
  const event: HistoryEvent = {
    eventId: run.history.length + 1,
    eventTime: toTimestamp(now),
    eventType,
    taskId: taskIdCounter++,
    [attributesKey(eventType)]: attrs,
    ...extra,
  };
  run.history.push(event);
  return event;
}

/** Id the next appended event will get. */
export function nextEventId(run: RunState): number {
  return run.history.length + 1;
}

/** The attributes object of an event. */
export function attributesOf(event: HistoryEvent): Proto {
  return event[attributesKey(event.eventType)] ?? {};
}
