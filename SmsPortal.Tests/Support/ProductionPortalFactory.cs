using Microsoft.AspNetCore.Hosting;

namespace SmsPortal.Tests.Support;

/// <summary>The portal as an install runs it: the Production environment (no Development defaults such as the simulator).</summary>
public sealed class ProductionPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
