# TF-PS-004: certificate validation that accepts every certificate.
[System.Net.ServicePointManager]::ServerCertificateValidationCallback = { $true } # want "TF-PS-004"
[Net.ServicePointManager]::ServerCertificateValidationCallback = {$true} # want "TF-PS-004"
[Net.ServicePointManager]::ServerCertificateValidationCallback = [System.Net.Security.RemoteCertificateValidationCallback]{ param($s, $c, $ch, $e) return $true } # want "TF-PS-004"
$handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator # want "TF-PS-004"

Add-Type -TypeDefinition @"
using System.Net;
using System.Security.Cryptography.X509Certificates;
public class TrustAllCertsPolicy : ICertificatePolicy {
    public bool CheckValidationResult(ServicePoint sp, X509Certificate cert, WebRequest req, int problem) {
        return true;
    }
}
"@
[System.Net.ServicePointManager]::CertificatePolicy = New-Object TrustAllCertsPolicy # want "TF-PS-004"

# Safe forms, and the same text where it is not code.
[Net.ServicePointManager]::ServerCertificateValidationCallback = $null # ok "TF-PS-004"
[Net.ServicePointManager]::ServerCertificateValidationCallback = { param($s, $c, $ch, $e) $e -eq 'None' } # ok "TF-PS-004"
# [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true } # ok "TF-PS-004"
Write-Host '[Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }' # ok "TF-PS-004"
