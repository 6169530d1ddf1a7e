using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Billing.Payments;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>A reseller's catalogue, its customers and their purchases, made through the portal's own services and its notify endpoint.</summary>
internal static class SellingWorld
{
    public static async Task<int> ResellerPackageAsync(PortalFactory portal, int resellerId, long sms, decimal price, string name = "Agent pack")
    {
        var saved = await portal.Service<ResellerCatalogue>().SavePackageAsync(resellerId, null, new PackageInput($"{name} {Guid.NewGuid().ToString("N")[..4]}", sms, price, 365, true), BillingWorld.Admin, CancellationToken.None);
        Assert.True(saved.Ok, saved.Error);
        return (int)saved.Id!.Value;
    }

    public static async Task<(int Id, string ApiId)> CustomerAsync(PortalFactory portal, int resellerId, string name = "Retail Co")
    {
        var made = await portal.Service<ResellerCustomers>().CreateAsync(resellerId, name, CancellationToken.None);
        Assert.True(made.Ok, made.Error);
        return (await portal.QueryAsync(db => db.Accounts.Where(a => a.ApiId == made.ApiId).Select(a => a.Id).SingleAsync()), made.ApiId!);
    }

    /// <summary>Places an order of the package and pays it as the sandbox provider does: a signed notification POSTed to the portal.</summary>
    public static async Task<long> BuyAsync(PortalFactory portal, HttpClient client, int accountId, int packageId)
    {
        var order = await BillingWorld.NewOrderAsync(portal, accountId, packageId);
        var fields = await portal.Service<SandboxGateway>().NotificationAsync(order.Number, SandboxGateway.FormatAmount(order.Amount), paid: true, CancellationToken.None);
        using var reply = await BillingWorld.PostNotificationAsync(client, fields);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        return order.Id;
    }

    /// <summary>The reseller buys <paramref name="sms"/> credits from the platform (a new platform package, at its wholesale price).</summary>
    public static async Task<long> TopUpAsync(PortalFactory portal, HttpClient client, int resellerId, long sms)
    {
        var package = await BillingWorld.NewPackageAsync(portal, sms: sms, price: 1000m, name: "Wholesale");
        return await BuyAsync(portal, client, resellerId, package);
    }

    public static Task<bool> AwaitingAsync(PortalFactory portal, long orderId) =>
        portal.QueryAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.AwaitingCredits).SingleAsync());
}
