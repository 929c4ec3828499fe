<?php
// Reply to the customer of a conversation. Free text needs the 24-hour window open
// (the customer wrote within the last 24 hours); outside it, send a template:
//   ['messageType' => 'template', 'templateName' => 'order_update', 'templateLanguage' => 'en', 'templateParams' => ['ORD-123', 'Shipped']]
$ch = curl_init(getenv('BASE_URL') . '/api/conversations/' . getenv('CONVERSATION_ID') . '/reply');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode(['messageType' => 'text', 'text' => 'Hello! How can I help?']),
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
