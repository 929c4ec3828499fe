/**
 * How event webhooks are signed (documented in docs/integration-guide.md, with verification code):
 * `X-FlowBot-Signature: v1=<hex HMAC-SHA256(secret, "<X-FlowBot-Timestamp>.<raw body>")>`.
 */
import { createHmac } from 'node:crypto';

/** The headers of every delivery. */
export const WEBHOOK_HEADERS = {
  /** The event type, e.g. `conversation.completed`. */
  event: 'X-FlowBot-Event',
  /** The event id (also `id` in the body): the same on every attempt and redelivery. */
  delivery: 'X-FlowBot-Delivery',
  /** Unix seconds when this attempt was signed. */
  timestamp: 'X-FlowBot-Timestamp',
  signature: 'X-FlowBot-Signature',
} as const;

/** The `X-FlowBot-Signature` value of `body` sent at `timestampSeconds`. */
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`, 'utf8').digest('hex');
  return `v1=${digest}`;
}
