import type { Proto } from './run-state';

/** Epoch milliseconds → google.protobuf.Timestamp. */
export function toTimestamp(ms: number): Proto {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** google.protobuf.Timestamp → epoch milliseconds (0 when absent). */
export function fromTimestamp(ts: Proto | undefined | null): number {
  if (!ts) return 0;
  return Number(ts.seconds ?? 0) * 1000 + Math.floor(Number(ts.nanos ?? 0) / 1e6);
}

/** google.protobuf.Duration → milliseconds (0 when absent, which Temporal reads as "none"). */
export function durationMs(d: Proto | undefined | null): number {
  if (!d) return 0;
  return Number(d.seconds ?? 0) * 1000 + Math.floor(Number(d.nanos ?? 0) / 1e6);
}

/** Milliseconds → google.protobuf.Duration. */
export function toDuration(ms: number): Proto {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}
