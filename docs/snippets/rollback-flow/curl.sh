# Roll the flow back to revision $REVISION: its graph is published again as a new revision
# (201, with rolledBackFrom) and the flow is active with it; new conversations run it, running
# ones keep theirs. 200 when the latest revision holds that graph already; 422 lists the problems
# when the old graph no longer validates.
curl -sS --fail-with-body -X POST "$BASE_URL/api/flows/$FLOW_ID/revisions/$REVISION/rollback" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
