<?php
// Exchange the client credentials from Settings → API Access for a short-lived Bearer JWT.
$ch = curl_init(getenv('BASE_URL') . '/api/auth/api-token');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
    CURLOPT_POSTFIELDS => json_encode([
        'clientId' => getenv('FLOWBOT_CLIENT_ID'),
        'apiKey' => getenv('FLOWBOT_API_KEY'),
        'ttlSec' => 3600,
    ]),
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
// Use it as "Authorization: Bearer <accessToken>" until expiresInSec runs out.
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
