import { createHmac, timingSafeEqual } from 'node:crypto';
import { decryptSecret, verifyTokenHash } from '../../platform/secrets';
import { NotFoundError, UnauthorizedError } from '../errors';
import type { RequestAuth } from '../routing/route-definition';

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
 * Checks `X-Signature-256` (hex HMAC-SHA256 of the raw body with the flow's secret; a `sha256=`
 * prefix is accepted, hex case ignored) in constant time.
 */
export function verifyFlowSignature(
  signature: string,
  rawBody: string | Buffer | undefined,
  flow: FlowCredentialsRecord,
  encryptionKey: Buffer,
): boolean {
  if (flow.hmacSecretEncrypted === null) return false;
  const hex = signature.trim().replace(/^sha256=/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return false;
  const secret = decryptSecret(flow.hmacSecretEncrypted, encryptionKey);
  const expected = createHmac('sha256', secret)
    .update(rawBody ?? '')
    .digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

/**
 * Decides whether the caller may act on `flow`:
 * - a user (cookie/bearer JWT) must own it, otherwise 404 (another tenant's flow does not exist);
 * - an outbound token or HMAC signature must match this flow, otherwise 401.
 * Load the flow by id first (404 when missing); pass `ctx.request.rawBody` for signatures.
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
      if (auth.signature !== undefined && verifyFlowSignature(auth.signature, rawBody, flow, encryptionKey))
        return;
      throw new UnauthorizedError('Invalid flow credentials');
    case 'none':
      throw new UnauthorizedError('Authentication required');
  }
}
