// A flow's funnel over the last 7 days: conversations started, completed, failed, stopped, handed over,
// and per node entered, left by each output, timed out, dropped, median ms spent (docs/analytics.md).
// The same counts drawn as an SVG: GET /api/flows/$FLOW_ID/analytics.svg.
const from = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString();
const url = `${process.env.BASE_URL}/api/flows/${process.env.FLOW_ID}/analytics?from=${encodeURIComponent(from)}`;
const response = await fetch(url, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
