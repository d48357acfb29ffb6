<html><?php echo CURL_SSLVERSION_TLSv1; ?></html>
<?php
// Seed for FuzzTokenize.
curl_setopt($ch, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_0); # comment ?> text <?php
$s = "interp {$a['k']} ${b}";
$h = <<<EOT
  CURL_SSLVERSION_TLSv1
  EOT;
$n = <<<'NOW'
raw $x
NOW;
#[Attribute]
class A {}
