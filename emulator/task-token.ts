import { notFound } from './errors';

/** What a task token identifies: a workflow task, an activity attempt, or a legacy query task. */
export type TaskToken =
  { t: 'w'; r: string; s: number } | { t: 'a'; r: string; e: number; s: number } | { t: 'q'; q: string };

/** Encodes a task token as the opaque bytes the SDK hands back. */
export function encodeToken(token: TaskToken): Buffer {
  return Buffer.from(JSON.stringify(token));
}

/** Decodes a task token; a malformed one is answered like a stale one (NOT_FOUND). */
export function decodeToken(bytes: Buffer | Uint8Array | undefined): TaskToken {
  try {
    return JSON.parse(Buffer.from(bytes ?? []).toString('utf8')) as TaskToken;
  } catch {
    throw notFound('invalid task token');
  }
}
