# Every conversation is one Temporal workflow, conversation-<conversation id>: find its run…
RUN=$(curl -sS --fail-with-body "$BASE_URL/api/flows/$FLOW_ID/runs" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" |
  jq -c --arg wf "conversation-$CONVERSATION_ID" '[.[] | select(.workflowId == $wf)][0]')
echo "$RUN" | jq '{workflowId, runId, status, historyLength}'

# …and read its history: each step with the summary the Temporal Web UI shows for it.
curl -sS --fail-with-body \
  "$BASE_URL/api/flows/$FLOW_ID/runs/$(echo "$RUN" | jq -r .workflowId)/$(echo "$RUN" | jq -r .runId)/history" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" | jq -c '.events[] | {eventType, summary}'
