<?php
// Log in: the answer sets the session cookie (a JWT) to send with later calls.
$cookieJar = tempnam(sys_get_temp_dir(), 'flowbot');
$ch = curl_init(getenv('BASE_URL') . '/api/auth/login');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
    CURLOPT_POSTFIELDS => json_encode([
        'username' => getenv('FLOWBOT_USERNAME'),
        'password' => getenv('FLOWBOT_PASSWORD'),
    ]),
    CURLOPT_RETURNTRANSFER => true,
    CURLOPT_COOKIEJAR => $cookieJar, // reuse with CURLOPT_COOKIEFILE in later requests
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
