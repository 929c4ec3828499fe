# Settings → API Access → rotate: a new clientId and apiKey, shown only in this answer.
# The previous key and every token issued for it stop working at once.
KEY=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/settings/api-access/rotate" -b cookies.txt)
FLOWBOT_CLIENT_ID=$(echo "$KEY" | jq -r .clientId)
FLOWBOT_API_KEY=$(echo "$KEY" | jq -r .apiKey)
echo "client id $FLOWBOT_CLIENT_ID"

# Exchange the new key for an API JWT (valid for an hour) for the server-to-server calls below.
TOKEN=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/auth/api-token" \
  -H "Content-Type: application/json" \
  -d "{\"clientId\":\"$FLOWBOT_CLIENT_ID\",\"apiKey\":\"$FLOWBOT_API_KEY\",\"ttlSec\":3600}")
echo "$TOKEN" | jq '{success, tokenType, expiresInSec, clientId}'
FLOWBOT_TOKEN=$(echo "$TOKEN" | jq -r .accessToken)
