using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Billing.Invoices;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Infrastructure.Statistics;
using SmsPortal.Tests.Features.Billing;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Replies;

namespace SmsPortal.Tests.Features.Resellers;

/// <summary>
/// The admins' reseller filter on the pages beyond accounts, orders and the review queue: invoices, replies, the review
/// audit log and the statistics (page and exports). R1's filter keeps R1 and its customer; R2's customer and a direct
/// customer are left out; no filter keeps everybody.
/// </summary>
public sealed class ResellerFilterTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private sealed record World(TestAccounts.Made R1, TestAccounts.Made R2, TestAccounts.Made C1, TestAccounts.Made C2, TestAccounts.Made Direct, string Tag);

    [Fact]
    public async Task TheInvoicesFilterKeepsTheResellersWholesaleInvoicesAndNobodyElses()
    {
        var w = await WorldAsync();
        var package = await BillingWorld.NewPackageAsync(Portal, sms: 100, price: 9m, name: "Filter invoices");
        var invoices = Portal.Service<InvoiceService>();
        var ofR1 = await InvoiceAsync(w.R1.Id, package);
        var ofR2 = await InvoiceAsync(w.R2.Id, package);
        var ofDirect = await InvoiceAsync(w.Direct.Id, package);

        var filtered = await invoices.SearchAsync(null, null, 0, 200, CancellationToken.None, bySeller: true, resellerId: w.R1.Id);
        var everyone = await invoices.SearchAsync(null, null, 0, 200, CancellationToken.None, bySeller: true);

        Assert.Equal([ofR1], filtered.Rows.Select(r => r.Id));
        Assert.Equal(1, filtered.Total);
        Assert.Contains(everyone.Rows, r => r.Id == ofR2);
        Assert.Contains(everyone.Rows, r => r.Id == ofDirect);
    }

    [Fact]
    public async Task TheRepliesFilterKeepsTheResellersTreeOnThePageAndInTheExport()
    {
        var w = await WorldAsync();
        foreach (var account in new[] { w.R1, w.C1, w.C2, w.Direct })
        {
            await Portal.QueryAsync(db =>
            {
                db.Replies.Add(new Reply { AccountId = account.Id, Mobile = "13800138000", To = "106900", Content = $"{w.Tag} reply of {account.ApiId}", Channel = "simulator", ReceivedAt = DateTimeOffset.UtcNow });
                return db.SaveChangesAsync();
            });
        }

        var replies = Portal.Service<ReplyRecords>();
        var filtered = await replies.SearchAsync(ReplyScope.Everyone, new ReplyFilter(Content: w.Tag, Reseller: w.R1.Id), 0, 50, CancellationToken.None);
        var everyone = await replies.SearchAsync(ReplyScope.Everyone, new ReplyFilter(Content: w.Tag), 0, 50, CancellationToken.None);

        Assert.Equal([w.C1.ApiId, w.R1.ApiId], filtered.Rows.Select(r => r.AccountApiId));
        Assert.Equal(4, everyone.Total);
        // The filter of the page is the export's: the grid's export link carries it.
        var url = RepliesExport.UrlFor(ReplyScope.Everyone, new ReplyFilter(Content: w.Tag, Reseller: w.R1.Id));
        var csv = await (await AdminAsync()).GetStringAsync("/" + url);
        Assert.Contains(w.C1.ApiId, csv, StringComparison.Ordinal);
        Assert.Contains(w.R1.ApiId, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(w.C2.ApiId, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Direct.ApiId, csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditLogFilterKeepsTheDecisionsOnTheResellersTree()
    {
        var w = await WorldAsync();
        foreach (var account in new[] { w.C1, w.C2, w.Direct })
        {
            await Portal.QueryAsync(db =>
            {
                db.ReviewAuditEntries.Add(new ReviewAuditEntry
                {
                    At = DateTimeOffset.UtcNow, ReviewerId = "admin-under-test", ReviewerName = "Filter admin", ItemKind = ReviewItemKind.Signature, ItemId = 1,
                    AccountId = account.Id, Subject = $"{w.Tag} {account.ApiId}", Decision = ReviewDecision.Approved,
                });
                return db.SaveChangesAsync();
            });
        }

        var log = Portal.Service<ReviewAuditLog>();
        var filtered = await log.SearchAsync(new AuditFilter(Search: w.Tag, ResellerId: w.R1.Id), 0, 50, CancellationToken.None);
        var other = await log.SearchAsync(new AuditFilter(Search: w.Tag, ResellerId: w.R2.Id), 0, 50, CancellationToken.None);

        Assert.Equal(w.C1.Id, Assert.Single(filtered.Rows).AccountId);
        Assert.Equal(w.C2.Id, Assert.Single(other.Rows).AccountId);
        Assert.Equal(3, (await log.SearchAsync(new AuditFilter(Search: w.Tag), 0, 50, CancellationToken.None)).Total);
    }

    [Fact]
    public async Task TheStatisticsFilterCountsOnlyTheResellersTreeOnThePageAndInTheExport()
    {
        var w = await WorldAsync();
        foreach (var (account, count) in new[] { (w.R1, 1), (w.C1, 2), (w.C2, 3), (w.Direct, 4) })
        {
            await Portal.QueryAsync(db =>
            {
                for (var i = 0; i < count; i++)
                {
                    db.Messages.Add(new Message
                    {
                        AccountId = account.Id, Mobile = "13800138000", Text = "【代理测试】您的订单已发货。", Status = MessageStatus.Delivered, AcceptedAt = DateTimeOffset.UtcNow,
                        Parts = 1, Door = SubmissionDoor.Console, Channel = "simulator",
                    });
                }

                return db.SaveChangesAsync();
            });
        }

        var statistics = Portal.Service<SendStatistics>();
        var today = statistics.Today;
        var rows = await statistics.ReadAsync(new StatisticsQuery(null, today, today, StatisticsGrouping.Account, w.R1.Id), CancellationToken.None);

        Assert.Equal([(w.C1.ApiId, 2L), (w.R1.ApiId, 1L)], rows.Select(r => (r.Key, r.Sent)));
        var csv = await (await AdminAsync()).GetStringAsync($"/admin/statistics/export?by=account&reseller={w.R2.Id}");
        Assert.Contains(w.C2.ApiId, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(w.C1.ApiId, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Direct.ApiId, csv, StringComparison.Ordinal);
        var all = await statistics.ReadAsync(new StatisticsQuery(null, today, today, StatisticsGrouping.Account), CancellationToken.None);
        Assert.Contains(all, r => r.Key == w.Direct.ApiId && r.Sent == 4);
    }

    private async Task<World> WorldAsync()
    {
        var (r1, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Filter R1");
        var (r2, _) = await ResellerWorld.NewResellerAsync(Portal, 100, name: "Filter R2");
        var c1 = await TestAccounts.CreateAsync(Portal, 10);
        await TestAccounts.SetAsync(Portal, c1.Id, a => a.ParentAccountId = r1.Id);
        var c2 = await TestAccounts.CreateAsync(Portal, 10);
        await TestAccounts.SetAsync(Portal, c2.Id, a => a.ParentAccountId = r2.Id);
        return new World(r1, r2, c1, c2, await TestAccounts.CreateAsync(Portal, 10), "filter-" + Guid.NewGuid().ToString("N")[..8]);
    }

    private async Task<long> InvoiceAsync(int accountId, int package)
    {
        var order = await BillingWorld.PaidOrderAsync(Portal, accountId, package);
        var requested = await Portal.Service<InvoiceService>().RequestAsync(accountId, order, BillingWorld.ChineseCompany(), null, CancellationToken.None);
        Assert.True(requested.Ok, requested.Error);
        return requested.Id!.Value;
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = Portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await People.SignInAsync(admin, PortalFactory.AdminEmail, PortalFactory.AdminPassword)).StatusCode);
        return admin;
    }
}
