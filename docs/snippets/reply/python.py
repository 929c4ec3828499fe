# Reply to the customer of a conversation. Free text needs the 24-hour window open
# (the customer wrote within the last 24 hours); outside it, send a template:
#   {"messageType": "template", "templateName": "order_update", "templateLanguage": "en", "templateParams": ["ORD-123", "Shipped"]}
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/conversations/{os.environ['CONVERSATION_ID']}/reply",
    method="POST",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps({"messageType": "text", "text": "Hello! How can I help?"}).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
