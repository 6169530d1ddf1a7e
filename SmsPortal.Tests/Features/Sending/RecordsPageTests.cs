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
