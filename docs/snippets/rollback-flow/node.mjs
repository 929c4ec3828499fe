// Roll the flow back to revision $REVISION: its graph is published again as a new revision
// (201, with rolledBackFrom) and the flow is active with it; new conversations run it, running
// ones keep theirs. 200 when the latest revision holds that graph already; 422 lists the problems
// when the old graph no longer validates.
const { BASE_URL, FLOW_ID, REVISION, FLOWBOT_TOKEN } = process.env;
const response = await fetch(`${BASE_URL}/api/flows/${FLOW_ID}/revisions/${REVISION}/rollback`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${FLOWBOT_TOKEN}` },
});
const revision = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${revision.error}`);
console.log(JSON.stringify(revision, null, 2));
