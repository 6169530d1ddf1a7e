using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Ledger;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

/// <summary>Accounts, packages and orders made through the portal's own services, for the billing tests.</summary>
internal static class BillingWorld
{
    public static readonly BillingActor Admin = new("admin-under-test", PortalFactory.AdminEmail);

    public static async Task<int> NewAccountAsync(PortalFactory portal, string name = "Billing Test Co")
    {
        var accounts = portal.Service<AccountService>();
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var account = await accounts.DraftAsync(db, new NewAccount(name, AccountKind.Customer, null, null, null), CancellationToken.None);
        await accounts.AddAsync(db, account, trialCredits: 0, CancellationToken.None);
        return account.Id;
    }

    public static async Task<int> NewPackageAsync(PortalFactory portal, long sms = 1000, decimal price = 55m, string name = "Starter 1000")
    {
        var result = await portal.Service<PackageService>().SaveAsync(null, new PackageInput($"{name} {Guid.NewGuid().ToString("N")[..6]}", sms, price, 365, true), Admin, CancellationToken.None);
        Assert.True(result.Ok, result.Error);
        return (int)result.Id!.Value;
    }

    public static async Task<(long Id, string Number, decimal Amount)> NewOrderAsync(PortalFactory portal, int accountId, int packageId)
    {
        var placed = await portal.Service<OrderService>().PlaceAsync(accountId, packageId, null, CancellationToken.None);
        Assert.True(placed.Ok, placed.Error);
        var order = await portal.Service<OrderService>().GetAsync(placed.Id!.Value, accountId, CancellationToken.None);
        return (order!.Id, order.Number, order.Amount);
    }

    public static async Task<long> PaidOrderAsync(PortalFactory portal, int accountId, int packageId)
    {
        var order = await NewOrderAsync(portal, accountId, packageId);
        var confirmed = await portal.Service<PaymentService>().ConfirmTransferAsync(order.Id, "BANK-" + Guid.NewGuid().ToString("N")[..12], Admin, CancellationToken.None);
        Assert.True(confirmed.Ok, confirmed.Error);
        return order.Id;
    }

    public static async Task<long> BalanceAsync(PortalFactory portal, int accountId) =>
        await portal.Service<AccountService>().GetBalanceAsync(accountId, CancellationToken.None);

    public static async Task<OrderStatus> StatusAsync(PortalFactory portal, long orderId)
    {
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await db.Orders.Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync();
    }

    public static async Task<int> TopUpsAsync(PortalFactory portal, int accountId)
    {
        await using var db = await portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await db.LedgerEntries.CountAsync(e => e.AccountId == accountId && e.Kind == LedgerEntryKind.TopUp);
    }

    public static async Task<HttpResponseMessage> PostNotificationAsync(HttpClient client, IReadOnlyDictionary<string, string> fields, string gateway = SandboxGateway.GatewayName) =>
        await client.PostAsync($"/payments/{gateway}/notify", new FormUrlEncodedContent(fields));

    public static InvoiceRequest ChineseCompany(InvoiceKind kind = InvoiceKind.Ordinary) =>
        new(kind, "深圳市示例科技有限公司", "91440300MA5ABCDE1X",
            kind == InvoiceKind.SpecialVat ? "深圳市南山区科技园路1号 0755-12345678" : null,
            kind == InvoiceKind.SpecialVat ? "招商银行深圳分行 755912345678901" : null);
}
