<?php
// Schedule the draft: it starts at its startAt (now when none), fixes its audience then
// (contacts added later are not included) and sends at its pace. pause, resume and cancel are
// POSTs to /api/campaigns/$CAMPAIGN_ID/pause, /resume and /cancel.
$ch = curl_init(getenv('BASE_URL') . '/api/campaigns/' . getenv('CAMPAIGN_ID') . '/schedule');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_POSTFIELDS => '',
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
