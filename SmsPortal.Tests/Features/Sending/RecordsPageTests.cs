using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Identity;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The records page rendered by bUnit on the portal's real services: statistics, the grid, and rows that change when a receipt is applied.</summary>
public sealed class RecordsPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    private ConsolePageContext _page = default!;
    private TestAccounts.Made _account = default!;

    public async Task InitializeAsync()
    {
        _account = await TestAccounts.CreateAsync(fixture.Portal);
        _page = new ConsolePageContext(_account.Id, fixture.Portal.Service<MessageRecords>(), fixture.Portal.Service<ReceiptProcessor>());
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    private IRenderedComponent<RecordsPage> Render() => _page.Render<RecordsPage>();

    [Fact]
    public async Task ARowTurnsDeliveredWhenItsReceiptIsAppliedWithoutTheGridBeingAskedAgain()
    {
        var message = await AddAsync("13800138001", MessageStatus.Submitted);
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("Sent to carrier", page.Find($"[data-testid=status-{message.SmsId}]").TextContent.Trim()));
        Assert.Equal("0", page.Find("[data-testid=stat-Today-delivered]").TextContent);

        await using (var db = await Contexts().CreateDbContextAsync())
        {
            var stored = await db.Messages.SingleAsync(m => m.Id == message.Id);
            stored.Status = MessageStatus.Delivered;
            stored.DoneAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            fixture.Portal.Service<ReceiptProcessor>().Announce(stored.AccountId, stored.Id);
        }

        page.WaitForAssertion(() => Assert.Equal("Delivered", page.Find($"[data-testid=status-{message.SmsId}]").TextContent.Trim()), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=stat-Today-delivered]").TextContent));
        Assert.Equal("1", page.Find("[data-testid=stat-Today-sent]").TextContent);
    }

    [Fact]
    public async Task AnotherAccountsReceiptLeavesThePageAlone()
    {
        await AddAsync("13800138002", MessageStatus.Delivered);
        var page = Render();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=records-grid] tbody tr.mud-table-row")));
        await ConsolePageContext.WaitUntilQuietAsync(page, TimeSpan.FromMilliseconds(700), TimeSpan.FromSeconds(10));
        var renders = page.RenderCount;

        var other = await TestAccounts.CreateAsync(fixture.Portal);
        fixture.Portal.Service<ReceiptProcessor>().Announce(other.Id, 1);
        await Task.Delay(600);

        Assert.Equal(renders, page.RenderCount);
    }

    [Fact]
    public async Task FailedRowsShowTheUpstreamsReasonAndTheDrawerShowsEverythingStoredAboutTheMessage()
    {
        await using var receiver = new PushReceiver();
        var account = await TestAccounts.CreateAsync(fixture.Portal, verified: true, paid: true);
        await TestAccounts.SetAsync(fixture.Portal, account.Id, a => a.ReceiptPushUrl = receiver.Url);
        var api = new VendorClient(fixture.Portal.CreateClient());
        // The simulator refuses numbers ending 9999 (ESME_RSUBMITFAIL) and reports UNDELIV err:001 for those ending 0000.
        var refused = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800139999", "1234", "1");
        var undelivered = await api.SubmitAsync(account.ApiId, account.ApiKey, "13800130000", "1234", "1");
        Assert.Equal(2, refused.Code);
        Assert.Equal(2, undelivered.Code);
        var id = Message.IdOfSmsId(undelivered.SmsId)!.Value;
        await Eventually.HoldsAsync(
            async () => await fixture.Portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id && m.Status == MessageStatus.Failed)) == 2
                && await fixture.Portal.QueryAsync(db => db.PushOutbox.AnyAsync(p => p.MessageId == id && p.State == SmsPortal.Domain.Pushes.PushState.Delivered)),
            "both messages fail and the receipt of the undelivered one is pushed");

        await using var page = new ConsolePageContext(account.Id, fixture.Portal.Service<MessageRecords>(), fixture.Portal.Service<ReceiptProcessor>());
        var rendered = page.Render<RecordsPage>($"[data-testid=reason-{undelivered.SmsId}]");
        rendered.WaitForAssertion(() =>
        {
            Assert.Equal("Refused upstream: ESME_RSUBMITFAIL", rendered.Find($"[data-testid=reason-{refused.SmsId}]").TextContent.Trim());
            Assert.Equal("Not delivered: UNDELIV, error 001", rendered.Find($"[data-testid=reason-{undelivered.SmsId}]").TextContent.Trim());
        });
        Assert.Contains("Sent at (UTC+08:00)", rendered.Find("[data-testid=records-grid] thead").TextContent);

        rendered.Find($"[data-testid=detail-{undelivered.SmsId}]").Click();
        rendered.WaitForAssertion(() => Assert.Equal(undelivered.SmsId, rendered.Find("[data-testid=detail-smsid]").TextContent));
        Assert.Equal("simulator", rendered.Find("[data-testid=detail-channel]").TextContent);
        Assert.Equal("SIM" + id, rendered.Find("[data-testid=detail-upstream-id]").TextContent);
        Assert.Contains("stat:UNDELIV err:001", rendered.Find("[data-testid=detail-upstream]").TextContent);
        var times = rendered.Find("[data-testid=detail-times]").TextContent;
        foreach (var step in new[] { "Accepted", "Handed to the carrier", "1 SMS reserved from the balance", "1 SMS refunded", "Final status: Failed", "Receipt push to your address written", "Push answered success" })
        {
            Assert.Contains(step, times);
        }

        Assert.Contains("What happened (UTC+08:00)", rendered.Find("[data-testid=record-detail]").TextContent);
        Assert.Equal("success", rendered.Find("[data-testid=detail-push-answer]").TextContent);
    }

    private Func<IDbContextFactory<SmsPortalDbContext>> Contexts => () => fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>();

    private async Task<Message> AddAsync(string mobile, MessageStatus status)
    {
        var message = new Message
        {
            AccountId = _account.Id,
            Mobile = mobile,
            Text = "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。",
            Status = status,
            AcceptedAt = DateTimeOffset.UtcNow,
            TemplateId = 1,
            Parts = 1,
            Door = SubmissionDoor.Console,
        };
        await using var db = await Contexts().CreateDbContextAsync();
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }
}
