# What revision $REVISION changed against the one before it (add ?against=N to compare with
# another): nodes added, removed and changed (each data field old and new), connections added
# and removed.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/flows/{os.environ['FLOW_ID']}/revisions/{os.environ['REVISION']}/diff",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        diff = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(diff, indent=2))
