<?php
// Start an outbound flow: FlowBot opens the conversation with an approved template.
// FLOWBOT_TOKEN is an API JWT (see api-token) or the flow's own outbound token.
$ch = curl_init(getenv('BASE_URL') . '/api/webhook/outbound');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode([
        'phone' => getenv('PHONE'),
        'flowId' => getenv('FLOW_ID'),
        'templateGroupId' => getenv('TEMPLATE_GROUP_ID'),
        'data' => [
            'customerName' => 'John',
            'orderId' => 'ORD-123',
            'templateParams' => ['123456'],
            'code' => '123456',
        ],
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
