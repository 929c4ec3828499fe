// Create a campaign (a draft): an approved template to an audience, parameters filled per
// recipient ({{name|there}}: the recipient's name, "there" when empty). The audience here is an
// explicit list; { type: 'filter', filter: { tags: ['vip'] } } picks contacts instead, and
// { type: 'csv', csv: 'phone,name,city\n+972501234567,Dana,Haifa\n' } takes a CSV upload.
const response = await fetch(`${process.env.BASE_URL}/api/campaigns`, {
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}`,
  },
  body: JSON.stringify({
    name: 'Spring sale',
    whatsappAccountId: process.env.WHATSAPP_ACCOUNT_ID,
    template: { name: 'spring_sale', language: 'en', parameters: ['{{name|there}}'] },
    audience: { type: 'list', recipients: [{ phone: process.env.PHONE, name: 'Dana' }] },
    messagesPerSecond: 20,
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
