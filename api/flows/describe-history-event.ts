import type { temporal } from '@temporalio/proto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';

/** A history event as the run-history API shows it: plain JSON, payloads decoded. */
export interface ReadableHistoryEvent {
  eventId: number;
  eventTime: string | null;
  /** `WorkflowExecutionStarted`, `ActivityTaskScheduled`, `WorkflowExecutionSignaled`, … */
  eventType: string;
  /** The one-line summary the Temporal Web UI shows (a run's start, an activity, a timer); null when none. */
  summary: string | null;
  /** The event's attributes with payloads decoded, ids and counts as numbers, times as ISO strings. */
  details: Record<string, unknown>;
}

const ATTRIBUTES_SUFFIX = 'EventAttributes';

/**
 * Turns a raw history event (protobuf objects: Longs, byte arrays, payloads) into readable JSON.
 * The event type is named after the attributes the event carries, so no proto enum table is needed.
 */
export function describeHistoryEvent(event: temporal.api.history.v1.IHistoryEvent): ReadableHistoryEvent {
  const attributesKey = Object.keys(event).find(
    (key) => key.endsWith(ATTRIBUTES_SUFFIX) && (event as Record<string, unknown>)[key] != null,
  );
  const eventType = attributesKey
    ? attributesKey[0].toUpperCase() + attributesKey.slice(1, -ATTRIBUTES_SUFFIX.length)
    : 'Unknown';
  const details = attributesKey
    ? toReadable((event as Record<string, unknown>)[attributesKey], attributesKey)
    : {};
  return {
    eventId: toNumber(event.eventId),
    eventTime: event.eventTime ? toIso(event.eventTime) : null,
    eventType,
    summary: readSummary(event.userMetadata?.summary),
    details: (details ?? {}) as Record<string, unknown>,
  };
}

function readSummary(payload: Payload | null | undefined): string | null {
  if (!payload) return null;
  const summary = decodePayload(payload);
  return typeof summary === 'string' ? summary : null;
}

function toReadable(value: unknown, key: string): unknown {
  if (value === null || value === undefined) return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => toReadable(item, key));
  if (typeof value !== 'object') return value;
  if (isLong(value)) return value.toNumber();
  if (isPayload(value)) return decodePayload(value);
  if (isTimestamp(value))
    return /Time$/.test(key) ? toIso(value) : `${toNumber(value.seconds) + (value.nanos ?? 0) / 1e9}s`;
  const result: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    const readable = toReadable(item, field);
    if (readable !== undefined) result[field] = readable;
  }
  // `{payloads: [...]}` wrappers read better as the plain list of values.
  const fields = Object.keys(result);
  return fields.length === 1 && fields[0] === 'payloads' ? result.payloads : result;
}

function decodePayload(payload: Payload): unknown {
  try {
    return defaultPayloadConverter.fromPayload(payload);
  } catch {
    return { encoding: 'binary', data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') };
  }
}

interface LongLike {
  toNumber(): number;
}

function isLong(value: object): value is LongLike {
  return 'low' in value && 'high' in value && typeof (value as Partial<LongLike>).toNumber === 'function';
}

function isPayload(value: object): value is Payload {
  return 'data' in value && 'metadata' in value;
}

function isTimestamp(value: object): value is { seconds: unknown; nanos?: number } {
  const keys = Object.keys(value);
  return keys.includes('seconds') && keys.every((key) => key === 'seconds' || key === 'nanos');
}

function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && isLong(value)) return value.toNumber();
  return Number(value);
}

function toIso(timestamp: { seconds?: unknown; nanos?: number | null }): string {
  return new Date(
    toNumber(timestamp.seconds) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6),
  ).toISOString();
}
