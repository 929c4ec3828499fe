# Register an endpoint of yours for event webhooks (https, reachable from the internet).
# The answer's "secret" signs every delivery: store it now, it is shown only here and on rotate.
import json, os, urllib.error, urllib.request

body = {
    "url": os.environ["WEBHOOK_URL"],
    "eventTypes": ["conversation.completed", "handoff.requested", "variable.captured"],
}
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/webhook-endpoints",
    method="POST",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}", "Content-Type": "application/json"},
    data=json.dumps(body).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        endpoint = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(endpoint, indent=2))
