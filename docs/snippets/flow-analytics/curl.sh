# A flow's funnel over the last 7 days: conversations started, completed, failed, stopped, handed over,
# and per node entered, left by each output, timed out, dropped, median ms spent (docs/analytics.md).
# The same counts drawn as an SVG: GET /api/flows/$FLOW_ID/analytics.svg.
FROM=$(date -u -d '7 days ago' +%Y-%m-%dT%H:%M:%SZ)
curl -sS --fail-with-body -G "$BASE_URL/api/flows/$FLOW_ID/analytics" \
  --data-urlencode "from=$FROM" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
