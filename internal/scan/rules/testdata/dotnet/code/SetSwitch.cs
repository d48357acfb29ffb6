// TF-DOTNET-004: AppContext.SetSwitch with one of the four TLS switches
// set to true.
using System;

static class Switches
{
    static void Downgrades()
    {
        AppContext.SetSwitch("Switch.System.Net.DontEnableSchUseStrongCrypto", true); // want "TF-DOTNET-004"
        AppContext.SetSwitch("Switch.System.Net.DontEnableSystemDefaultTlsVersions", true); // want "TF-DOTNET-004"
        System.AppContext.SetSwitch(@"Switch.System.ServiceModel.DisableUsingServicePointManagerSecurityProtocols", true); // want "TF-DOTNET-004"
        AppContext.SetSwitch("Switch.System.ServiceModel.DontEnableSystemDefaultTlsVersions", true); // want "TF-DOTNET-004"
    }

    static void Safe()
    {
        AppContext.SetSwitch("Switch.System.Net.DontEnableSchUseStrongCrypto", false); // ok "TF-DOTNET-004"
        AppContext.SetSwitch("Switch.System.Net.DontEnableSystemDefaultTlsVersions", false); // ok "TF-DOTNET-004"
        AppContext.SetSwitch("Switch.MyApp.UseLegacyTls", true); // ok "TF-DOTNET-004"
        // AppContext.SetSwitch("Switch.System.Net.DontEnableSchUseStrongCrypto", true); // ok "TF-DOTNET-004"
        Console.WriteLine("AppContext.SetSwitch(\"Switch.System.Net.DontEnableSchUseStrongCrypto\", true)"); // ok "TF-DOTNET-004"
    }
}
