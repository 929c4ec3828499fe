// Log in: the answer sets the session cookie (a JWT) to send with later calls.
const response = await fetch(`${process.env.BASE_URL}/api/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    username: process.env.FLOWBOT_USERNAME,
    password: process.env.FLOWBOT_PASSWORD,
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);

// Send these cookies as the Cookie header of later requests.
const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
console.error(`Session cookie: ${cookies.map((cookie) => cookie.split('=')[0]).join(', ')}`);
console.log(JSON.stringify(body, null, 2));
