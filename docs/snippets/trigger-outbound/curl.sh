# Start an outbound flow: FlowBot opens the conversation with an approved template.
# FLOWBOT_TOKEN is an API JWT (see api-token) or the flow's own outbound token.
curl -sS --fail-with-body -X POST "$BASE_URL/api/webhook/outbound" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d "{
    \"phone\": \"$PHONE\",
    \"flowId\": \"$FLOW_ID\",
    \"templateGroupId\": \"$TEMPLATE_GROUP_ID\",
    \"data\": {
      \"customerName\": \"John\",
      \"orderId\": \"ORD-123\",
      \"templateParams\": [\"123456\"],
      \"code\": \"123456\"
    }
  }"
