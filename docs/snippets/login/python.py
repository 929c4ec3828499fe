# Log in: the answer sets the session cookie (a JWT) to send with later calls.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/auth/login",
    method="POST",
    headers={"Content-Type": "application/json"},
    data=json.dumps({
        "username": os.environ["FLOWBOT_USERNAME"],
        "password": os.environ["FLOWBOT_PASSWORD"],
    }).encode(),
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
        # Send this as the Cookie header of later requests.
        cookie = "; ".join(c.split(";")[0] for c in response.headers.get_all("Set-Cookie") or [])
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
