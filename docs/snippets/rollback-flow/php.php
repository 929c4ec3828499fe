<?php
// Roll the flow back to revision $REVISION: its graph is published again as a new revision
// (201, with rolledBackFrom) and the flow is active with it; new conversations run it, running
// ones keep theirs. 200 when the latest revision holds that graph already; 422 lists the problems
// when the old graph no longer validates.
$url = getenv('BASE_URL') . '/api/flows/' . getenv('FLOW_ID') . '/revisions/' . getenv('REVISION') . '/rollback';
$ch = curl_init($url);
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_POSTFIELDS => '',
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
