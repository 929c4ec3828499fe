# A campaign's status and totals per recipient status (queued, sent, delivered, read,
# failed, replied, skipped_opted_out). Recipients one by one: GET /api/campaigns/$CAMPAIGN_ID/recipients;
# all of them as CSV: GET /api/campaigns/$CAMPAIGN_ID/recipients.csv.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/campaigns/{os.environ['CAMPAIGN_ID']}",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
