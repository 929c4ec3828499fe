// List your flows with an API JWT (see api-token).
const response = await fetch(`${process.env.BASE_URL}/api/flows`, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const flows = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${flows.error}`);
console.log(JSON.stringify(flows, null, 2));
