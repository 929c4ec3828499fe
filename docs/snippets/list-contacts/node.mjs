// List your contacts tagged vip who live in Haifa (repeat tag= for several tags; attr.<key>=<value>
// filters on attributes; optState=opted_in|opted_out|unknown), 50 per page (limit, offset).
const response = await fetch(`${process.env.BASE_URL}/api/contacts?tag=vip&attr.city=Haifa&limit=50`, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const contacts = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${contacts.error}`);
console.log(JSON.stringify(contacts, null, 2));
