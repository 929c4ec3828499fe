<?php
// Register an endpoint of yours for event webhooks (https, reachable from the internet).
// The answer's "secret" signs every delivery: store it now, it is shown only here and on rotate.
$body = json_encode([
    'url' => getenv('WEBHOOK_URL'),
    'eventTypes' => ['conversation.completed', 'handoff.requested', 'variable.captured'],
]);
$ch = curl_init(getenv('BASE_URL') . '/api/webhook-endpoints');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'), 'Content-Type: application/json'],
    CURLOPT_POSTFIELDS => $body,
    CURLOPT_RETURNTRANSFER => true,
]);
$result = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($result === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $result\n");
    exit(1);
}
echo json_encode(json_decode($result), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
