import fs from 'node:fs';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { PROTO_INCLUDE_DIRS } from './protos';
import type { HistoryEvent, Proto } from './run-state';

/** Wire type of length-delimited fields (embedded messages). */
const LENGTH_DELIMITED = 2;
/** `History.events` is field 1. */
const EVENTS_FIELD = 1;
/** Response field number of the `history` field, per RPC that returns one. */
const HISTORY_FIELDS: Record<string, number> = {
  PollWorkflowTaskQueue: 8,
  GetWorkflowExecutionHistory: 1,
};

/** Encoded bytes per event. Events never change once appended, so each is encoded once. */
const encodedEvents = new WeakMap<HistoryEvent, Uint8Array>();
let historyEventType: protobuf.Type | undefined;

function eventType(): protobuf.Type {
  if (historyEventType) return historyEventType;
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => {
    if (path.isAbsolute(target)) return target;
    return PROTO_INCLUDE_DIRS.map((dir) => path.join(dir, target)).find((f) => fs.existsSync(f)) ?? target;
  };
  root.loadSync('temporal/api/history/v1/message.proto');
  historyEventType = root.lookupType('temporal.api.history.v1.HistoryEvent');
  return historyEventType;
}

/** An event's protobuf bytes, exactly what proto-loader produces (`fromObject` then `encode`). */
function encodeEvent(event: HistoryEvent): Uint8Array {
  let bytes = encodedEvents.get(event);
  if (!bytes) {
    const type = eventType();
    bytes = type.encode(type.fromObject(event)).finish();
    encodedEvents.set(event, bytes);
  }
  return bytes;
}

function varintLength(value: number): number {
  let n = 1;
  for (let v = value; v > 0x7f; v = Math.floor(v / 128)) n++;
  return n;
}

function writeVarint(buf: Buffer, offset: number, value: number): number {
  let at = offset;
  let v = value;
  while (v > 0x7f) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  return at;
}

/** `head` followed by field `historyField` holding a `History` whose `events` are the given bytes. */
function appendHistory(head: Uint8Array, historyField: number, events: Uint8Array[]): Buffer {
  let historyLength = 0;
  for (const e of events) historyLength += 1 + varintLength(e.length) + e.length;
  const historyTag = (historyField << 3) | LENGTH_DELIMITED;
  const total = head.length + varintLength(historyTag) + varintLength(historyLength) + historyLength;
  const out = Buffer.allocUnsafe(total);
  out.set(head, 0);
  let at = writeVarint(out, head.length, historyTag);
  at = writeVarint(out, at, historyLength);
  const eventTag = (EVENTS_FIELD << 3) | LENGTH_DELIMITED;
  for (const e of events) {
    out[at++] = eventTag;
    at = writeVarint(out, at, e.length);
    out.set(e, at);
    at += e.length;
  }
  return out;
}

/**
 * Wraps a response serializer so the `history` field (a `History` message at `historyField`) is
 * assembled from cached event bytes instead of being converted and encoded again on every response:
 * full histories go out again and again (non-sticky tasks, legacy queries, history pages). Protobuf
 * readers accept fields in any order, so the history is appended after the rest of the message.
 */
function serializeWithCachedHistory(
  serialize: grpc.serialize<Proto>,
  historyField: number,
): grpc.serialize<Proto> {
  return (value: Proto) => {
    const events: HistoryEvent[] | undefined = value.history?.events;
    if (!events) return serialize(value);
    return appendHistory(serialize({ ...value, history: undefined }), historyField, events.map(encodeEvent));
  };
}

/** A copy of the WorkflowService definition whose history-carrying responses use cached event bytes. */
export function withCachedHistories(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const out: Record<string, grpc.MethodDefinition<Proto, Proto>> = { ...service };
  for (const [rpc, field] of Object.entries(HISTORY_FIELDS)) {
    const method = service[rpc];
    if (method) {
      out[rpc] = {
        ...method,
        responseSerialize: serializeWithCachedHistory(method.responseSerialize, field),
      };
    }
  }
  return out;
}
