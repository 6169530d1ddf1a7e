using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;

namespace SmsPortal.Infrastructure.Billing;

internal static class BillingRegistration
{
    /// <summary>Packages, orders, payments (every gateway listed here), the ledger view, invoices and adjustments.</summary>
    public static void AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaymentsOptions>().Bind(configuration.GetSection(PaymentsOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.Sandbox.Secret) || o.Sandbox.Secret.Length >= 16, "Payments:Sandbox:Secret needs at least 16 characters (or none: one is generated and kept in the database).")
            .Validate(o => o.Sandbox.NotifyWindowSeconds is >= 10 and <= 3600, "Payments:Sandbox:NotifyWindowSeconds must be between 10 and 3600.")
            .Validate(o => string.IsNullOrEmpty(o.Sandbox.NotifyBaseUrl) || Uri.TryCreate(o.Sandbox.NotifyBaseUrl, UriKind.Absolute, out _), "Payments:Sandbox:NotifyBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.SellerName), "Billing:SellerName must not be empty.")
            .Validate(o => o.VatRate is >= 0 and < 1, "Billing:VatRate must be a fraction such as 0.06.")
            .Validate(o => o.MoneyTopUpMinYuan >= 0.01m && o.MoneyTopUpMinYuan <= o.MoneyTopUpMaxYuan && o.MoneyTopUpMaxYuan <= Domain.Billing.Package.MaxMoneyFen / 100m
                && decimal.Round(o.MoneyTopUpMinYuan, 2) == o.MoneyTopUpMinYuan && decimal.Round(o.MoneyTopUpMaxYuan, 2) == o.MoneyTopUpMaxYuan,
                "Billing:MoneyTopUpMinYuan and Billing:MoneyTopUpMaxYuan must be amounts in yuan (two decimals at most), from 0.01 up, the minimum not above the maximum, the maximum at most 10,000,000.")
            .ValidateOnStart();

        services.AddSingleton<SandboxSecret>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
        services.AddSingleton<IPaymentGateway, BankTransferGateway>();
        services.AddHttpClient(SandboxNotifyJob.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddTransient<SandboxNotifyJob>();

        services.AddSingleton<PackageService>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<LedgerQueries>();
        services.AddSingleton<InvoiceService>();
        services.AddSingleton<AdjustmentService>();
    }
}
