// TF-DOTNET-003: an ICertificatePolicy whose CheckValidationResult always
// returns true, installed as ServicePointManager.CertificatePolicy.
using System.Net;
using System.Security.Cryptography.X509Certificates;

#pragma warning disable 618 // CertificatePolicy is obsolete
class TrustAllPolicy : ICertificatePolicy
{
    public bool CheckValidationResult(ServicePoint sp, X509Certificate cert, WebRequest request, int problem)
    {
        return true;
    }

    public static void Install()
    {
        ServicePointManager.CertificatePolicy = new TrustAllPolicy(); // want "TF-DOTNET-003"
    }
}
