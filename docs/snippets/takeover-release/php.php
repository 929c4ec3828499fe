<?php
// Take the conversation over from its flow (it goes to status "handoff": the customer's messages
// wait for you; answer them with /reply), then hand it back: the flow resumes what it waited for.
// Both answer 202 once the run is told; GET /api/conversations/{id} shows the status.
$conversation = getenv('BASE_URL') . '/api/conversations/' . getenv('CONVERSATION_ID');
foreach (['takeover', 'release'] as $action) {
    $ch = curl_init("$conversation/$action");
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('FLOWBOT_TOKEN')],
        CURLOPT_RETURNTRANSFER => true,
    ]);
    $body = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    if ($body === false || $status >= 400) {
        fwrite(STDERR, "HTTP $status: $body\n");
        exit(1);
    }
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
