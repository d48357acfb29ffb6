// TF-DOTNET-003 in Unity: a CertificateHandler that accepts every certificate.
using UnityEngine.Networking;

class AcceptAllCertificates : CertificateHandler
{
    protected override bool ValidateCertificate(byte[] certificateData) // want "TF-DOTNET-003"
    {
        return true;
    }
}

class PinnedCertificates : CertificateHandler
{
    protected override bool ValidateCertificate(byte[] certificateData) // ok "TF-DOTNET-003"
    {
        return Pins.Match(certificateData);
    }
}
