# Verify an event webhook in your endpoint before trusting it: X-FlowBot-Signature is v1= and the
# hex HMAC-SHA256, with your endpoint's secret, of "<X-FlowBot-Timestamp>.<exact body>". Refuse old
# timestamps (replays) and compare in constant time. Then answer 2xx; the same event (same id) can
# arrive again after a retry or a redelivery, so act on each id once.
import hashlib, hmac, json, os, time


def verify_flowbot_webhook(secret, headers, raw_body, tolerance_seconds=300):
    timestamp = headers.get("x-flowbot-timestamp", "")
    signature = headers.get("x-flowbot-signature", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:
        return False
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest("v1=" + digest, signature)


# In your endpoint: the raw body as received (bytes, not re-serialised JSON) and the request's headers.
raw_body = os.environ["WEBHOOK_BODY"].encode()
headers = {
    "x-flowbot-timestamp": os.environ["WEBHOOK_TIMESTAMP"],
    "x-flowbot-signature": os.environ["WEBHOOK_SIGNATURE"],
}
if not verify_flowbot_webhook(os.environ["WEBHOOK_SECRET"], headers, raw_body):
    raise SystemExit("Invalid signature")
event = json.loads(raw_body)
print(json.dumps({"verified": True, "id": event["id"], "type": event["type"]}, indent=2))
