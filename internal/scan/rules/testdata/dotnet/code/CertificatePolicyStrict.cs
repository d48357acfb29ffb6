// TF-DOTNET-003 negative: an ICertificatePolicy that checks the problem.
using System.Net;
using System.Security.Cryptography.X509Certificates;

#pragma warning disable 618 // CertificatePolicy is obsolete
class StrictPolicy : ICertificatePolicy
{
    public bool CheckValidationResult(ServicePoint sp, X509Certificate cert, WebRequest request, int problem)
    {
        return problem == 0;
    }

    public static void Install()
    {
        ServicePointManager.CertificatePolicy = new StrictPolicy(); // ok "TF-DOTNET-003"
    }
}
