using System.Net;
using System.Net.Sockets;
using Bunit;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Billing;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Mail;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Platform;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Admin;

namespace SmsPortal.Tests.Features.Admin;

/// <summary>The admin dashboard rendered by bUnit on a portal of its own: sends, delivery rate, revenue, what waits, channel states and warnings.</summary>
public sealed class AdminDashboardPageTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        // An SMPP channel to a port nobody listens on: it keeps connecting and is down.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _portal.Settings["Channels:dead:Type"] = "Smpp";
        _portal.Settings["Channels:dead:Host"] = "127.0.0.1";
        _portal.Settings["Channels:dead:Port"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _portal.Settings["Channels:dead:SystemId"] = "portal";
        _portal.Settings["Channels:dead:Password"] = "secret";
        _ = _portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ShowsTodaysSendsRateRevenueWhatWaitsAndWarnsOfADownChannelAndAStuckQueue()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        var now = DateTimeOffset.UtcNow;
        await using (var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            foreach (var status in new[] { MessageStatus.Delivered, MessageStatus.Delivered, MessageStatus.Failed })
            {
                db.Messages.Add(Message(account.Id, status, now));
            }

            // Waiting for a channel for ten minutes (and not due again for an hour, so dispatch leaves it be).
            var stuck = Message(account.Id, MessageStatus.Accepted, now.AddMinutes(-10));
            stuck.NextAttemptAt = now.AddHours(1);
            db.Messages.Add(stuck);
            var package = new Package { Name = "1,000 SMS", Sms = 1000, Price = 45.50m, ValidityDays = 365, CreatedAt = now };
            db.Packages.Add(package);
            await db.SaveChangesAsync();
            db.Orders.Add(new Order { PackageId = package.Id, AccountId = account.Id, PackageName = "1,000 SMS", Sms = 1000, ValidityDays = 365, Amount = 45.50m, Status = OrderStatus.Paid, CreatedAt = now, PaidAt = now });
            db.Orders.Add(new Order { PackageId = package.Id, AccountId = account.Id, PackageName = "1,000 SMS", Sms = 1000, ValidityDays = 365, Amount = 99m, Status = OrderStatus.Pending, CreatedAt = now });
            db.Signatures.Add(new Signature { AccountId = account.Id, Text = "Acme", State = ReviewState.Pending, CreatedAt = now });
            await db.SaveChangesAsync();
        }

        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await using var context = new ConsolePageContext(account.Id,
            _portal.Service<AccountDirectory>(), _portal.Service<MailPickupFolder>(), _portal.Service<ChannelSummaries>(), registry, _portal.Service<PlatformActivityQuery>(),
            _portal.Service<PackageService>());
        context.Context.Services.AddSingleton(_portal.Service<JobStorage>());
        var page = context.Render<AdminDashboardPage>("[data-testid=stat-sent-today]");
        Assert.Empty(page.FindAll("[data-testid=alert-no-package]"));

        Assert.Equal("4", page.Find("[data-testid=stat-sent-today]").TextContent);
        Assert.Matches(@"^67\s?%$", page.Find("[data-testid=stat-rate-today]").TextContent);
        Assert.Equal("¥45.50", page.Find("[data-testid=stat-revenue-today]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=stat-pending-reviews]").TextContent);
        Assert.Equal("0", page.Find("[data-testid=stat-pending-invoices]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=stat-waiting]").TextContent);
        Assert.Contains("1 messages wait for a channel", page.Find("[data-testid=alert-queue]").TextContent, StringComparison.Ordinal);
        Assert.Contains("UTC+08:00", page.Find("[data-testid=alert-queue]").TextContent, StringComparison.Ordinal);
        Assert.Contains("dead", page.Find("[data-testid=alert-channel-down]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Down", page.Find("[data-testid=dashboard-channel-dead]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarnsWhenNoPackageIsOnSale()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        await using (var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Packages.Add(new Package { Name = "Withdrawn", Sms = 1000, Price = 45m, ValidityDays = 365, IsActive = false, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var registry = _portal.Service<ChannelRegistry>();
        await registry.Loaded;
        await using var context = new ConsolePageContext(account.Id,
            _portal.Service<AccountDirectory>(), _portal.Service<MailPickupFolder>(), _portal.Service<ChannelSummaries>(), registry, _portal.Service<PlatformActivityQuery>(),
            _portal.Service<PackageService>());
        context.Context.Services.AddSingleton(_portal.Service<JobStorage>());
        var page = context.Render<AdminDashboardPage>("[data-testid=alert-no-package]");

        Assert.Contains("No package is on sale", page.Find("[data-testid=alert-no-package]").TextContent, StringComparison.Ordinal);
        Assert.Equal("admin/billing/packages", page.Find("[data-testid=alert-no-package] a").GetAttribute("href"));
    }

    private static Message Message(int accountId, MessageStatus status, DateTimeOffset at) => new()
    {
        AccountId = accountId, Mobile = "13800138005", Text = "【SmsPortal】您的验证码是：1234。", Parts = 1, Status = status, Door = SubmissionDoor.Console, AcceptedAt = at,
        DoneAt = status is MessageStatus.Delivered or MessageStatus.Failed ? at : null,
    };
}
