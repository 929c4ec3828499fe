# List your contacts tagged vip who live in Haifa (repeat tag= for several tags; attr.<key>=<value>
# filters on attributes; optState=opted_in|opted_out|unknown), 50 per page (limit, offset).
curl -sS --fail-with-body -X GET "$BASE_URL/api/contacts?tag=vip&attr.city=Haifa&limit=50" \
  -H "Authorization: Bearer $FLOWBOT_TOKEN"
