# Send a lead signed with the flow's HMAC secret instead of a token:
# X-Signature-256 is the hex HMAC-SHA256 of the exact bytes of the body.
import hashlib, hmac, json, os, urllib.error, urllib.request

body = json.dumps({"phone": os.environ["PHONE"], "name": "John"}).encode()
signature = hmac.new(os.environ["FLOW_HMAC_SECRET"].encode(), body, hashlib.sha256).hexdigest()

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/webhook/flow/{os.environ['FLOW_ID']}/lead",
    method="POST",
    headers={"Content-Type": "application/json", "X-Signature-256": signature},
    data=body,  # send exactly the bytes that were signed
)
try:
    with urllib.request.urlopen(request) as response:
        result = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(result, indent=2))
