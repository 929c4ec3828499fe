# Opt-out settings of one of your WhatsApp numbers: the confirmation sent once to a customer who
# writes STOP (None: none), and your own keyword lists (None: the built-in lists, []: off).
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/whatsapp/accounts/{os.environ['WHATSAPP_ACCOUNT_ID']}",
    method="PATCH",
    headers={
        "Content-Type": "application/json",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=json.dumps({
        "optOutConfirmation": "You will no longer receive messages from us. Reply START to opt back in.",
        "optOutKeywords": None,
        "optInKeywords": None,
    }).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
