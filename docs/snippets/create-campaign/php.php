<?php
// Create a campaign (a draft): an approved template to an audience, parameters filled per
// recipient ({{name|there}}: the recipient's name, "there" when empty). The audience here is an
// explicit list; ['type' => 'filter', 'filter' => ['tags' => ['vip']]] picks contacts instead, and
// ['type' => 'csv', 'csv' => "phone,name,city\n+972501234567,Dana,Haifa\n"] takes a CSV upload.
$campaign = [
    'name' => 'Spring sale',
    'whatsappAccountId' => getenv('WHATSAPP_ACCOUNT_ID'),
    'template' => ['name' => 'spring_sale', 'language' => 'en', 'parameters' => ['{{name|there}}']],
    'audience' => ['type' => 'list', 'recipients' => [['phone' => getenv('PHONE'), 'name' => 'Dana']]],
    'messagesPerSecond' => 20,
];
$ch = curl_init(getenv('BASE_URL') . '/api/campaigns');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode($campaign),
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
