// TF-DOTNET-002: SslProtocols values below TLS 1.2 in HttpClientHandler,
// SslClientAuthenticationOptions and SslStream.AuthenticateAs….
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

class SslProtocolsFixtures
{
    async void Downgrades(SslStream stream, HttpClientHandler handler, SocketsHttpHandler sockets, string host, X509CertificateCollection certs, X509Certificate cert)
    {
        handler.SslProtocols = SslProtocols.Tls | SslProtocols.Tls12; // want "TF-DOTNET-002"
        handler.SslProtocols = SslProtocols.Default; // want "TF-DOTNET-002"
        handler.SslProtocols = (SslProtocols)240; // want "TF-DOTNET-002"
        var h = new HttpClientHandler { SslProtocols = SslProtocols.Tls11 }; // want "TF-DOTNET-002"
        sockets.SslOptions.EnabledSslProtocols = SslProtocols.Ssl3; // want "TF-DOTNET-002"
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "s3.amazonaws.com",
            EnabledSslProtocols = SslProtocols.Ssl2 | SslProtocols.Tls12, // want "TF-DOTNET-002"
        };
        stream.AuthenticateAsClient("s3.amazonaws.com", null, SslProtocols.Tls, false); // want "TF-DOTNET-002"
        await stream.AuthenticateAsClientAsync("s3.amazonaws.com", null, System.Security.Authentication.SslProtocols.Tls11 | System.Security.Authentication.SslProtocols.Tls12, true); // want "TF-DOTNET-002"
        stream.AuthenticateAsClient(host, certs, enabledSslProtocols: SslProtocols.Tls, checkCertificateRevocation: true); // want "TF-DOTNET-002"
        stream.AuthenticateAsServer(cert, false, (SslProtocols)SecurityProtocolType.Tls, false); // want "TF-DOTNET-002"
        stream.BeginAuthenticateAsClient(host, certs, SslProtocols.Default, true, null, null); // want "TF-DOTNET-002"
    }

    void Safe(SslStream stream, HttpClientHandler handler, SslProtocols chosen)
    {
        handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13; // ok "TF-DOTNET-002"
        handler.SslProtocols = SslProtocols.None; // ok "TF-DOTNET-002"
        handler.SslProtocols = chosen; // ok "TF-DOTNET-002"
        stream.AuthenticateAsClient("s3.amazonaws.com", null, SslProtocols.Tls12, true); // ok "TF-DOTNET-002"
        stream.AuthenticateAsClient("s3.amazonaws.com"); // ok "TF-DOTNET-002"
        if (handler.SslProtocols == SslProtocols.Tls) { } // ok "TF-DOTNET-002"
        // handler.SslProtocols = SslProtocols.Tls; // ok "TF-DOTNET-002"
        var text = "handler.SslProtocols = SslProtocols.Tls11;"; // ok "TF-DOTNET-002"
    }
}
