# Play a script against the flow on a virtual clock: the customer writes, stays silent 25 hours,
# then writes again. Add "revision": 3 to simulate a published revision instead of the draft, and
# "answers": {"<nodeId>": {"status": 200, "body": {...}}} for http_request ({"text": "..."} for ai_reply,
# {"intent": "..."} for ai_router). Nothing is sent to WhatsApp and nothing is stored.
curl -sS --fail-with-body -X POST "$BASE_URL/api/flows/$FLOW_ID/simulate" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -H "Content-Type: application/json" \
  -d '{
    "trigger": "inbound",
    "variables": { "name": "Dana" },
    "script": [{ "customer": "Hi" }, { "wait": "+25h" }, { "customer": "Are you there?" }]
  }'
