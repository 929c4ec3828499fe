// Take the conversation over from its flow (it goes to status "handoff": the customer's messages
// wait for you; answer them with /reply), then hand it back: the flow resumes what it waited for.
// Both answer 202 once the run is told; GET /api/conversations/{id} shows the status.
const conversation = `${process.env.BASE_URL}/api/conversations/${process.env.CONVERSATION_ID}`;
let body;
for (const action of ['takeover', 'release']) {
  const response = await fetch(`${conversation}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
  });
  body = await response.json();
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
}
console.log(JSON.stringify(body, null, 2));
