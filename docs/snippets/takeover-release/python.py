# Take the conversation over from its flow (it goes to status "handoff": the customer's messages
# wait for you; answer them with /reply), then hand it back: the flow resumes what it waited for.
# Both answer 202 once the run is told; GET /api/conversations/{id} shows the status.
import json, os, urllib.error, urllib.request

conversation = f"{os.environ['BASE_URL']}/api/conversations/{os.environ['CONVERSATION_ID']}"
for action in ("takeover", "release"):
    request = urllib.request.Request(
        f"{conversation}/{action}",
        method="POST",
        headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
    )
    try:
        with urllib.request.urlopen(request) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
