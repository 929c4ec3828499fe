<?php
// Generate a draft flow with AI from a prompt (multipart/form-data).
$fields = ['prompt' => 'Create a customer support flow for a pizza restaurant'];
// Optional: build it from a PDF or an image.
if (getenv('FILE_PATH')) {
    $fields['file'] = new CURLFile(getenv('FILE_PATH'), 'application/pdf');
}

$ch = curl_init(getenv('BASE_URL') . '/api/flows/generate');
curl_setopt_array($ch, [
    CURLOPT_POST => true,
    CURLOPT_HTTPHEADER => ['Authorization: Bearer ' . getenv('FLOWBOT_TOKEN')],
    CURLOPT_POSTFIELDS => $fields, // an array makes curl send multipart/form-data
    CURLOPT_RETURNTRANSFER => true,
]);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
if ($body === false || $status >= 400) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
echo json_encode(json_decode($body), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
