# Reply to the customer of a conversation. Free text needs the 24-hour window open
# (the customer wrote within the last 24 hours); outside it, send a template:
#   -d '{"messageType":"template","templateName":"order_update","templateLanguage":"en","templateParams":["ORD-123","Shipped"]}'
curl -sS --fail-with-body -X POST "$BASE_URL/api/conversations/$CONVERSATION_ID/reply" \
  -H "Content-Type: application/json" \
  -b "${COOKIE_JAR:-cookies.txt}" \
  -d '{"messageType": "text", "text": "Hello! How can I help?"}'
