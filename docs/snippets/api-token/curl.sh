# Exchange the client credentials from Settings → API Access for a short-lived Bearer JWT.
curl -sS --fail-with-body -X POST "$BASE_URL/api/auth/api-token" \
  -H "Content-Type: application/json" \
  -d "{\"clientId\":\"$FLOWBOT_CLIENT_ID\",\"apiKey\":\"$FLOWBOT_API_KEY\",\"ttlSec\":3600}"
