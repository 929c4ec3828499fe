# Create a campaign (a draft): an approved template to an audience, parameters filled per
# recipient ({{name|there}}: the recipient's name, "there" when empty). The audience here is an
# explicit list; {"type": "filter", "filter": {"tags": ["vip"]}} picks contacts instead, and
# {"type": "csv", "csv": "phone,name,city\n+972501234567,Dana,Haifa\n"} takes a CSV upload.
import json, os, urllib.error, urllib.request

campaign = {
    "name": "Spring sale",
    "whatsappAccountId": os.environ["WHATSAPP_ACCOUNT_ID"],
    "template": {"name": "spring_sale", "language": "en", "parameters": ["{{name|there}}"]},
    "audience": {"type": "list", "recipients": [{"phone": os.environ["PHONE"], "name": "Dana"}]},
    "messagesPerSecond": 20,
}
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/campaigns",
    method="POST",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps(campaign).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
