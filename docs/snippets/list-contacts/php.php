<?php
// List your contacts tagged vip who live in Haifa (repeat tag= for several tags; attr.<key>=<value>
// filters on attributes; optState=opted_in|opted_out|unknown), 50 per page (limit, offset).
$query = http_build_query(['tag' => 'vip', 'attr.city' => 'Haifa', 'limit' => 50]);
$ch = curl_init(getenv('BASE_URL') . '/api/contacts?' . $query);
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
