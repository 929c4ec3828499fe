<?php
// Opt-out settings of one of your WhatsApp numbers: the confirmation sent once to a customer who
// writes STOP (null: none), and your own keyword lists (null: the built-in lists, []: off).
$ch = curl_init(getenv('BASE_URL') . '/api/whatsapp/accounts/' . getenv('WHATSAPP_ACCOUNT_ID'));
curl_setopt_array($ch, [
    CURLOPT_CUSTOMREQUEST => 'PATCH',
    CURLOPT_HTTPHEADER => [
        'Content-Type: application/json',
        'Authorization: Bearer ' . getenv('FLOWBOT_TOKEN'),
    ],
    CURLOPT_POSTFIELDS => json_encode([
        'optOutConfirmation' => 'You will no longer receive messages from us. Reply START to opt back in.',
        'optOutKeywords' => null,
        'optInKeywords' => null,
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
