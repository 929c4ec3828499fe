# Log in as the admin; the session cookie lands in cookies.txt for the next calls.
LOGIN=$(curl -sS --fail-with-body -X POST "$BASE_URL/api/auth/login" \
  -H "Content-Type: application/json" \
  -c cookies.txt \
  -d "{\"username\": \"$FLOWBOT_USERNAME\", \"password\": \"$FLOWBOT_PASSWORD\"}")
echo "$LOGIN" | jq .
USER_ID=$(echo "$LOGIN" | jq -r .user.id)
