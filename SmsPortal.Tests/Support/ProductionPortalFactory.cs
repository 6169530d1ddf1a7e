namespace SmsPortal.Tests.Support;

/// <summary>The portal as an install runs it: the Production environment (no Development defaults such as the simulator).</summary>
public sealed class ProductionPortalFactory : PortalFactory
{
    public ProductionPortalFactory()
    {
        EnvironmentName = "Production";
        Settings["Platform:PublicUrl"] = "https://sms.example.com/";
    }
}
