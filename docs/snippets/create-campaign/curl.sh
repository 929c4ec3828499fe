# Create a campaign (a draft): an approved template to an audience, parameters filled per
# recipient ({{name|there}}: the recipient's name, "there" when empty). The audience here is an
# explicit list; {"type": "filter", "filter": {"tags": ["vip"]}} picks contacts instead, and
# {"type": "csv", "csv": "phone,name,city\n+972501234567,Dana,Haifa\n"} takes a CSV upload.
curl -sS --fail-with-body -X POST "$BASE_URL/api/campaigns" \
  -H "Content-Type: application/json" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN" \
  -d "{
    \"name\": \"Spring sale\",
    \"whatsappAccountId\": \"$WHATSAPP_ACCOUNT_ID\",
    \"template\": {\"name\": \"spring_sale\", \"language\": \"en\", \"parameters\": [\"{{name|there}}\"]},
    \"audience\": {\"type\": \"list\", \"recipients\": [{\"phone\": \"$PHONE\", \"name\": \"Dana\"}]},
    \"messagesPerSecond\": 20
  }"
