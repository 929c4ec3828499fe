// What revision $REVISION changed against the one before it (add ?against=N to compare with
// another): nodes added, removed and changed (each data field old and new), connections added
// and removed.
const { BASE_URL, FLOW_ID, REVISION, FLOWBOT_TOKEN } = process.env;
const response = await fetch(`${BASE_URL}/api/flows/${FLOW_ID}/revisions/${REVISION}/diff`, {
  headers: { Authorization: `Bearer ${FLOWBOT_TOKEN}` },
});
const diff = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${diff.error}`);
console.log(JSON.stringify(diff, null, 2));
