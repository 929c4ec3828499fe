// Send a lead to a flow; every field becomes a flow variable ({{name}}, {{email}}, …).
const response = await fetch(`${process.env.BASE_URL}/api/webhook/flow/${process.env.FLOW_ID}/lead`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`,
  },
  body: JSON.stringify({
    phone: process.env.PHONE,
    name: 'John Doe',
    email: 'john@example.com',
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
