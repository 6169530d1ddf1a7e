using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Resellers;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>The admins' side of resellers: accounts as a tree, the reseller filter on accounts, orders and the review queue, and each reseller's figures.</summary>
public sealed class ResellerAdminViewTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task TheAccountsListIsATreeAndTheResellerFilterKeepsOneResellerWithItsCustomers()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Tree R1");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Tree R2");
        var first = await CustomerOfAsync(r1.Id);
        var c2 = await CustomerOfAsync(r2.Id);
        var second = await CustomerOfAsync(r1.Id);
        var directory = Portal.Service<AccountDirectory>();

        var filtered = await directory.SearchAsync(null, 0, 200, CancellationToken.None, r1.Id);

        Assert.Equal([r1.Id, second.Id, first.Id], filtered.Rows.Select(r => r.Id));
        Assert.Equal(3, filtered.Total);
        Assert.Null(filtered.Rows[0].ParentId);
        var r1Name = await Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == r1.Id).Select(a => a.Name).SingleAsync());
        Assert.All(filtered.Rows.Skip(1), r => Assert.Equal((r1.Id, r1Name), (r.ParentId!.Value, r.ParentName!)));

        var all = (await directory.SearchAsync(null, 0, 200, CancellationToken.None)).Rows.Select(r => r.Id).ToList();
        var at = all.IndexOf(r2.Id);
        Assert.Equal(c2.Id, all[at + 1]);
        Assert.Equal([r1.Id, second.Id, first.Id], all.Skip(all.IndexOf(r1.Id)).Take(3));
    }

    [Fact]
    public async Task TheResellerFilterOnOrdersAndTheReviewQueueKeepsOnlyTheResellersTree()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Filter R1");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Filter R2");
        var c1 = await CustomerOfAsync(r1.Id);
        var c2 = await CustomerOfAsync(r2.Id);
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 100, price: 9m, name: "Filter");
        var own = await BillingWorld.PaidOrderAsync(Portal, r1.Id, package);
        var ofC1 = await SellingWorld.BuyAsync(Portal, Portal.CreateClient(), c1.Id, await SellingWorld.ResellerPackageAsync(Portal, r1.Id, 50, 9m, "Filter R1"));
        var ofC2 = await SellingWorld.BuyAsync(Portal, Portal.CreateClient(), c2.Id, await SellingWorld.ResellerPackageAsync(Portal, r2.Id, 50, 9m, "Filter R2"));
        await Portal.QueryAsync(db =>
        {
            db.Signatures.Add(new Signature { AccountId = c1.Id, Text = "筛选甲", State = ReviewState.Pending, CreatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow });
            db.Signatures.Add(new Signature { AccountId = c2.Id, Text = "筛选乙", State = ReviewState.Pending, CreatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });

        var orders = await Portal.Service<OrderService>().SearchAsync(null, null, null, 0, 200, CancellationToken.None, r1.Id);
        Assert.Equal([ofC1, own], orders.Rows.Select(o => o.Id));
        Assert.DoesNotContain(orders.Rows, o => o.Id == ofC2);

        var queue = await Portal.Service<ReviewQueue>().PendingAsync(ReviewItemKind.Signature, 0, 200, CancellationToken.None, r1.Id);
        Assert.Equal("筛选甲", Assert.Single(queue.Rows).Subject);
        Assert.Equal(1, queue.Counts.Signatures);
        var everyone = await Portal.Service<ReviewQueue>().PendingAsync(ReviewItemKind.Signature, 0, 200, CancellationToken.None);
        Assert.Contains(everyone.Rows, r => r.Subject == "筛选乙");
    }

    [Fact]
    public async Task EachResellersFiguresCountWhatItBoughtWhatItsCustomersUsedAndBoughtAndTheMargin()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 0, name: "Figures R1");
        var c1 = await CustomerOfAsync(r1.Id, verified: true);
        var wholesale = await BillingWorld.NewPackageAsync(Portal, sms: 1000, price: 30m, name: "Wholesale");
        var retail = await SellingWorld.ResellerPackageAsync(Portal, r1.Id, 200, 12m, "Retail");
        await BillingWorld.PaidOrderAsync(Portal, r1.Id, wholesale);
        await SellingWorld.BuyAsync(Portal, Portal.CreateClient(), c1.Id, retail);
        var sent = await new VendorClient(Portal.CreateClient()).SubmitAsync(c1.ApiId, c1.ApiKey, "13900005555", "F1", c1.Templates["notice"].ToString(CultureInfo.InvariantCulture));
        Assert.True(sent.Code == 2, $"{sent.Code} {sent.Msg}");
        var message = await Portal.MessageWhenAsync(sent.SmsId!, m => m.DoneAt is not null);
        Assert.Equal(MessageStatus.Delivered, message.Status);

        var figure = Assert.Single(await Portal.Service<ResellerFigures>().ReadAsync(CancellationToken.None), f => f.ResellerId == r1.Id);

        // Wholesale ¥0.035 per SMS (ResellerWorld.Settings): R1 pays ¥35.00 for the platform's 1,000 (its cost, not the
        // list price), and 200 SMS sold for ¥12 cost ¥7.00, a margin of ¥5.00.
        Assert.Equal((1000L, 35m), (figure.BoughtSms, figure.BoughtAmount));
        Assert.Equal((1L, 0.04m), (figure.ConsumedSms, figure.ConsumedWholesale));
        Assert.Equal((200L, 12m, 5.00m), (figure.SoldSms, figure.SoldAmount, figure.Margin));

        var admin = Portal.CreateBrowserLikeClient();
        await People.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        using var page = await admin.GetAsync("/admin/resellers");
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"figures-hint\"", html, StringComparison.Ordinal);
        Assert.Contains("1,000 · ¥35.00", html, StringComparison.Ordinal);
    }

    private async Task<TestAccounts.Made> CustomerOfAsync(int resellerId, bool verified = false)
    {
        var made = await TestAccounts.CreateAsync(Portal, 100, verified: verified, paid: verified, signatures: ["代理测试"],
            templates: [("notice", "您的订单【order】已发货。", TemplateKind.Notification)]);
        await TestAccounts.SetAsync(Portal, made.Id, a => a.ParentAccountId = resellerId);
        return made;
    }
}
