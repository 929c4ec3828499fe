# Schedule the draft: it starts at its startAt (now when none), fixes its audience then
# (contacts added later are not included) and sends at its pace. pause, resume and cancel are
# POSTs to /api/campaigns/$CAMPAIGN_ID/pause, /resume and /cancel.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/campaigns/{os.environ['CAMPAIGN_ID']}/schedule",
    method="POST",
    data=b"",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
