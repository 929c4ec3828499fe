// Play a script against the flow on a virtual clock: the customer writes, stays silent 25 hours,
// then writes again. Add revision: 3 to simulate a published revision instead of the draft, and
// answers: { '<nodeId>': { status: 200, body: {...} } } for http_request ({ text } for ai_reply,
// { intent } for ai_router). Nothing is sent to WhatsApp and nothing is stored.
const response = await fetch(`${process.env.BASE_URL}/api/flows/${process.env.FLOW_ID}/simulate`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`,
  },
  body: JSON.stringify({
    trigger: 'inbound',
    variables: { name: 'Dana' },
    script: [{ customer: 'Hi' }, { wait: '+25h' }, { customer: 'Are you there?' }],
  }),
});
const transcript = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${transcript.error}`);
console.log(JSON.stringify(transcript, null, 2));
