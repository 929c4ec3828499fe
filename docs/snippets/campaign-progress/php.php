<?php
// A campaign's status and totals per recipient status (queued, sent, delivered, read,
// failed, replied, skipped_opted_out). Recipients one by one: GET /api/campaigns/$CAMPAIGN_ID/recipients;
// all of them as CSV: GET /api/campaigns/$CAMPAIGN_ID/recipients.csv.
$ch = curl_init(getenv('BASE_URL') . '/api/campaigns/' . getenv('CAMPAIGN_ID') . '');
curl_setopt_array($ch, [
    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('FLOWBOT_TOKEN')],
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
