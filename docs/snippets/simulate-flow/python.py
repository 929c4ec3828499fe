# Play a script against the flow on a virtual clock: the customer writes, stays silent 25 hours,
# then writes again. Add "revision": 3 to simulate a published revision instead of the draft, and
# "answers": {"<nodeId>": {"status": 200, "body": {...}}} for http_request ({"text": ...} for ai_reply,
# {"intent": ...} for ai_router). Nothing is sent to WhatsApp and nothing is stored.
import json, os, urllib.error, urllib.request

script = {
    "trigger": "inbound",
    "variables": {"name": "Dana"},
    "script": [{"customer": "Hi"}, {"wait": "+25h"}, {"customer": "Are you there?"}],
}
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/flows/{os.environ['FLOW_ID']}/simulate",
    method="POST",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps(script).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        transcript = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(transcript, indent=2))
