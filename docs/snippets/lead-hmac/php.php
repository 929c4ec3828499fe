<?php
// Send a lead signed with the flow's HMAC secret instead of a token:
// X-Signature-256 is the hex HMAC-SHA256 of the exact bytes of the body.
$body = json_encode(['phone' => getenv('PHONE'), 'name' => 'John']);
$signature = hash_hmac('sha256', $body, getenv('FLOW_HMAC_SECRET'));

$ch = curl_init(getenv('BASE_URL') . '/api/webhook/flow/' . getenv('FLOW_ID') . '/lead');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ['Content-Type: application/json', "X-Signature-256: $signature"],
    CURLOPT_POSTFIELDS => $body, // send exactly the bytes that were signed
    CURLOPT_RETURNTRANSFER => true,
]);
$result = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($result === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $result\n");
    exit(1);
}
echo json_encode(json_decode($result), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
