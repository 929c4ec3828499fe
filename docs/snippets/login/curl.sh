# Log in: the session cookie (a JWT) lands in cookies.txt for the next calls.
curl -sS --fail-with-body -X POST "$BASE_URL/api/auth/login" \
  -H "Content-Type: application/json" \
  -c "${COOKIE_JAR:-cookies.txt}" \
  -d "{\"username\": \"$FLOWBOT_USERNAME\", \"password\": \"$FLOWBOT_PASSWORD\"}"
