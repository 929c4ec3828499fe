# Opt-out settings of one of your WhatsApp numbers: the confirmation sent once to a customer who
# writes STOP (null: none), and your own keyword lists (null: the built-in lists, []: off).
curl -sS --fail-with-body -X PATCH "$BASE_URL/api/whatsapp/accounts/$WHATSAPP_ACCOUNT_ID" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d '{"optOutConfirmation": "You will no longer receive messages from us. Reply START to opt back in.", "optOutKeywords": null, "optInKeywords": null}'
