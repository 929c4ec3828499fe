# List your flows with the session cookie from the login step
# (or send -H "Authorization: Bearer $FLOWBOT_TOKEN" instead of -b).
curl -sS --fail-with-body -X GET "$BASE_URL/api/flows" \
  -b "${COOKIE_JAR:-cookies.txt}"
