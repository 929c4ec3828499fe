import type { DataSource } from 'typeorm';
import { UnauthorizedError } from '../errors';
import type { RequestAuth } from '../routing/route-definition';
import { readSignatureHex } from './flow-credentials';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature-timestamp';

/** Expired rows removed per claim: enough to keep up with any claim rate, never a long delete. */
const PURGE_BATCH = 20;

/**
 * Makes a timestamped flow signature single-use: records that `flowId` accepted it, so the same
 * signed request is refused if it arrives again, at whichever API process. Does nothing for other
 * credentials (the published signature without a timestamp stays replayable, as published).
 * The row lives until the timestamp leaves the tolerance, after which the timestamp check refuses
 * the signature anyway; each claim deletes a few expired rows (skipping rows a concurrent claim is
 * deleting), so the table holds about one tolerance window of signatures without a timer.
 * Call it only after `authorizeFlowAccess` accepted the signature: unsigned junk must not fill the table.
 * @throws UnauthorizedError (401) when the signature was already accepted.
 */
export async function claimFlowSignature(
  dataSource: DataSource,
  flowId: string,
  auth: RequestAuth,
): Promise<void> {
  if (auth.kind !== 'flowCredential' || auth.signature === undefined) return;
  if (auth.signatureTimestamp === undefined) return;
  const claimed: unknown[] = await dataSource.query(
    `WITH purge AS (
       DELETE FROM used_flow_signatures WHERE ctid IN (
         SELECT ctid FROM used_flow_signatures WHERE "expiresAt" < now()
         LIMIT ${PURGE_BATCH} FOR UPDATE SKIP LOCKED)
     )
     INSERT INTO used_flow_signatures ("flowId", "signature", "expiresAt")
     VALUES ($1, $2, to_timestamp($3))
     ON CONFLICT DO NOTHING
     RETURNING 1`,
    [
      flowId,
      readSignatureHex(auth.signature) ?? auth.signature,
      Number(auth.signatureTimestamp) + SIGNATURE_TOLERANCE_SECONDS,
    ],
  );
  if (claimed.length === 0) {
    throw new UnauthorizedError(
      'This signed request was already received; sign every request with a new X-Signature-Timestamp',
    );
  }
}
