# Roll the flow back to revision $REVISION: its graph is published again as a new revision
# (201, with rolledBackFrom) and the flow is active with it; new conversations run it, running
# ones keep theirs. 200 when the latest revision holds that graph already; 422 lists the problems
# when the old graph no longer validates.
import json, os, urllib.error, urllib.request

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/flows/{os.environ['FLOW_ID']}/revisions/{os.environ['REVISION']}/rollback",
    method="POST",
    data=b"",
    headers={"Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}"},
)
try:
    with urllib.request.urlopen(request) as response:
        revision = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(revision, indent=2))
