# A campaign's status and totals per recipient status (queued, sent, delivered, read,
# failed, replied, skipped_opted_out). Recipients one by one: GET /api/campaigns/$CAMPAIGN_ID/recipients;
# all of them as CSV: GET /api/campaigns/$CAMPAIGN_ID/recipients.csv.
curl -sS --fail-with-body -X GET "$BASE_URL/api/campaigns/$CAMPAIGN_ID" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
