# TF-PS-002 (-SslProtocol below TLS 1.2) and TF-PS-003 (-SkipCertificateCheck)
# on the PowerShell 6+ web cmdlets.
param([string] $uri = 'https://sts.amazonaws.com/')

Invoke-WebRequest -Uri https://s3.amazonaws.com/ -SslProtocol Tls # want "TF-PS-002"
Invoke-RestMethod https://sts.amazonaws.com/ -SslProtocol Tls12,Tls11 -Method Get # want "TF-PS-002"
$r = iwr -Uri $uri -SslProtocol:'Tls11' # want "TF-PS-002"
irm $uri -SslP Tls # want "TF-PS-002"
Invoke-RestMethod -Uri $uri -SslProtocol ([Microsoft.PowerShell.Commands.WebSslProtocol]::Tls) # want "TF-PS-002"
$splat = @{ Uri = $uri; SslProtocol = 'Tls11' } # want "TF-PS-002"
Invoke-WebRequest -Uri $uri `
    -SslProtocol Tls11 # want "TF-PS-002"

Invoke-WebRequest -Uri $uri -SkipCertificateCheck # want "TF-PS-003"
Invoke-RestMethod -Uri $uri -SkipCertificateCheck:$true # want "TF-PS-003"
irm $uri -SkipCert # want "TF-PS-003"
$insecure = @{ Uri = $uri; SkipCertificateCheck = $true } # want "TF-PS-003"
$PSDefaultParameterValues['Invoke-RestMethod:SkipCertificateCheck'] = $true # want "TF-PS-003"
$PSDefaultParameterValues = @{ '*:SkipCertificateCheck' = $true } # want "TF-PS-003"
Connect-Appliance -Server $uri -SkipCertificateCheck # want "TF-PS-003"

# Safe forms, and the same text where it is not code.
Invoke-WebRequest -Uri $uri -SslProtocol Tls12 # ok "TF-PS-002"
Invoke-RestMethod -Uri $uri -SslProtocol Tls12,Tls13 # ok "TF-PS-002"
Invoke-RestMethod -Uri $uri -SslProtocol Default # ok "TF-PS-002"
Invoke-WebRequest -Uri $uri -SkipCertificateCheck:$false # ok "TF-PS-003"
Invoke-WebRequest -Uri $uri -SkipHttpErrorCheck # ok "TF-PS-003"
Get-Appliance -SslP Tls # ok "TF-PS-002"
# Invoke-WebRequest -Uri $uri -SslProtocol Tls -SkipCertificateCheck # ok "TF-PS-002" "TF-PS-003"
Write-Output "Invoke-WebRequest -SslProtocol Tls -SkipCertificateCheck" # ok "TF-PS-002" "TF-PS-003"
$PSDefaultParameterValues['Invoke-RestMethod:SkipCertificateCheck'] = $false # ok "TF-PS-003"
$safe = @{ Uri = $uri; SslProtocol = 'Tls12'; SkipCertificateCheck = $false } # ok "TF-PS-002" "TF-PS-003"
