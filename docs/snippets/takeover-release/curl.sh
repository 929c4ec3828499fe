# Take the conversation over from its flow (it goes to status "handoff": the customer's messages
# wait for you; answer them with /reply), then hand it back: the flow resumes what it waited for.
# Both answer 202 once the run is told; GET /api/conversations/$CONVERSATION_ID shows the status.
curl -sS --fail-with-body -o /dev/null -X POST "$BASE_URL/api/conversations/$CONVERSATION_ID/takeover" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
curl -sS --fail-with-body -X POST "$BASE_URL/api/conversations/$CONVERSATION_ID/release" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
