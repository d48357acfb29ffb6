# TF-PS-001: [Net.ServicePointManager]::SecurityProtocol set to include
# SSL 3.0, TLS 1.0 or TLS 1.1, in every form PowerShell accepts.
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls # want "TF-PS-001"
[System.Net.ServicePointManager]::SecurityProtocol = [System.Net.SecurityProtocolType]::Tls12 -bor [System.Net.SecurityProtocolType]::Tls11 # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Ssl3 # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = "tls12, tls11" # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = 'Tls' # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = 3072 + 768 # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]192 # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = 0xC0 -bor 0xC00 # want "TF-PS-001"
[net.servicepointmanager]::securityprotocol += [net.securityprotocoltype]::tls11 # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]'Tls11, Tls12' # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = 'Tls12', 'Tls11' # want "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 -bor # want "TF-PS-001"
    [Net.SecurityProtocolType]::Tls
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 + ` # want "TF-PS-001"
    [Net.SecurityProtocolType]::Tls11

# Safe forms, and the same text where it is not code.
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 # ok "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12 -bor [Net.SecurityProtocolType]::Tls13 # ok "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor 3072 # ok "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -band -bnot [Net.SecurityProtocolType]::Tls # ok "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = 'SystemDefault' # ok "TF-PS-001"
[Net.ServicePointManager]::SecurityProtocol = $saved # ok "TF-PS-001"
# [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls # ok "TF-PS-001"
<# [Net.ServicePointManager]::SecurityProtocol = 'Tls11' #> # ok "TF-PS-001"
Write-Host "[Net.ServicePointManager]::SecurityProtocol = 'Tls'" # ok "TF-PS-001"
$help = @"
[Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls
"@ # ok "TF-PS-001"
if ([Net.ServicePointManager]::SecurityProtocol -eq 'Tls') { Write-Warning 'TLS 1.0 only' } # ok "TF-PS-001"
