# List your latest 50 conversations with the session cookie from the login step
# (or send -H "Authorization: Bearer $FLOWBOT_TOKEN" instead of -b).
curl -sS --fail-with-body -X GET "$BASE_URL/api/conversations?limit=50" \
  -b "${COOKIE_JAR:-cookies.txt}"
