// Opt-out settings of one of your WhatsApp numbers: the confirmation sent once to a customer who
// writes STOP (null: none), and your own keyword lists (null: the built-in lists, []: off).
const url = `${process.env.BASE_URL}/api/whatsapp/accounts/${process.env.WHATSAPP_ACCOUNT_ID}`;
const response = await fetch(url, {
  method: 'PATCH',
  headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
  body: JSON.stringify({
    optOutConfirmation: 'You will no longer receive messages from us. Reply START to opt back in.',
    optOutKeywords: null,
    optInKeywords: null,
  }),
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
