// Import contacts into one of your WhatsApp numbers from a CSV (UTF-8, header row first).
// phone, name, tags (separated by ; or |) and optState are fields; other columns are attributes.
// A bad row refuses the whole file (422, each bad line listed) and nothing is imported.
const csv = `phone,name,tags,city\n${process.env.PHONE},Dana Cohen,vip;newsletter,Haifa\n`;
const url = `${process.env.BASE_URL}/api/contacts/import?whatsappAccountId=${process.env.WHATSAPP_ACCOUNT_ID}`;
const response = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
  body: csv,
});
const body = await response.json();
if (!response.ok)
  throw new Error(`HTTP ${response.status}: ${body.error} ${JSON.stringify(body.problems ?? [])}`);
console.log(JSON.stringify(body, null, 2));
