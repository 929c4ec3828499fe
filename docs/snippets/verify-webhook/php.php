<?php
// Verify an event webhook in your endpoint before trusting it: X-FlowBot-Signature is v1= and the
// hex HMAC-SHA256, with your endpoint's secret, of "<X-FlowBot-Timestamp>.<exact body>". Refuse old
// timestamps (replays) and compare in constant time. Then answer 2xx; the same event (same id) can
// arrive again after a retry or a redelivery, so act on each id once.
function verifyFlowBotWebhook(string $secret, string $timestamp, string $signature, string $rawBody, int $tolerance = 300): bool
{
    if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > $tolerance) {
        return false;
    }
    $expected = 'v1=' . hash_hmac('sha256', $timestamp . '.' . $rawBody, $secret);
    return hash_equals($expected, $signature);
}

// In your endpoint: $rawBody = file_get_contents('php://input');
// $timestamp = $_SERVER['HTTP_X_FLOWBOT_TIMESTAMP'] ?? ''; $signature = $_SERVER['HTTP_X_FLOWBOT_SIGNATURE'] ?? '';
$rawBody = getenv('WEBHOOK_BODY');
if (!verifyFlowBotWebhook(getenv('WEBHOOK_SECRET'), getenv('WEBHOOK_TIMESTAMP'), getenv('WEBHOOK_SIGNATURE'), $rawBody)) {
    fwrite(STDERR, "Invalid signature\n");
    exit(1);
}
$event = json_decode($rawBody, true);
echo json_encode(['verified' => true, 'id' => $event['id'], 'type' => $event['type']], JSON_PRETTY_PRINT), "\n";
