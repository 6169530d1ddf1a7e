using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The Batches page rendered by bUnit on the portal's real services: progress, pause, resume and cancel, in English and Chinese.</summary>
public sealed class BatchesPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private async Task<(TestAccounts.Made Account, ConsolePageContext Page)> ArrangeAsync()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 100);
        return (account, new ConsolePageContext(account.Id, fixture.Portal.Service<AccountService>(), fixture.Portal.Service<SendingProfiles>(), fixture.Portal.Service<SubmissionService>(), fixture.Portal.Service<SendBatches>()));
    }

    private async Task<int> CreateAsync(TestAccounts.Made account, DateTimeOffset? at, params string[] mobiles)
    {
        var profile = (await fixture.Portal.Service<SendingProfiles>().FindByAccountIdAsync(account.Id, CancellationToken.None))!;
        var created = await fixture.Portal.Service<SendBatches>().CreateAsync(profile, new NewSendBatch(SubmissionDoor.Console, null, "owner@example.com", mobiles, "4321", "1", at), CancellationToken.None);
        Assert.True(created.IsCreated, created.Message);
        return created.BatchId!.Value;
    }

    [Fact]
    public async Task AScheduledBatchIsPausedResumedAndCancelledFromItsRowAndADoneOneShowsItsProgress()
    {
        var (account, context) = await ArrangeAsync();
        await using var _ = context;
        var done = await CreateAsync(account, null, "13800138801", "13800138802", "13800138803");
        await Eventually.HoldsAsync(async () => (await fixture.Portal.Service<SendBatches>().FindAsync(account.Id, done, CancellationToken.None))!.State == SendBatchState.Done, "the batch sent now is done");
        var later = await CreateAsync(account, DateTimeOffset.UtcNow.AddDays(2), "13800138804", "13800138805");

        var page = context.Render<BatchesPage>($"[data-testid=batch-state-{later}]");

        Assert.Equal("Done", page.Find($"[data-testid=batch-state-{done}]").TextContent.Trim());
        Assert.Equal("3 of 3 submitted · 3 accepted", page.Find($"[data-testid=batch-progress-{done}]").TextContent.Trim());
        Assert.Empty(page.FindAll($"[data-testid=batch-pause-{done}]"));
        Assert.Equal("Scheduled", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim());
        Assert.Equal("0 of 2 submitted · 0 accepted", page.Find($"[data-testid=batch-progress-{later}]").TextContent.Trim());

        page.Find($"[data-testid=batch-pause-{later}]").Click();
        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim()));
        page.Find($"[data-testid=batch-resume-{later}]").Click();
        page.WaitForAssertion(() => Assert.Equal("Scheduled", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim()));
        page.Find($"[data-testid=batch-cancel-{later}]").Click();
        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim()));
        Assert.Empty(page.FindAll($"[data-testid=batch-resume-{later}]"));

        var stored = await fixture.Portal.QueryAsync(db => db.SendBatches.AsNoTracking().SingleAsync(b => b.Id == later));
        Assert.Equal(SendBatchState.Cancelled, stored.State);
        Assert.False(await fixture.Portal.QueryAsync(db => db.Messages.AnyAsync(m => m.AccountId == account.Id && (m.Mobile == "13800138804" || m.Mobile == "13800138805"))));
    }

    [Fact]
    public async Task ThePageSpeaksChinese()
    {
        var (account, context) = await ArrangeAsync();
        await using var _ = context;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var later = await CreateAsync(account, DateTimeOffset.UtcNow.AddDays(1), "13800138806");

        var page = context.Render<BatchesPage>($"[data-testid=batch-state-{later}]");

        Assert.Equal("待发送", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim());
        Assert.Equal("已提交 0 / 1 · 成功 0", page.Find($"[data-testid=batch-progress-{later}]").TextContent.Trim());
        Assert.Contains("暂停", page.Find($"[data-testid=batch-pause-{later}]").TextContent, StringComparison.Ordinal);
        Assert.Contains("批量发送", page.Markup, StringComparison.Ordinal);
        page.Find($"[data-testid=batch-pause-{later}]").Click();
        page.WaitForAssertion(() => Assert.Equal("已暂停", page.Find($"[data-testid=batch-state-{later}]").TextContent.Trim()));
    }
}
