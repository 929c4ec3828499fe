# Send a lead to a flow; every field becomes a flow variable ({{name}}, {{email}}, …).
curl -sS --fail-with-body -X POST "$BASE_URL/api/webhook/flow/$FLOW_ID/lead" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d "{
    \"phone\": \"$PHONE\",
    \"name\": \"John Doe\",
    \"email\": \"john@example.com\"
  }"
