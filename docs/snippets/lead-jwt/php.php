<?php
// Send a lead to a flow; every field becomes a flow variable ({{name}}, {{email}}, …).
$ch = curl_init(getenv('BASE_URL') . '/api/webhook/flow/' . getenv('FLOW_ID') . '/lead');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode([
        'phone' => getenv('PHONE'),
        'name' => 'John Doe',
        'email' => 'john@example.com',
    ]),
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
