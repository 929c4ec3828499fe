// Exchange the client credentials from Settings → API Access for a short-lived Bearer JWT.
const response = await fetch(`${process.env.BASE_URL}/api/auth/api-token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    clientId: process.env.FLOWBOT_CLIENT_ID,
    apiKey: process.env.FLOWBOT_API_KEY,
    ttlSec: 3600,
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);

// Use it as "Authorization: Bearer <accessToken>" until expiresInSec runs out.
console.log(JSON.stringify(body, null, 2));
