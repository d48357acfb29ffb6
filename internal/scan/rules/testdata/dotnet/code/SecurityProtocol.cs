// TF-DOTNET-001: assignments to ServicePointManager.SecurityProtocol that
// enable SSL 3.0, TLS 1.0 or TLS 1.1.
using System;
using System.Net;

namespace Fixtures
{
    public static class SecurityProtocolFixtures
    {
        public static void Downgrades(bool legacy)
        {
            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls11; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol += SecurityProtocolType.Ssl3; // want "TF-DOTNET-001"
            System.Net.ServicePointManager.SecurityProtocol = System.Net.SecurityProtocolType.Tls12 | System.Net.SecurityProtocolType.Tls; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)192; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)0x300; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)768 | (SecurityProtocolType)3072; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)(48 | 192 | 768 | 3072); // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)4080; // want "TF-DOTNET-001" (0xFF0: Ssl3 | Tls | Tls11 | Tls12)
            ServicePointManager.SecurityProtocol = // want "TF-DOTNET-001"
                SecurityProtocolType.Tls12 |
                SecurityProtocolType.Tls11;
            ServicePointManager.SecurityProtocol = ServicePointManager.SecurityProtocol | SecurityProtocolType.Tls11; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol |= SecurityProtocolTypeExtensions.Tls11 | SecurityProtocolTypeExtensions.Tls12; // want "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = legacy ? SecurityProtocolType.Tls : SecurityProtocolType.Tls12; // want "TF-DOTNET-001"
        }

        public static void Safe(SecurityProtocolType configured)
        {
            ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13; // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault; // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls11); // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = ServicePointManager.SecurityProtocol & ~SecurityProtocolType.Tls; // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12; // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = (SecurityProtocolType)3072; // ok "TF-DOTNET-001"
            ServicePointManager.SecurityProtocol = configured; // ok "TF-DOTNET-001"
            // ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls; // ok "TF-DOTNET-001"
            /* ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls11; */ // ok "TF-DOTNET-001"
            Console.WriteLine("ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;"); // ok "TF-DOTNET-001"
            var note = @"ServicePointManager.SecurityProtocol |= SecurityProtocolType.Ssl3;"; // ok "TF-DOTNET-001"
            if (ServicePointManager.SecurityProtocol == SecurityProtocolType.Tls) { } // ok "TF-DOTNET-001"
            var current = ServicePointManager.SecurityProtocol; // ok "TF-DOTNET-001"
        }
    }
}
