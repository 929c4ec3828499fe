// Register an endpoint of yours for event webhooks (https, reachable from the internet).
// The answer's "secret" signs every delivery: store it now, it is shown only here and on rotate.
const response = await fetch(`${process.env.BASE_URL}/api/webhook-endpoints`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({
    url: process.env.WEBHOOK_URL,
    eventTypes: ['conversation.completed', 'handoff.requested', 'variable.captured'],
  }),
});
const endpoint = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${endpoint.error}`);
console.log(JSON.stringify(endpoint, null, 2));
