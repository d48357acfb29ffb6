// TF-DOTNET-003: certificate validation callbacks that accept every
// certificate.
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

class Callbacks
{
    void Bypass(HttpClientHandler handler, Stream inner, HttpWebRequest request)
    {
        ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true; // want "TF-DOTNET-003"
        ServicePointManager.ServerCertificateValidationCallback += delegate { return true; }; // want "TF-DOTNET-003"
        ServicePointManager.ServerCertificateValidationCallback = new RemoteCertificateValidationCallback(delegate (object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) { return true; }); // want "TF-DOTNET-003"
        handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => { return true; }; // want "TF-DOTNET-003"
        handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator; // want "TF-DOTNET-003"
        request.ServerCertificateValidationCallback = AcceptAll; // want "TF-DOTNET-003"
        var ssl = new SslStream(inner, false, (s, c, ch, e) => true); // want "TF-DOTNET-003"
        var options = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true }; // want "TF-DOTNET-003"
        handler.ServerCertificateCustomValidationCallback = new System.Func<HttpRequestMessage, X509Certificate2, X509Chain, SslPolicyErrors, bool>((m, c, ch, e) => true); // want "TF-DOTNET-003"
        ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => // want "TF-DOTNET-003"
        {
            if (e == SslPolicyErrors.None) return true;
            Log(e);
            return true;
        };
    }

    void Safe(HttpClientHandler handler, Stream inner)
    {
        ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => e == SslPolicyErrors.None; // ok "TF-DOTNET-003"
        ServicePointManager.ServerCertificateValidationCallback = Validate; // ok "TF-DOTNET-003"
        handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => { if (e == SslPolicyErrors.None) return true; return PinnedCa(ch); }; // ok "TF-DOTNET-003"
        ServicePointManager.ServerCertificateValidationCallback = null; // ok "TF-DOTNET-003"
        var ssl = new SslStream(inner, false, Validate); // ok "TF-DOTNET-003"
        // handler.ServerCertificateCustomValidationCallback = (a, b, c, d) => true; // ok "TF-DOTNET-003"
        var doc = "ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true;"; // ok "TF-DOTNET-003"
    }

    static bool AcceptAll(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
    {
        return true;
    }

    static bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
    {
        return errors == SslPolicyErrors.None;
    }

    static bool PinnedCa(X509Chain chain) => false;

    static void Log(SslPolicyErrors e) { }
}
