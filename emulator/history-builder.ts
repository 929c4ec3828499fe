import { toTimestamp } from './proto-time';
import type { HistoryEvent, Proto, RunState } from './run-state';

let taskIdCounter = 1;
/** Attribute keys by event or command type: computed once per type, not per event. */
const attributeKeys = new Map<string, string>();

/**
 * The field holding a proto's attributes, by its enum type:
 * `EVENT_TYPE_ACTIVITY_TASK_SCHEDULED` → `activityTaskScheduledEventAttributes`,
 * `COMMAND_TYPE_START_TIMER` → `startTimerCommandAttributes`.
 */
export function attributesKey(type: string): string {
  let key = attributeKeys.get(type);
  if (key === undefined) {
    key = computeAttributesKey(type);
    attributeKeys.set(type, key);
  }
  return key;
}

function computeAttributesKey(type: string): string {
  const match = /^(EVENT|COMMAND)_TYPE_(.*)$/.exec(type);
  const [kind, name] = match ? [match[1], match[2]] : ['EVENT', type];
  const words = name.toLowerCase().split('_');
  const suffix = kind === 'COMMAND' ? 'CommandAttributes' : 'EventAttributes';
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('') + suffix;
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
  userMetadata?: Proto,
): HistoryEvent {
  const event: HistoryEvent = {
    eventId: run.history.length + 1,
    eventTime: toTimestamp(now),
    eventType,
    taskId: taskIdCounter++,
    [attributesKey(eventType)]: attrs,
    ...(userMetadata && { userMetadata }),
  };
  run.history.push(event);
  return event;
}
