<?php
// A flow's funnel over the last 7 days: conversations started, completed, failed, stopped, handed over,
// and per node entered, left by each output, timed out, dropped, median ms spent (docs/analytics.md).
// The same counts drawn as an SVG: GET /api/flows/$FLOW_ID/analytics.svg.
$from = gmdate('Y-m-d\TH:i:s\Z', time() - 7 * 24 * 60 * 60);
$ch = curl_init(getenv('BASE_URL') . '/api/flows/' . getenv('FLOW_ID') . '/analytics?' . http_build_query(['from' => $from]));
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
