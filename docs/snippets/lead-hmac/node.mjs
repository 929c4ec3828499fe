// Send a lead signed with the flow's HMAC secret instead of a token:
// X-Signature-256 is the hex HMAC-SHA256 of the exact bytes of the body.
import { createHmac } from 'node:crypto';

const body = JSON.stringify({ phone: process.env.PHONE, name: 'John' });
const signature = createHmac('sha256', process.env.FLOW_HMAC_SECRET).update(body).digest('hex');

const response = await fetch(`${process.env.BASE_URL}/api/webhook/flow/${process.env.FLOW_ID}/lead`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Signature-256': signature },
  body, // send exactly the bytes that were signed
});
const result = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${result.error}`);
console.log(JSON.stringify(result, null, 2));
