<?php
$ch = curl_init('https://example.com');
curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1); // want "TF-PHP-001"
curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_1); // want "TF-PHP-001"
curl_setopt($ch, CURLOPT_SSLVERSION, 3); // want "TF-PHP-001"
curl_setopt_array($ch, [
    CURLOPT_SSLVERSION => CURL_SSLVERSION_TLSv1_0, // want "TF-PHP-001"
    CURLOPT_SSL_VERIFYPEER => false, // want "TF-PHP-002"
    CURLOPT_SSL_VERIFYHOST => 0, // want "TF-PHP-002"
]);
curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2); // ok "TF-PHP-001"
// curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1); // ok "TF-PHP-001"
$doc = 'CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1'; // ok "TF-PHP-001"

curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false); // want "TF-PHP-002"
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true); // ok "TF-PHP-002"
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2); // ok "TF-PHP-002"
# curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false); // ok "TF-PHP-002"
$text = "CURLOPT_SSL_VERIFYPEER, false"; // ok "TF-PHP-002"

$context = stream_context_create([
    'ssl' => [
        'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT, // want "TF-PHP-003"
        'verify_peer' => false, // want "TF-PHP-002"
        'verify_peer_name' => true, // ok "TF-PHP-002"
    ],
]);
stream_socket_enable_crypto($sock, true, STREAM_CRYPTO_METHOD_TLSv1_1_CLIENT); // want "TF-PHP-003"
stream_socket_enable_crypto($sock, true, STREAM_CRYPTO_METHOD_TLSv1_2_CLIENT); // ok "TF-PHP-003"
/* 'crypto_method' => STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT */ // ok "TF-PHP-003"
$m = 'STREAM_CRYPTO_METHOD_TLSv1_0_CLIENT'; // ok "TF-PHP-003"
