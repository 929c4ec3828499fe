# What revision $REVISION changed against the one before it (add ?against=N to compare with
# another): nodes added, removed and changed (each data field old and new), connections added
# and removed.
curl -sS --fail-with-body -X GET "$BASE_URL/api/flows/$FLOW_ID/revisions/$REVISION/diff" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
