# List the revisions the flow has published, newest first (without their graphs); `current` marks
# the one new conversations run.
curl -sS --fail-with-body -X GET "$BASE_URL/api/flows/$FLOW_ID/revisions" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
