// Schedule the draft: it starts at its startAt (now when none), fixes its audience then
// (contacts added later are not included) and sends at its pace. pause, resume and cancel are
// POSTs to /api/campaigns/$CAMPAIGN_ID/pause, /resume and /cancel.
const response = await fetch(`${process.env.BASE_URL}/api/campaigns/${process.env.CAMPAIGN_ID}/schedule`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${process.env.FLOWBOT_TOKEN}` },
});
const body = await response.json();
if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.error}`);
console.log(JSON.stringify(body, null, 2));
