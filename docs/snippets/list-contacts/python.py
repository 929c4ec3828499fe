# List your contacts tagged vip who live in Haifa (repeat tag= for several tags; attr.<key>=<value>
# filters on attributes; optState=opted_in|opted_out|unknown), 50 per page (limit, offset).
import json, os, urllib.error, urllib.parse, urllib.request

query = urllib.parse.urlencode({"tag": "vip", "attr.city": "Haifa", "limit": 50})
request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/contacts?{query}",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        contacts = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(contacts, indent=2))
