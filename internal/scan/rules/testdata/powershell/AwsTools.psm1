# A module (.psm1) as the AWS Tools for PowerShell samples write it.
function Initialize-AwsSession {
    [CmdletBinding()]
    param()
    # Windows PowerShell 5.1 on .NET Framework 4.5: add TLS 1.2 to what is there.
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12 # ok "TF-PS-001"
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        [Net.ServicePointManager]::SecurityProtocol = 'Tls, Tls11, Tls12' # want "TF-PS-001"
    }
    Set-AWSCredential -ProfileName default
}
Export-ModuleMember -Function Initialize-AwsSession
