<?php
// Play a script against the flow on a virtual clock: the customer writes, stays silent 25 hours,
// then writes again. Add 'revision' => 3 to simulate a published revision instead of the draft, and
// 'answers' => ['<nodeId>' => ['status' => 200, 'body' => [...]]] for http_request (['text' => ...] for
// ai_reply, ['intent' => ...] for ai_router). Nothing is sent to WhatsApp and nothing is stored.
$script = [
    'trigger' => 'inbound',
    'variables' => ['name' => 'Dana'],
    'script' => [['customer' => 'Hi'], ['wait' => '+25h'], ['customer' => 'Are you there?']],
];
$ch = curl_init(getenv('BASE_URL') . '/api/flows/' . getenv('FLOW_ID') . '/simulate');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode($script),
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
