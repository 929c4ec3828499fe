<?php
// Import contacts into one of your WhatsApp numbers from a CSV (UTF-8, header row first).
// phone, name, tags (separated by ; or |) and optState are fields; other columns are attributes.
// A bad row refuses the whole file (422, each bad line listed) and nothing is imported.
$csv = "phone,name,tags,city\n" . getenv('PHONE') . ",Dana Cohen,vip;newsletter,Haifa\n";
$url = getenv('BASE_URL') . '/api/contacts/import?whatsappAccountId=' . getenv('WHATSAPP_ACCOUNT_ID');
$ch = curl_init($url);
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: text/csv',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => $csv,
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
