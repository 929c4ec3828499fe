import { createHmac, timingSafeEqual } from 'node:crypto';
import { decryptSecret, verifyTokenHash } from '../../platform/secrets';
import { NotFoundError, UnauthorizedError } from '../errors';
import type { RequestAuth } from '../routing/route-definition';
import { checkSignatureTimestamp } from './signature-timestamp';

/** The parts of a flow that its credentials are checked against. */
export interface FlowCredentialsRecord {
  id: string;
  userId: string;
  outboundTokenHash: string | null;
  hmacSecretEncrypted: string | null;
}

/** Checks a per-flow outbound token against the flow's stored SHA-256, in constant time. */
export function verifyFlowToken(token: string, flow: FlowCredentialsRecord): boolean {
  return flow.outboundTokenHash !== null && verifyTokenHash(token, flow.outboundTokenHash);
}

/**
 * The hex digest of an `X-Signature-256` value, lower case, or undefined when it is not 64 hex
 * digits (a `sha256=` prefix is accepted): `sha256=AB…` and `ab…` are one signature.
 */
export function readSignatureHex(signature: string): string | undefined {
  const hex = signature.trim().replace(/^sha256=/i, '');
  return /^[0-9a-fA-F]{64}$/.test(hex) ? hex.toLowerCase() : undefined;
}

/**
 * Checks `X-Signature-256` in constant time: hex HMAC-SHA256 with the flow's secret of the exact
 * raw body or, when the request carries `X-Signature-Timestamp`, of `<timestamp>.<raw body>`.
 * A signature of one form never passes as the other, so dropping or adding the timestamp header
 * invalidates it.
 */
export function verifyFlowSignature(
  signature: string,
  rawBody: string | Buffer | undefined,
  flow: FlowCredentialsRecord,
  encryptionKey: Buffer,
  timestamp?: string,
): boolean {
  if (flow.hmacSecretEncrypted === null) return false;
  const hex = readSignatureHex(signature);
  if (hex === undefined) return false;
  const secret = decryptSecret(flow.hmacSecretEncrypted, encryptionKey);
  const hmac = createHmac('sha256', secret);
  if (timestamp !== undefined) hmac.update(`${timestamp}.`);
  const expected = hmac.update(rawBody ?? '').digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/**
 * Decides whether the caller may act on `flow`:
 * - a user (cookie/bearer JWT) must own it, otherwise 404 (another tenant's flow does not exist);
 * - an outbound token or HMAC signature must match this flow, otherwise 401; a signature with
 *   `X-Signature-Timestamp` must also be within the tolerance (401; malformed: 400).
 * Load the flow by id first (404 when missing); pass `ctx.request.rawBody` for signatures. A
 * timestamped signature is single-use: claim it afterwards with `claimFlowSignature`.
 */
export function authorizeFlowAccess(
  auth: RequestAuth,
  flow: FlowCredentialsRecord,
  rawBody: string | Buffer | undefined,
  encryptionKey: Buffer,
): void {
  switch (auth.kind) {
    case 'user':
      if (auth.user.id !== flow.userId) throw new NotFoundError('Flow not found');
      return;
    case 'flowCredential':
      if (auth.flowToken !== undefined && verifyFlowToken(auth.flowToken, flow)) return;
      if (auth.signature !== undefined) {
        if (auth.signatureTimestamp !== undefined) checkSignatureTimestamp(auth.signatureTimestamp);
        if (verifyFlowSignature(auth.signature, rawBody, flow, encryptionKey, auth.signatureTimestamp))
          return;
      }
      throw new UnauthorizedError('Invalid flow credentials');
    case 'none':
      throw new UnauthorizedError('Authentication required');
  }
}
