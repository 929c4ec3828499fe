<?php
// What revision $REVISION changed against the one before it (add ?against=N to compare with
// another): nodes added, removed and changed (each data field old and new), connections added
// and removed.
$url = getenv('BASE_URL') . '/api/flows/' . getenv('FLOW_ID') . '/revisions/' . getenv('REVISION') . '/diff';
$ch = curl_init($url);
curl_setopt_array($ch, [
    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('FLOWBOT_TOKEN')],
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
