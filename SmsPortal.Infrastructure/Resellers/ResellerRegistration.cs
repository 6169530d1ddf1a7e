using Microsoft.Extensions.DependencyInjection;

namespace SmsPortal.Infrastructure.Resellers;

internal static class ResellerRegistration
{
    /// <summary>Resellers: their settings and brands, the brand by host name, their customers and credit transfers.</summary>
    public static void AddResellers(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<ResellerAdministration>();
        services.AddSingleton<Brands>();
        services.AddSingleton<ResellerCustomers>();
        services.AddSingleton<CreditTransfers>();
        services.AddSingleton<ResellerSales>();
        services.AddSingleton<ResellerCatalogue>();
        services.AddSingleton<ResellerView>();
        services.AddSingleton<ResellerFigures>();
    }
}
