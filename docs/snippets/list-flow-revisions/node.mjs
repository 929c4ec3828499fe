// List the revisions the flow has published, newest first (without their graphs); `current` marks
// the one new conversations run.
const response = await fetch(`${process.env.BASE_URL}/api/flows/${process.env.FLOW_ID}/revisions`, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const revisions = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${revisions.error}`);
console.log(JSON.stringify(revisions, null, 2));
