using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Accounts;

namespace SmsPortal.Tests.Features.Accounts;

/// <summary>The customer's overview rendered by bUnit on the portal's real services: balance and top-up, the checklist, the activity and the recent failures.</summary>
public sealed class OverviewPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ANewAccountSeesItsBalanceATopUpButtonTheChecklistItsActivityAndItsFailuresWithReasons()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 1234);
        await AddAsync(account.Id, MessageStatus.Delivered, SubmissionDoor.Console, null);
        await AddAsync(account.Id, MessageStatus.Failed, SubmissionDoor.Console, "submit_sm_resp command_status=0x00000045 (ESME_RSUBMITFAIL)");
        await AddAsync(account.Id, MessageStatus.Expired, SubmissionDoor.Console, "no receipt");

        await using var context = Context(account.Id);
        var page = context.Render<OverviewPage>("[data-testid=getting-started]");

        Assert.Equal("1,234", page.Find("[data-testid=balance]").TextContent);
        Assert.Equal("console/billing/packages", page.Find("a[data-testid=top-up]").GetAttribute("href"));
        Assert.Equal("false", page.Find("[data-testid=step-Verify]").GetAttribute("data-done"));
        Assert.Equal("false", page.Find("[data-testid=step-Content]").GetAttribute("data-done"));
        Assert.Equal("false", page.Find("[data-testid=step-TopUp]").GetAttribute("data-done"));
        Assert.Equal("false", page.Find("[data-testid=step-Api]").GetAttribute("data-done"));
        Assert.Equal("3", page.Find("[data-testid=total-sent]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=total-delivered]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=total-failed]").TextContent);
        Assert.Matches(@"^33\s?%$", page.Find("[data-testid=total-rate]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=activity] svg"));
        var failures = page.FindAll("[data-testid=failure]").Select(f => f.TextContent).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("Expired: the carrier sent no receipt", failures[0], StringComparison.Ordinal);
        Assert.Contains("Refused upstream: ESME_RSUBMITFAIL", failures[1], StringComparison.Ordinal);
        Assert.Contains("UTC+08:00", failures[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChecklistGoesAwayOnceEveryStepIsDone()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, verified: true, paid: true, signatures: ["Acme"],
            templates: [("code", "您的验证码是{code}。", TemplateKind.VerificationCode)]);
        await using (var context = Context(account.Id))
        {
            var page = context.Render<OverviewPage>("[data-testid=getting-started]");
            Assert.Equal("true", page.Find("[data-testid=step-Content]").GetAttribute("data-done"));
            Assert.Equal("true", page.Find("[data-testid=step-TopUp]").GetAttribute("data-done"));
            Assert.Equal("false", page.Find("[data-testid=step-Api]").GetAttribute("data-done"));
        }

        await AddAsync(account.Id, MessageStatus.Delivered, SubmissionDoor.VendorApi, null);
        await using (var context = Context(account.Id))
        {
            var page = context.Render<OverviewPage>("[data-testid=activity]");
            Assert.Empty(page.FindAll("[data-testid=getting-started]"));
            Assert.Equal("No failed messages.", page.Find("[data-testid=no-failures]").TextContent);
        }
    }

    private ConsolePageContext Context(int accountId) => new(accountId,
        fixture.Portal.Service<AccountService>(), fixture.Portal.Service<GettingStartedQuery>(), fixture.Portal.Service<MessageRecords>(),
        fixture.Portal.Service<SmsPortal.Infrastructure.Billing.LedgerQueries>());

    private async Task AddAsync(int accountId, MessageStatus status, SubmissionDoor door, string? upstream)
    {
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        db.Messages.Add(new Message
        {
            AccountId = accountId, Mobile = "13800138004", Text = "【SmsPortal】您的验证码是：1234。", Parts = 1, Status = status, Door = door,
            AcceptedAt = DateTimeOffset.UtcNow, DoneAt = status == MessageStatus.Delivered || upstream is not null ? DateTimeOffset.UtcNow : null, UpstreamStatus = upstream,
        });
        await db.SaveChangesAsync();
    }
}
