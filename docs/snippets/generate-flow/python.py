# Generate a draft flow with AI from a prompt (multipart/form-data).
import json, os, urllib.error, urllib.request, uuid

boundary = uuid.uuid4().hex
parts = [
    f'--{boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\n'.encode()
    + "Create a customer support flow for a pizza restaurant".encode() + b"\r\n",
]
# Optional: build it from a PDF or an image.
if os.environ.get("FILE_PATH"):
    with open(os.environ["FILE_PATH"], "rb") as file:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="{os.path.basename(file.name)}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + file.read() + b"\r\n"
        )
data = b"".join(parts) + f"--{boundary}--\r\n".encode()

request = urllib.request.Request(
    f"{os.environ['BASE_URL']}/api/flows/generate",
    method="POST",
    headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Authorization": f"Bearer {os.environ['FLOWBOT_TOKEN']}",
    },
    data=data,
)
try:
    with urllib.request.urlopen(request) as response:
        body = json.load(response)
except urllib.error.HTTPError as error:
    raise SystemExit(f"HTTP {error.code}: {error.read().decode()}")

print(json.dumps(body, indent=2))
