# TF-PS-004 negative: the policy checks the problem code.
Add-Type -TypeDefinition @'
using System.Net;
using System.Security.Cryptography.X509Certificates;
public class StrictPolicy : ICertificatePolicy {
    public bool CheckValidationResult(ServicePoint sp, X509Certificate cert, WebRequest req, int problem) {
        return problem == 0;
    }
}
'@
[System.Net.ServicePointManager]::CertificatePolicy = New-Object StrictPolicy # ok "TF-PS-004"
