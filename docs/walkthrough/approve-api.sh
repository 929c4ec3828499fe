# User Management: an admin approves API usage for a user (here, for themselves).
curl -sS --fail-with-body -X PATCH "$BASE_URL/api/admin/users/$USER_ID" \
  -H "Content-Type: application/json" \
  -b cookies.txt \
  -d '{"apiAccessApproved": true}' | jq '{username, apiAccessApproved}'
