/**
 * `Idempotency-Key` for the trigger routes. A key is claimed in `idempotency_keys` (unique on scope +
 * key) before the work runs, so two concurrent requests with one key never both start a run: the
 * loser sees the claim. Only successful (2xx) responses are remembered; a failed request releases its
 * claim so the caller can retry with the same key once the cause is fixed.
 */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BadRequestError, ConflictError, UnprocessableEntityError } from '../errors';

/** A response to send (or replay). */
export interface IdempotentResponse {
  status: number;
  body: unknown;
  /** True when this is the stored response of an earlier request. */
  replayed: boolean;
}

/** Who may reuse a key and for what. */
export interface IdempotencyRequest {
  /** The caller's key space, e.g. `user:<id>` or `flow:<id>`. */
  scope: string;
  /** The header's value; undefined runs `work` without idempotency. */
  key: string | undefined;
  /** What makes two requests "the same": method, path and the exact body bytes. */
  fingerprint: string;
}

/** A claim older than this with no response is taken to be from a crashed process. */
const STALE_CLAIM_SECONDS = 120;
/** Printable ASCII, as the IETF draft and Stripe allow. */
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,255}$/;
const IN_PROGRESS = 0;

/**
 * Runs `work` at most once per (scope, key): a repeat with the same request gets the first response
 * (replayed: true); the same key with a different request is a 422; a repeat while the first is still
 * running is a 409 (retry later).
 */
export async function runIdempotently(
  dataSource: DataSource,
  request: IdempotencyRequest,
  work: () => Promise<{ status: number; body: unknown }>,
): Promise<IdempotentResponse> {
  if (request.key === undefined) return { ...(await work()), replayed: false };
  if (!ACCEPTABLE_KEY.test(request.key)) {
    throw new BadRequestError('Idempotency-Key must be 1 to 255 printable ASCII characters');
  }
  const requestHash = createHash('sha256').update(request.fingerprint).digest('hex');
  const claimed: { id: string }[] = await dataSource.query(
    `INSERT INTO idempotency_keys (scope, key, "requestHash", "responseStatus", "responseBody")
     VALUES ($1, $2, $3, ${IN_PROGRESS}, 'null'::jsonb)
     ON CONFLICT (scope, key) DO UPDATE SET "createdAt" = now()
      WHERE idempotency_keys."responseStatus" = ${IN_PROGRESS}
        AND idempotency_keys."requestHash" = EXCLUDED."requestHash"
        AND idempotency_keys."createdAt" < now() - make_interval(secs => ${STALE_CLAIM_SECONDS})
     RETURNING id`,
    [request.scope, request.key, requestHash],
  );
  const claim = claimed[0];
  if (!claim) return replay(dataSource, request, requestHash);

  let result: { status: number; body: unknown };
  try {
    result = await work();
  } catch (error) {
    // The original failure matters more than a failed cleanup (the claim then goes stale and is reclaimed).
    await release(dataSource, claim.id).catch(() => undefined);
    throw error;
  }
  if (result.status >= 200 && result.status < 300) {
    await dataSource.query(
      `UPDATE idempotency_keys SET "responseStatus" = $2, "responseBody" = $3::jsonb WHERE id = $1`,
      [claim.id, result.status, JSON.stringify(result.body)],
    );
  } else {
    await release(dataSource, claim.id);
  }
  return { ...result, replayed: false };
}

async function replay(
  dataSource: DataSource,
  request: IdempotencyRequest,
  requestHash: string,
): Promise<IdempotentResponse> {
  const rows: { requestHash: string; responseStatus: number; responseBody: unknown }[] =
    await dataSource.query(
      `SELECT "requestHash", "responseStatus", "responseBody" FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [request.scope, request.key],
    );
  const stored = rows[0];
  if (!stored) {
    // Released by a failed first request between our insert and this read.
    throw new ConflictError('A request with this Idempotency-Key just failed; retry it');
  }
  if (stored.requestHash !== requestHash) {
    throw new UnprocessableEntityError(
      'This Idempotency-Key was already used for a different request; use a new key for a new request',
    );
  }
  if (stored.responseStatus === IN_PROGRESS) {
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry later');
  }
  return { status: stored.responseStatus, body: stored.responseBody, replayed: true };
}

async function release(dataSource: DataSource, claimId: string): Promise<void> {
  await dataSource.query(`DELETE FROM idempotency_keys WHERE id = $1`, [claimId]);
}
