// A campaign's status and totals per recipient status (queued, sent, delivered, read,
// failed, replied, skipped_opted_out). Recipients one by one: GET /api/campaigns/$CAMPAIGN_ID/recipients;
// all of them as CSV: GET /api/campaigns/$CAMPAIGN_ID/recipients.csv.
const response = await fetch(`${process.env.BASE_URL}/api/campaigns/${process.env.CAMPAIGN_ID}`, {
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
