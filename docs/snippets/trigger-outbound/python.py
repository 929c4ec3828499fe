# Start an outbound flow: FlowBot opens the conversation with an approved template.
# FLOWBOT_TOKEN is an API JWT (see api-token) or the flow's own outbound token.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/webhook/outbound",
    method="POST",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps({
        "phone": os.environ["PHONE"],
        "flowId": os.environ["FLOW_ID"],
        "templateGroupId": os.environ["TEMPLATE_GROUP_ID"],
        "data": {
            "customerName": "John",
            "orderId": "ORD-123",
            "templateParams": ["123456"],
            "code": "123456",
        },
    }).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
