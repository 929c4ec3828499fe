# Send a lead to a flow; every field becomes a flow variable ({{name}}, {{email}}, …).
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/webhook/flow/{os.environ['FLOW_ID']}/lead",
    method="POST",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps({
        "phone": os.environ["PHONE"],
        "name": "John Doe",
        "email": "john@example.com",
    }).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
