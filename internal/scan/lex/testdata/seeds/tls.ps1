# Seed for FuzzTokenize: PowerShell forms the rules read.
<#
  [Net.ServicePointManager]::SecurityProtocol = 'Tls'
#>
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor `
    [Net.SecurityProtocolType]::Tls11
[System.Net.ServicePointManager]::SecurityProtocol = "tls12, tls11"
$r = Invoke-RestMethod -Uri "https://example.com/$($env:X)" -SslProtocol Tls,Tls11 -SkipCertificateCheck
$body = @"
  SecurityProtocolType.Tls "quoted"
"@
$lit = @'
  ${not a var}
'@
[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }
$params = @{ SslProtocol = 'Tls'; SkipCertificateCheck = $true }
${odd name} = 0x300
