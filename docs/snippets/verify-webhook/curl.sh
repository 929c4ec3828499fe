# cURL cannot check a signature for you; this sends your endpoint a sample event signed as FlowBot
# signs: X-FlowBot-Signature is v1= and the hex HMAC-SHA256, with your endpoint's secret, of
# "<X-FlowBot-Timestamp>.<exact body>". Your endpoint should answer 2xx only when it verifies.
BODY='{"id":"0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d","type":"conversation.completed","createdAt":"2025-01-15T10:04:58.112Z","data":{"status":"completed"}}'
TIMESTAMP=$(date +%s)
SIGNATURE=$(printf '%s' "$TIMESTAMP.$BODY" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET" | awk '{print $2}')
curl -sS --fail-with-body -X POST "$WEBHOOK_URL" \
  -H "Content-Type: application/json" \
  -H "X-FlowBot-Event: conversation.completed" \
  -H "X-FlowBot-Delivery: 0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d" \
  -H "X-FlowBot-Timestamp: $TIMESTAMP" \
  -H "X-FlowBot-Signature: v1=$SIGNATURE" \
  -d "$BODY"
