# Exchange the client credentials from Settings → API Access for a short-lived Bearer JWT.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/auth/api-token",
    method="POST",
    headers={"Content-Type": "application/json"},
    data=json.dumps({
        "clientId": os.environ["FLOWBOT_CLIENT_ID"],
        "apiKey": os.environ["FLOWBOT_API_KEY"],
        "ttlSec": 3600,
    }).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

# Use it as "Authorization: Bearer <accessToken>" until expiresInSec runs out.
print(json.dumps(body, indent=2))
