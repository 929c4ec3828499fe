// Reply to the customer of a conversation. Free text needs the 24-hour window open
// (the customer wrote within the last 24 hours); outside it, send a template:
//   { messageType: 'template', templateName: 'order_update', templateLanguage: 'en', templateParams: ['ORD-123', 'Shipped'] }
const url = `${process.env.BASE_URL}/api/conversations/${process.env.CONVERSATION_ID}/reply`;
const response = await fetch(url, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`,
  },
  body: JSON.stringify({ messageType: 'text', text: 'Hello! How can I help?' }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
