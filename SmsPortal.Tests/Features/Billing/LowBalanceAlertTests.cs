using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsPortal.Domain.Ledger;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Billing.Alerts;
using SmsPortal.Infrastructure.Ledger;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Billing;

public sealed class LowBalanceAlertTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    // Reminders are minutes apart in life; the clock is moved so the per-number limits see that too.
    public Task InitializeAsync()
    {
        _portal.Clock = _clock;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task TheReminderGoesOutOncePerCrossingAndATopUpReArmsIt()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 150);
        var owner = await People.RegisteredCustomerAsync(_portal, $"alert-{Guid.NewGuid():N}@example.com");
        var ownerEmail = (await OwnerAsync(account.Id, owner)).Email!;
        Assert.Null(await _portal.Service<LowBalanceAlertSettings>().SaveAsync(account.Id, 100, "13800138401, +86 138 0013 8402", CancellationToken.None));
        var job = ActivatorUtilitiesJob();

        await job.CheckAsync(CancellationToken.None);
        Assert.Equal(0, await NoticesAsync(account.Id));

        await AppendAsync(account.Id, LedgerEntryKind.Adjustment, -80);
        await job.CheckAsync(CancellationToken.None);
        await job.CheckAsync(CancellationToken.None);
        Assert.Equal(2, await NoticesAsync(account.Id));
        Assert.Equal(1, MailsTo(ownerEmail));

        await AppendAsync(account.Id, LedgerEntryKind.Refund, 60);
        await job.CheckAsync(CancellationToken.None);
        await AppendAsync(account.Id, LedgerEntryKind.Adjustment, -60);
        await job.CheckAsync(CancellationToken.None);
        Assert.Equal(2, await NoticesAsync(account.Id));

        _clock.Advance(TimeSpan.FromMinutes(10));
        await AppendAsync(account.Id, LedgerEntryKind.TopUp, 500);
        await job.CheckAsync(CancellationToken.None);
        Assert.Equal(2, await NoticesAsync(account.Id));
        await AppendAsync(account.Id, LedgerEntryKind.Adjustment, -500);
        await job.CheckAsync(CancellationToken.None);
        Assert.Equal(4, await NoticesAsync(account.Id));
        Assert.Equal(2, MailsTo(ownerEmail));
    }

    [Theory]
    [InlineData(0L, "13800138401", "threshold")]
    [InlineData(100L, "13800138401,13800138402,13800138403,13800138404", "count")]
    [InlineData(100L, "12345", "12345")]
    public async Task BadReminderSettingsAreRefusedAndNothingIsSaved(long threshold, string mobiles, string problem)
    {
        var account = await TestAccounts.CreateAsync(_portal);
        var settings = _portal.Service<LowBalanceAlertSettings>();

        Assert.Equal(problem, await settings.SaveAsync(account.Id, threshold, mobiles, CancellationToken.None));
        Assert.Null((await settings.GetAsync(account.Id, CancellationToken.None)).Threshold);
    }

    private LowBalanceAlertJob ActivatorUtilitiesJob() =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<LowBalanceAlertJob>(_portal.Services);

    private async Task<SmsPortal.Infrastructure.Identity.ApplicationUser> OwnerAsync(int accountId, HttpClient owner)
    {
        owner.Dispose();
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var person = await db.Users.OrderByDescending(u => u.CreatedAt).FirstAsync();
        person.AccountId = accountId;
        person.IsAccountOwner = true;
        await db.SaveChangesAsync();
        return person;
    }

    private async Task AppendAsync(int accountId, LedgerEntryKind kind, long amount)
    {
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        await _portal.Service<CreditLedger>().AppendAsync(db, [new LedgerLine(accountId, kind, amount, Note: "test")], CancellationToken.None);
    }

    private async Task<int> NoticesAsync(int accountId)
    {
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        return await db.Messages.CountAsync(m => m.AccountId == accountId && m.Door == SubmissionDoor.PlatformNotice && m.Text.Contains("余额"));
    }

    private int MailsTo(string email) =>
        Directory.Exists(_portal.MailFolder)
            ? new DirectoryInfo(_portal.MailFolder).GetFiles("*.eml").Count(f => MimeMessage.Load(f.FullName) is var m && m.To.Mailboxes.Any(x => x.Address == email) && (m.Subject ?? "").Contains("low balance", StringComparison.Ordinal))
            : 0;
}
