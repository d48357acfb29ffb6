// Seed for FuzzTokenize: C# forms the .NET rules read.
using System.Net;
#region setup
class C {
    void M() {
        ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls11 | (SecurityProtocolType)0x300;
        ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls);
        var s = @"C:\path ""quoted""";
        var i = $"{ServicePointManager.SecurityProtocol} and {(x ? "a" : "b")}";
        var r = """
            raw "text" here
            """;
        ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true;
        handler.ServerCertificateCustomValidationCallback = delegate { return true; };
        AppContext.SetSwitch("Switch.System.Net.DontEnableSchUseStrongCrypto", true);
        char q = '\'';
        /* block SecurityProtocolType.Tls */
    }
}
#endregion
