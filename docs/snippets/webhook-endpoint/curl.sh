# Register an endpoint of yours for event webhooks (https, reachable from the internet).
# The answer's "secret" signs every delivery: store it now, it is shown only here and on rotate.
curl -sS --fail-with-body -X POST "$BASE_URL/api/webhook-endpoints" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -H "Content-Type: application/json" \
  -d "{\"url\":\"$WEBHOOK_URL\",\"eventTypes\":[\"conversation.completed\",\"handoff.requested\",\"variable.captured\"]}"
