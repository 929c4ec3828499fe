# List your latest 50 conversations with an API JWT (see api-token).
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/conversations?limit=50",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        conversations = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(conversations, indent=2))
