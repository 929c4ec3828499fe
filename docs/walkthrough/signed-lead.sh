# A web form sends a lead signed with the flow's HMAC secret, over "<timestamp>.<body>":
# FlowBot accepts it once, within 5 minutes of its clock, so a captured copy cannot be replayed.
BODY="{\"phone\":\"$PHONE\",\"name\":\"John\"}"
TIMESTAMP=$(date +%s)
SIGNATURE=$(printf '%s' "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$FLOW_HMAC_SECRET" | awk '{print $2}')
LEAD=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/webhook/flow/$FLOW_ID/lead" \
  -H "Content-Type: application/json" \
  -H "X-Signature-Timestamp: $TIMESTAMP" \
  -H "X-Signature-256: $SIGNATURE" \
  -d "$BODY")
echo "$LEAD" | jq .
CONVERSATION_ID=$(echo "$LEAD" | jq -r .conversationId)
