# Generate a draft flow with AI from a prompt (multipart/form-data).
# Add -F 'file=@/path/to/document.pdf' to build it from a PDF or an image.
curl -sS --fail-with-body -X POST "$BASE_URL/api/flows/generate" \
  -b "${COOKIE_JAR:-cookies.txt}" \
  -F 'prompt=Create a customer support flow for a pizza restaurant'
