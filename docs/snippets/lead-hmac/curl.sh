# Send a lead signed with the flow's HMAC secret instead of a token:
# X-Signature-256 is the hex HMAC-SHA256 of the exact bytes of the body.
BODY="{\"phone\":\"$PHONE\",\"name\":\"John\"}"
SIGNATURE=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$FLOW_HMAC_SECRET" | awk '{print $2}')
curl -sS --fail-with-body -X POST "$BASE_URL/api/webhook/flow/$FLOW_ID/lead" \
  -H "Content-Type: application/json" \
  -H "X-Signature-256: $SIGNATURE" \
  -d "$BODY"
