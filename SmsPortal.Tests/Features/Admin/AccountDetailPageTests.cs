using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Billing;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Infrastructure.Review;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Admin;

namespace SmsPortal.Tests.Features.Admin;

/// <summary>The admin's page of one account, rendered by bUnit on the portal's real services: profile, balance, sends with reasons, ledger, keys, reviews, decisions, freeze.</summary>
public sealed class AccountDetailPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    private ConsolePageContext NewContext() => new(0,
        Portal.Service<AccountDirectory>(), Portal.Service<AccountService>(), Portal.Service<SignatureService>(), Portal.Service<TemplateReviewService>(),
        Portal.Service<ReviewAuditLog>(), Portal.Service<MessageRecords>(), Portal.Service<LedgerQueries>());

    private static IRenderedComponent<AccountDetailPage> Render(ConsolePageContext context, int accountId) =>
        context.Render<AccountDetailPage>(p => p.Add(x => x.AccountId, accountId), "[data-testid=back]");

    private static void OpenTab(IRenderedComponent<AccountDetailPage> page, string title) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == title).Click();

    [Fact]
    public async Task ShowsTheProfileBalanceSendsWithTheirReasonsLedgerReviewsAndDecisionsOfThatAccountOnly()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 50, verified: true, paid: true);
        var other = await TestAccounts.CreateAsync(Portal, credits: 7);
        var api = new VendorClient(Portal.CreateClient());
        // The simulator refuses numbers ending 9999 (ESME_RSUBMITFAIL).
        var refused = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800139999", "1234", "1");
        var othersSend = await api.SubmitAsync(other.ApiId, other.ApiKey, "13800138888", "1234", "1");
        Assert.Equal(2, refused.Code);
        Assert.Equal(2, othersSend.Code);
        await Eventually.HoldsAsync(
            async () => await Portal.QueryAsync(db => db.Messages.AnyAsync(m => m.AccountId == account.Id && m.Status == MessageStatus.Failed)),
            "the refused message fails");
        await using (var db = await Portal.Service<IDbContextFactory<SmsPortal.Infrastructure.Persistence.SmsPortalDbContext>>().CreateDbContextAsync())
        {
            var signature = new Signature { AccountId = account.Id, Text = "星河物流", State = ReviewState.Rejected, RejectionReason = "没有商标证明", CreatedAt = DateTimeOffset.UtcNow };
            db.Signatures.Add(signature);
            db.MessageTemplates.Add(new MessageTemplate { AccountId = account.Id, Text = "您的包裹${code}已到达", Kind = TemplateKind.Notification, State = ReviewState.Pending, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            db.ReviewAuditEntries.Add(new ReviewAuditEntry
            {
                At = DateTimeOffset.UtcNow, ReviewerId = "admin", ReviewerName = "Reviewer Wang", ItemKind = ReviewItemKind.Signature, ItemId = signature.Id,
                AccountId = account.Id, Subject = "星河物流", Decision = ReviewDecision.Rejected, Reason = "没有商标证明",
            });
            db.ReviewAuditEntries.Add(new ReviewAuditEntry
            {
                At = DateTimeOffset.UtcNow, ReviewerId = "admin", ReviewerName = "Reviewer Li", ItemKind = ReviewItemKind.Signature, ItemId = 1,
                AccountId = other.Id, Subject = "别人的签名", Decision = ReviewDecision.Approved,
            });
            await db.SaveChangesAsync();
        }

        var balance = await Portal.Service<AccountService>().GetBalanceAsync(account.Id, CancellationToken.None);
        await using var context = NewContext();
        var page = Render(context, account.Id);

        Assert.Equal(account.ApiId, page.Find("[data-testid=profile-api-id]").TextContent);
        Assert.Equal("Active", page.Find("[data-testid=profile-status]").TextContent.Trim());
        Assert.Equal(balance.ToString("N0", CultureInfo.CurrentCulture), page.Find("[data-testid=balance-value]").TextContent);
        Assert.Contains("Company verified", page.Find("[data-testid=profile]").TextContent, StringComparison.Ordinal);

        // Sends: the account's own, with the upstream's reason; not the other account's.
        page.WaitForAssertion(() => Assert.Equal("Refused upstream: ESME_RSUBMITFAIL", page.Find($"[data-testid=reason-{refused.SmsId}]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll($"[data-testid=reason-{othersSend.SmsId}]"));
        Assert.Empty(page.FindAll("[data-testid=export]"));

        OpenTab(page, "Ledger");
        page.WaitForAssertion(() => Assert.Contains("test top-up", page.Find("[data-testid=ledger-grid]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=ledger-export]"));

        OpenTab(page, "Signatures and templates");
        page.WaitForAssertion(() => Assert.Contains("您的包裹${code}已到达", page.Find("[data-testid=templates]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var signatures = page.Find("[data-testid=signatures]").TextContent;
        Assert.Contains("星河物流", signatures, StringComparison.Ordinal);
        Assert.Contains("没有商标证明", signatures, StringComparison.Ordinal);

        OpenTab(page, "Review decisions");
        page.WaitForAssertion(() => Assert.Contains("Reviewer Wang", page.Find("[data-testid=audit]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("Reviewer Li", page.Find("[data-testid=audit]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminRevokesAKeyShownMaskedAndTheVendorApiRefusesItFromThen()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 5, verified: true, paid: true);
        await using var context = NewContext();
        var dialogs = context.Context.Render<MudDialogProvider>();
        var page = Render(context, account.Id);
        OpenTab(page, "API keys");

        var masked = page.Find("[data-testid=key-masked]").TextContent.Trim();
        Assert.DoesNotContain(account.ApiKey, page.Markup, StringComparison.Ordinal);
        Assert.Contains('•', masked);
        var keyId = await Portal.QueryAsync(db => db.ApiKeys.Where(k => k.AccountId == account.Id).Select(k => k.Id).SingleAsync());

        // The click's handler waits for the answer to its question: answer it, then let the click finish.
        var revoking = page.Find($"[data-testid=revoke-{keyId}]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains(masked, dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await revoking;

        page.WaitForAssertion(() => Assert.Equal("Revoked", page.Find("[data-testid=key-revoked]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.NotNull(await Portal.QueryAsync(db => db.ApiKeys.Where(k => k.Id == keyId).Select(k => k.RevokedAt).SingleAsync()));
        Assert.Null(await Portal.Service<AccountService>().FindByCredentialsAsync(account.ApiId, account.ApiKey, CancellationToken.None));
    }

    [Fact]
    public async Task FreezingAsksFirstThenTheAccountIsFrozenAndUnfreezingMakesItActive()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 5);
        await using var context = NewContext();
        var dialogs = context.Context.Render<MudDialogProvider>();
        var page = Render(context, account.Id);

        // The click's handler waits for the answer to its question: answer it, then let the click finish.
        var asking = page.Find("[data-testid=freeze]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("sends will be refused (4050)", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").ClickAsync(new());
        await asking;
        Assert.Equal(AccountStatus.Active, await StatusAsync(account.Id));

        var freezing = page.Find("[data-testid=freeze]").ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("sends will be refused (4050)", dialogs.Markup, StringComparison.Ordinal));
        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Freeze account").ClickAsync(new());
        await freezing;
        page.WaitForAssertion(() => Assert.Equal("Frozen", page.Find("[data-testid=profile-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal(AccountStatus.Frozen, await StatusAsync(account.Id));

        await page.Find("[data-testid=unfreeze]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find("[data-testid=profile-status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal(AccountStatus.Active, await StatusAsync(account.Id));
    }

    [Fact]
    public async Task AnUnknownAccountIsSaidToBeMissingAndThePageSpeaksChinese()
    {
        var account = await TestAccounts.CreateAsync(Portal, credits: 5);
        await using var context = NewContext();
        var missing = Render(context, int.MaxValue);
        missing.WaitForAssertion(() => Assert.Equal("There is no account with this id.", missing.Find("[data-testid=account-missing]").TextContent.Trim()));

        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var page = Render(context, account.Id);
        page.WaitForElement("[data-testid=profile]");
        Assert.Equal("全部账户", page.Find("[data-testid=back]").TextContent.Trim());
        Assert.Contains("企业未认证", page.Find("[data-testid=profile]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["发送记录", "账户流水", "API 密钥", "签名和模板", "审核记录"], page.FindAll(".mud-tab").Select(t => t.TextContent.Trim()));
    }

    private Task<AccountStatus> StatusAsync(int accountId) => Portal.QueryAsync(db => db.Accounts.Where(a => a.Id == accountId).Select(a => a.Status).SingleAsync());
}
