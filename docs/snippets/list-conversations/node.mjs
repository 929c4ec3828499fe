// List your latest 50 conversations with an API JWT (see api-token).
const response = await fetch(`${process.env.BASE_URL}/api/conversations?limit=50`, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const conversations = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${conversations.error}`);
console.log(JSON.stringify(conversations, null, 2));
