# A flow's funnel over the last 7 days: conversations started, completed, failed, stopped, handed over,
# and per node entered, left by each output, timed out, dropped, median ms spent (docs/analytics.md).
# The same counts drawn as an SVG: GET /api/flows/$FLOW_ID/analytics.svg.
import json, os, urllib.error, urllib.parse, urllib.request
from datetime import datetime, timedelta, timezone

since = (datetime.now(timezone.utc) - timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/flows/{os.environ['FLOW_ID']}/analytics?"
    + urllib.parse.urlencode({"from": since}),
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
