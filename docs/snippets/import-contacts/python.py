# Import contacts into one of your WhatsApp numbers from a CSV (UTF-8, header row first).
# phone, name, tags (separated by ; or |) and optState are fields; other columns are attributes.
# A bad row refuses the whole file (422, each bad line listed) and nothing is imported.
import json, os, urllib.error, urllib.request

csv = f"phone,name,tags,city\n{os.environ['PHONE']},Dana Cohen,vip;newsletter,Haifa\n"
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/contacts/import?whatsappAccountId={os.environ['WHATSAPP_ACCOUNT_ID']}",
    method="POST",
    headers={
        "Content-Type": "text/csv",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=csv.encode("utf-8"),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
