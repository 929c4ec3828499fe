// Verify an event webhook in your endpoint before trusting it: X-FlowBot-Signature is v1= and the
// hex HMAC-SHA256, with your endpoint's secret, of "<X-FlowBot-Timestamp>.<exact body>". Refuse old
// timestamps (replays) and compare in constant time. Then answer 2xx; the same event (same id) can
// arrive again after a retry or a redelivery, so act on each id once.
import { Buffer } from 'node:buffer';
import { createHmac, timingSafeEqual } from 'node:crypto';

function verifyFlowBotWebhook(secret, headers, rawBody, toleranceSeconds = 300) {
  const timestamp = headers['x-flowbot-timestamp'] ?? '';
  const signature = headers['x-flowbot-signature'] ?? '';
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds)
    return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

// In your endpoint: the raw body as received (not re-serialised JSON) and the request's headers.
const rawBody = process.env.WEBHOOK_BODY;
const headers = {
  'x-flowbot-timestamp': process.env.WEBHOOK_TIMESTAMP,
  'x-flowbot-signature': process.env.WEBHOOK_SIGNATURE,
};
if (!verifyFlowBotWebhook(process.env.WEBHOOK_SECRET, headers, rawBody)) throw new Error('Invalid signature');
const event = JSON.parse(rawBody);
console.log(JSON.stringify({ verified: true, id: event.id, type: event.type }, null, 2));
