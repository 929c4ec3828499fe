// Start an outbound flow: FlowBot opens the conversation with an approved template.
// FLOWBOT_TOKEN is an API JWT (see api-token) or the flow's own outbound token.
const response = await fetch(`${process.env.BASE_URL}/api/webhook/outbound`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`,
  },
  body: JSON.stringify({
    phone: process.env.PHONE,
    flowId: process.env.FLOW_ID,
    templateGroupId: process.env.TEMPLATE_GROUP_ID,
    data: {
      customerName: 'John',
      orderId: 'ORD-123',
      templateParams: ['123456'],
      code: '123456',
    },
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
