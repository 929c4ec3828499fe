# Where FlowBot runs, and what you passed to create-user and connect-whatsapp.
BASE_URL=${BASE_URL:-http://localhost:3000}
FLOWBOT_USERNAME=${FLOWBOT_USERNAME:-admin}
FLOWBOT_PASSWORD=${FLOWBOT_PASSWORD:-change me please}
PHONE_NUMBER_ID=${PHONE_NUMBER_ID:-123456789}
# The customer: a WhatsApp number of your own, in international format.
PHONE=${PHONE:-+15557654321}
# npm start generated the app secret that signs WhatsApp webhooks, and keeps it in DATA_DIR.
WHATSAPP_APP_SECRET=$(jq -r .whatsappAppSecret "${DATA_DIR:-.data}/dev-secrets.json")
