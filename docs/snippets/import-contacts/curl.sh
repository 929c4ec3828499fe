# Import contacts into one of your WhatsApp numbers from a CSV (UTF-8, header row first).
# phone, name, tags (separated by ; or |) and optState are fields; other columns are attributes.
# A bad row refuses the whole file (422, each bad line listed) and nothing is imported.
printf 'phone,name,tags,city\n%s,Dana Cohen,vip;newsletter,Haifa\n' "$PHONE" > contacts.csv
curl -sS --fail-with-body -X POST "$BASE_URL/api/contacts/import?whatsappAccountId=$WHATSAPP_ACCOUNT_ID" \
  -H "Content-Type: text/csv" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  --data-binary @contacts.csv
