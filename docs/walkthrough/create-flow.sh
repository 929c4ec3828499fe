# The business number you connected (npm run cli -- connect-whatsapp) sends the flow's messages.
ACCOUNT_ID=$(curl -sS --fail-with-body "$BASE_URL/api/whatsapp/accounts" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" |
  jq -r --arg pnid "$PHONE_NUMBER_ID" '.[] | select(.phoneNumberId == $pnid) | .id')

# A lead flow: the template lead_welcome greets {{name}}, the customer's answer becomes
# {{answer}}, a thank-you follows. Each node's outputs lead to the next one's input_1.
FLOW=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/flows" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d @- <<JSON
{
  "name": "Website leads",
  "whatsappAccountId": "$ACCOUNT_ID",
  "drawflowData": {"drawflow": {"Home": {"data": {
    "1": {"id": 1, "name": "start", "data": {}, "inputs": {},
          "outputs": {"output_1": {"connections": [{"node": "2", "output": "input_1"}]}}},
    "2": {"id": 2, "name": "template",
          "data": {"name": "lead_welcome", "language": "en", "bodyParams": ["{{name}}"]},
          "inputs": {"input_1": {"connections": [{"node": "1", "input": "output_1"}]}},
          "outputs": {"output_1": {"connections": [{"node": "3", "output": "input_1"}]}}},
    "3": {"id": 3, "name": "question",
          "data": {"variable": "answer", "validation": "text", "timeoutMinutes": 1440},
          "inputs": {"input_1": {"connections": [{"node": "2", "input": "output_1"}]}},
          "outputs": {"output_1": {"connections": [{"node": "4", "output": "input_1"}]}}},
    "4": {"id": 4, "name": "message", "data": {"text": "Thanks {{name}}, you said: {{answer}}"},
          "inputs": {"input_1": {"connections": [{"node": "3", "input": "output_1"}]}},
          "outputs": {}}
  }}}}
}
JSON
)
FLOW_ID=$(echo "$FLOW" | jq -r .id)

# Only active flows can be triggered; activation checks the graph (422 listing every problem).
curl -sS --fail-with-body -X POST "$BASE_URL/api/flows/$FLOW_ID/activate" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" | jq '{id, name, status, version}'

# The flow's own credentials for callers without an API token; shown only in this answer.
FLOW_HMAC_SECRET=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/flows/$FLOW_ID/credentials/rotate" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" | jq -r .hmacSecret)
