import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(raw body, app secret)>` in constant time.
 * `rawBody` must be the exact bytes received (Koa's `ctx.request.rawBody`), never re-serialised JSON.
 */
export function verifyHubSignature(
  rawBody: string | Buffer | undefined,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (rawBody === undefined || !header || !appSecret) return false;
  const match = SIGNATURE.exec(header.trim());
  if (!match) return false;
  const presented = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(presented, expected);
}
