# The customer answers the template. Meta delivers the answer to the webhook signed with your
# app secret (X-Hub-Signature-256); this is the same notification, signed the same way.
WEBHOOK=$(jq -cn --arg from "${PHONE#+}" --arg pnid "$PHONE_NUMBER_ID" --arg ts "$(date +%s)" '{
  object: "whatsapp_business_account",
  entry: [{id: "0", changes: [{field: "messages", value: {
    messaging_product: "whatsapp",
    metadata: {display_phone_number: "15551234567", phone_number_id: $pnid},
    contacts: [{profile: {name: "John"}, wa_id: $from}],
    messages: [{from: $from, id: ("wamid.walkthrough" + $ts), timestamp: $ts,
                type: "text", text: {body: "Yes please"}}]
  }}]}]
}')
HUB_SIGNATURE=$(printf '%s' "$WEBHOOK" | openssl dgst -sha256 -hmac "$WHATSAPP_APP_SECRET" | awk '{print $2}')
curl -sS --fail-with-body -X POST "$BASE_URL/api/whatsapp/webhook" \
  -H "Content-Type: application/json" \
  -H "X-Hub-Signature-256: sha256=$HUB_SIGNATURE" \
  -d "$WEBHOOK" | jq .

# The conversation now holds the template and the customer's answer.
curl -sS --fail-with-body "$BASE_URL/api/conversations/$CONVERSATION_ID/messages" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" | jq -c '.[] | {direction, type, content}'
