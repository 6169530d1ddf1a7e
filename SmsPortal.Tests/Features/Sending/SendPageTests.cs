using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Accounts;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The send page rendered by bUnit on the portal's real services: the counter, the preview, and sending through the submission service.</summary>
public sealed class SendPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private const string DefaultTemplateAfterCode = "。请不要把验证码泄露给其他人。";

    private ConsolePageContext _page = default!;
    private TestAccounts.Made _account = default!;

    public async Task InitializeAsync()
    {
        _account = await TestAccounts.CreateAsync(fixture.Portal, credits: 100);
        _page = new ConsolePageContext(_account.Id, fixture.Portal.Service<AccountService>(), fixture.Portal.Service<SendingProfiles>(), fixture.Portal.Service<SubmissionService>(), fixture.Portal.Service<SendBatches>());
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private IRenderedComponent<SendPage> Render() => _page.Render<SendPage>("[data-testid=send]");

    [Fact]
    public void ThePreviewAndTheCounterFollowTheVariableAndTheNumbersAsTheyAreTyped()
    {
        var page = Render();
        Assert.Equal("【SmsPortal】您的验证码是：【变量】" + DefaultTemplateAfterCode, page.Find("[data-testid=preview]").TextContent);
        Assert.True(page.Find("[data-testid=send]").HasAttribute("disabled"));

        page.Find("[data-testid=variable-0]").Input("123456");
        page.Find("[data-testid=numbers]").Input("13800138000\n13800138001, 13800138002\nabc\n13800138000");

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=cost]").TextContent));
        Assert.Equal("【SmsPortal】您的验证码是：123456" + DefaultTemplateAfterCode, page.Find("[data-testid=preview]").TextContent);
        Assert.Equal("39", page.Find("[data-testid=characters]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=parts]").TextContent);
        Assert.Equal("3 numbers", page.Find("[data-testid=number-count]").TextContent.Trim());
        Assert.Equal("1 duplicate merged", page.Find("[data-testid=duplicates]").TextContent.Trim());
        Assert.Contains("abc · entry 4 · 手机号码格式不正确", page.Find("[data-testid=bad-numbers]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Send to 3 numbers", page.Find("[data-testid=send]").TextContent.Trim());
        Assert.False(page.Find("[data-testid=send]").HasAttribute("disabled"));
    }

    [Fact]
    public void ALongTextIsCountedSixtySevenCharactersAPartAndTimesTheNumbers()
    {
        var page = Render();

        // 11 (signature) + 7 + 50 + 15 = 83 characters: two parts of at most 67.
        page.Find("[data-testid=variable-0]").Input(new string('码', 50));
        page.Find("[data-testid=numbers]").Input("13800138000,13800138001,13800138002");

        page.WaitForAssertion(() => Assert.Equal("6", page.Find("[data-testid=cost]").TextContent));
        Assert.Equal("83", page.Find("[data-testid=characters]").TextContent);
        Assert.Equal("2", page.Find("[data-testid=parts]").TextContent);
        Assert.Contains("2 × 3 numbers = 6", page.Find("[data-testid=counter-rule]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingSubmitsEveryNumberThroughTheSubmissionServiceAndShowsEachAnswer()
    {
        var page = Render();
        page.Find("[data-testid=variable-0]").Input("2468");
        page.Find("[data-testid=numbers]").Input("13800138100\n13800138101");
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=cost]").TextContent));

        // Found and clicked in one turn of the renderer: the page re-renders as the balance and the preview refresh.
        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());
        page.WaitForElement("[data-testid=confirm-send]");
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-send]").Click());

        page.WaitForAssertion(() => Assert.Equal("2 of 2 submitted", page.Find("[data-testid=progress-text]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("2 accepted", page.Find("[data-testid=accepted-count]").TextContent.Trim());
        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=result-table] tbody tr");
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Contains("提交成功", r.TextContent, StringComparison.Ordinal));
        });
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var sent = await db.Messages.Where(m => m.AccountId == _account.Id).OrderBy(m => m.Mobile).ToListAsync();
        Assert.Equal(["13800138100", "13800138101"], sent.Select(m => m.Mobile));
        Assert.All(sent, m => Assert.Equal(SubmissionDoor.Console, m.Door));
        Assert.All(sent, m => Assert.Equal("【SmsPortal】您的验证码是：2468" + DefaultTemplateAfterCode, m.Text));
        page.WaitForAssertion(() => Assert.Equal("98", page.Find("[data-testid=balance]").TextContent));
    }

    [Fact]
    public async Task WhatTheServiceRefusesIsCountedByCodeWithTheVendorsMessage()
    {
        var page = Render();
        page.Find("[data-testid=variable-0]").Input("123456789");
        page.Find("[data-testid=numbers]").Input("13800138200,13800138201");
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=cost]").TextContent));

        // Found and clicked in one turn of the renderer: the page re-renders as the balance and the preview refresh.
        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());
        page.WaitForElement("[data-testid=confirm-send]");
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-send]").Click());

        // The message is checked once, before the batch is made: refused whole, nothing stored or charged.
        page.WaitForAssertion(() => Assert.Equal("Not sent: 40722 · 变量内容超过指定的长度【8】", page.Find("[data-testid=send-refused]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=results]"));
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Messages.AnyAsync(m => m.AccountId == _account.Id));
        Assert.False(await db.SendBatches.AnyAsync(b => b.AccountId == _account.Id));
    }

    [Fact]
    public async Task MoreThanOneNumberFirstShowsTheCostAndTheBalanceAfterAndSendsOnlyOnceConfirmed()
    {
        var page = Render();
        page.Find("[data-testid=variable-0]").Input("8642");
        page.Find("[data-testid=numbers]").Input("13800138500\n13800138501\n13800138502");
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=cost]").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());

        page.WaitForElement("[data-testid=confirm]");
        Assert.Equal("3", page.Find("[data-testid=confirm-numbers]").TextContent);
        Assert.Equal("1", page.Find("[data-testid=confirm-parts]").TextContent);
        Assert.Equal("3", page.Find("[data-testid=confirm-cost]").TextContent);
        Assert.Equal("100", page.Find("[data-testid=confirm-balance]").TextContent);
        Assert.Equal("97", page.Find("[data-testid=confirm-balance-after]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=confirm-short]"));
        Assert.StartsWith("Starts at once", page.Find("[data-testid=confirm-when]").TextContent.Trim(), StringComparison.Ordinal);
        await using (var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.SendBatches.AnyAsync(b => b.AccountId == _account.Id));
        }

        await page.InvokeAsync(() => page.Find("[data-testid=confirm-back]").Click());
        Assert.Empty(page.FindAll("[data-testid=confirm]"));
        // Found and clicked in one turn of the renderer: the page re-renders as the balance and the preview refresh.
        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());
        page.WaitForElement("[data-testid=confirm-send]");
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-send]").Click());

        page.WaitForAssertion(() => Assert.Equal("3 of 3 submitted", page.Find("[data-testid=progress-text]").TextContent), TimeSpan.FromSeconds(30));
        page.WaitForAssertion(() => Assert.Equal("97", page.Find("[data-testid=balance]").TextContent));
        await using var after = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var batch = await after.SendBatches.SingleAsync(b => b.AccountId == _account.Id);
        Assert.Equal(SubmissionDoor.Console, batch.Door);
        Assert.Equal("owner@example.com", batch.CreatedBy);
        Assert.Equal(3, await after.Messages.CountAsync(m => m.AccountId == _account.Id && m.Door == SubmissionDoor.Console));
    }

    [Fact]
    public async Task TheConfirmationWarnsWhatTheBalanceDoesNotCoverAndAScheduledSendWaitsForItsTime()
    {
        var poor = await TestAccounts.CreateAsync(fixture.Portal, credits: 1);
        await using var context = new ConsolePageContext(poor.Id, fixture.Portal.Service<AccountService>(), fixture.Portal.Service<SendingProfiles>(), fixture.Portal.Service<SubmissionService>(), fixture.Portal.Service<SendBatches>());
        var page = context.Render<SendPage>("[data-testid=send]");
        page.Find("[data-testid=variable-0]").Input("2468");
        page.Find("[data-testid=numbers]").Input("13800138600,13800138601,13800138602");
        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=cost]").TextContent));
        var china = TimeSpan.FromHours(8);
        var at = DateTimeOffset.UtcNow.AddDays(1).ToOffset(china);
        page.Find("[data-testid=schedule]").Change(at.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());

        page.WaitForElement("[data-testid=confirm]");
        Assert.Equal("0", page.Find("[data-testid=confirm-balance-after]").TextContent);
        Assert.Contains("the 2 numbers beyond it will be refused with 4051", page.Find("[data-testid=confirm-short]").TextContent, StringComparison.Ordinal);
        Assert.Contains(at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC+08:00", page.Find("[data-testid=confirm-when]").TextContent, StringComparison.Ordinal);
        await page.InvokeAsync(() => page.Find("[data-testid=confirm-send]").Click());

        page.WaitForAssertion(() => Assert.Contains("will start at", page.Find("[data-testid=batch-note]").TextContent, StringComparison.Ordinal));
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var batch = await db.SendBatches.SingleAsync(b => b.AccountId == poor.Id);
        Assert.Equal(SendBatchState.Scheduled, batch.State);
        Assert.Equal(new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, china), batch.ScheduledAt);
        Assert.False(await db.Messages.AnyAsync(m => m.AccountId == poor.Id));
    }

    [Fact]
    public async Task OneNumberIsSentAtOnceWithoutAConfirmation()
    {
        var page = Render();
        page.Find("[data-testid=variable-0]").Input("1357");
        page.Find("[data-testid=numbers]").Input("13800138700");
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=cost]").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=send]").Click());

        page.WaitForAssertion(() => Assert.Equal("1 accepted", page.Find("[data-testid=accepted-count]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=confirm]"));
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.SendBatches.AnyAsync(b => b.AccountId == _account.Id));
        Assert.Equal(1, await db.Messages.CountAsync(m => m.AccountId == _account.Id));
    }

    [Fact]
    public void AnUploadedCsvAddsItsNumbersAndReportsItsBadRows()
    {
        var page = Render();

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("手机号码,姓名\n13800138300,张三\n1380013,李四\n13800138301,王五\n", "customers.csv"));

        page.WaitForAssertion(() => Assert.Equal("2 numbers", page.Find("[data-testid=number-count]").TextContent.Trim()));
        Assert.Contains("customers.csv · 2 numbers", page.Find("[data-testid=csv-file]").TextContent, StringComparison.Ordinal);
        Assert.Contains("1380013 · file row 3 · 手机号码格式不正确", page.Find("[data-testid=bad-numbers]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("顺丰速运", "SF1234", false)]
    [InlineData("快递通", "SF1234", true)]
    [InlineData("快递通", "A|B", false)]
    public async Task WhatTheFormComposesIsAcceptedByTheServiceUnderTheChosenSignature(string signature, string code, bool byTemplateId)
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal, credits: 10, verified: true, paid: true, signatures: ["快递通", "顺丰速运"],
            templates: [("parcel", "您的包裹【code】已到站。", SmsPortal.Domain.Review.TemplateKind.Notification)]);
        var profile = (await fixture.Portal.Service<SendingProfiles>().FindByAccountIdAsync(account.Id, CancellationToken.None))!;
        var submissions = fixture.Portal.Service<SubmissionService>();
        var id = account.Templates["parcel"];
        var message = new ConsoleMessage(id, profile.TemplatesById[id].Template, signature, [code]);

        var (content, templateId) = message.ForSubmission(submissions.DefaultSignature(profile));
        var result = await submissions.SubmitAsAsync(profile, SubmissionDoor.Console, "13800138400", content, templateId, null, CancellationToken.None);

        Assert.Equal(byTemplateId, templateId is not null);
        Assert.Equal(ResultCode.Accepted, result.Code);
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var sent = await db.Messages.SingleAsync(m => m.AccountId == account.Id);
        Assert.Equal($"【{signature}】您的包裹{code}已到站。", sent.Text);
        Assert.Equal(message.Text, sent.Text);
        Assert.Equal(id, sent.TemplateId);
    }

    [Fact]
    public void ThePageSpeaksChineseAndKeepsTheVendorsTexts()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var page = Render();

        page.Find("[data-testid=numbers]").Input("13800138000\nabc");

        page.WaitForAssertion(() => Assert.Equal("1 个号码", page.Find("[data-testid=number-count]").TextContent.Trim()));
        Assert.Contains("abc · 第 2 项 · 手机号码格式不正确", page.Find("[data-testid=bad-numbers]").TextContent, StringComparison.Ordinal);
        Assert.Contains("发送给 1 个号码", page.Markup, StringComparison.Ordinal);
    }
}
