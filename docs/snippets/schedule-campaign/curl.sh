# Schedule the draft: it starts at its startAt (now when none), fixes its audience then
# (contacts added later are not included) and sends at its pace. pause, resume and cancel are
# POSTs to /api/campaigns/$CAMPAIGN_ID/pause, /resume and /cancel.
curl -sS --fail-with-body -X POST "$BASE_URL/api/campaigns/$CAMPAIGN_ID/schedule" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
