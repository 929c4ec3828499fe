# An agent answers in the conversation; the customer wrote less than 24 hours ago, so free text is allowed.
curl -sS --fail-with-body -X POST "$BASE_URL/api/conversations/$CONVERSATION_ID/reply" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d '{"messageType": "text", "text": "Hello John, an agent here. How can I help?"}' | jq .
