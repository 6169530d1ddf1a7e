using System.Net;
using Bunit;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Channels;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Replies;

namespace SmsPortal.Tests.Features.Replies;

/// <summary>The replies pages on a real portal: the customer's grid (paging, filters, live rows), the admins' view, and the CSV exports.</summary>
public sealed class RepliesPageTests(PortalFixture fixture) : IClassFixture<PortalFixture>, IAsyncLifetime
{
    // Generous: the machine's two cores are shared with browser journeys and other classes.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ConsolePageContext _page = default!;
    private TestAccounts.Made _account = default!;

    public async Task InitializeAsync()
    {
        _account = await TestAccounts.CreateAsync(fixture.Portal);
        _page = new ConsolePageContext(_account.Id, fixture.Portal.Service<ReplyRecords>(), fixture.Portal.Service<ReplyInbox>(),
            fixture.Portal.Service<SmsPortal.Infrastructure.Resellers.ResellerAdministration>());
    }

    public async Task DisposeAsync() => await _page.DisposeAsync();

    [Fact]
    public async Task TheGridPagesAndFiltersByNumberContentAndDate()
    {
        var message = await SendAsync(_account.Id, "13800138100");
        for (var i = 0; i < 24; i++)
        {
            await AddReplyAsync(_account.Id, message, $"1380013{8200 + i}", $"reply {i}", DateTimeOffset.UtcNow.AddMinutes(-i));
        }

        await AddReplyAsync(_account.Id, message, "13800138100", "TD", DateTimeOffset.UtcNow.AddDays(-3), optOut: true);
        var other = await TestAccounts.CreateAsync(fixture.Portal);
        await AddReplyAsync(other.Id, null, "13800138100", "someone else's", DateTimeOffset.UtcNow);

        var page = _page.Render<RepliesPage>("[data-testid=replies-grid]");

        page.WaitForAssertion(() => Assert.Equal(20, Rows(page).Count), Wait);
        Assert.Contains("1–20 of 25", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("someone else's", page.Markup, StringComparison.Ordinal);
        Assert.Contains(message.SmsId, page.Markup, StringComparison.Ordinal);

        Filter(page, "filter-mobile", "13800138100");
        page.WaitForAssertion(() => Assert.Single(Rows(page)), Wait);
        Assert.Equal("Opt-out", page.Find("[data-testid=opt-out]").TextContent.Trim());

        Filter(page, "filter-mobile", "");
        Filter(page, "filter-content", "reply 1");
        // reply 1, reply 10..19
        page.WaitForAssertion(() => Assert.Equal(11, Rows(page).Count), Wait);

        // Days of the platform's calendar, both included (the picker hands the grid these dates).
        var records = fixture.Portal.Service<ReplyRecords>();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(records.DayOffset).DateTime);
        Assert.Equal(24, (await records.SearchAsync(ReplyScope.Of(_account.Id), new ReplyFilter(today.AddDays(-1), today), 0, 50, CancellationToken.None)).Total);
        Assert.Equal("TD", Assert.Single((await records.SearchAsync(ReplyScope.Of(_account.Id), new ReplyFilter(today.AddDays(-3), today.AddDays(-3)), 0, 50, CancellationToken.None)).Rows).Content);
    }

    [Fact]
    public async Task AReplyAppearsWithoutTheGridBeingAskedAgainAndAnotherAccountsDoesNot()
    {
        var message = await SendAsync(_account.Id, "13800138300");
        var page = _page.Render<RepliesPage>("[data-testid=replies-grid]");
        page.WaitForAssertion(() => Assert.Contains("No replies match.", page.Markup, StringComparison.Ordinal), Wait);

        var stored = await fixture.Portal.Service<ReplyInbox>().StoreAsync("simulator", new InboundReply("8613800138300", "106900", "好的，明天到", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);

        page.WaitForAssertion(() => Assert.Equal("好的，明天到", page.Find($"[data-testid=reply-{stored.Id}]").TextContent), Wait);
        Assert.Contains(message.SmsId, page.Markup, StringComparison.Ordinal);

        var other = await TestAccounts.CreateAsync(fixture.Portal);
        await SendAsync(other.Id, "13800138301");
        await ConsolePageContext.WaitUntilQuietAsync(page, TimeSpan.FromMilliseconds(700), Wait);
        var renders = page.RenderCount;
        await fixture.Portal.Service<ReplyInbox>().StoreAsync("simulator", new InboundReply("13800138301", "106900", "not yours", DateTimeOffset.UtcNow, "raw"), CancellationToken.None);
        await Task.Delay(600);
        Assert.Equal(renders, page.RenderCount);
    }

    [Fact]
    public async Task TheExportsStreamTheAccountsRepliesToItsOwnerAndEveryReplyToTheAdmins()
    {
        var email = $"replies-{Guid.NewGuid():N}@example.com";
        var customer = await People.RegisteredCustomerAsync(fixture.Portal, email);
        var accountId = (await People.FindAsync(fixture.Portal, email))!.AccountId!.Value;
        var message = await SendAsync(accountId, "13800138400");
        await AddReplyAsync(accountId, message, "13800138400", "=HYPERLINK(\"x\")", DateTimeOffset.UtcNow);
        await AddReplyAsync(_account.Id, null, "13800138401", "for another account", DateTimeOffset.UtcNow);
        await AddReplyAsync(null, null, "13800138402", "nobody wrote to me", DateTimeOffset.UtcNow);

        var mine = await customer.GetAsync("/console/replies/export");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("text/csv", mine.Content.Headers.ContentType!.MediaType);
        var lines = (await mine.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Received (UTC+08:00),Mobile,Content,Answers smsid,Opt-out", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains($"13800138400,\"'=HYPERLINK(\"\"x\"\")\",{message.SmsId},", row, StringComparison.Ordinal);

        var admin = await fixture.AdminAsync();
        var all = await (await admin.GetAsync("/admin/replies/export?unmatched=true")).Content.ReadAsStringAsync();
        Assert.Contains("nobody wrote to me", all, StringComparison.Ordinal);
        Assert.DoesNotContain("for another account", all, StringComparison.Ordinal);
        Assert.Contains("API ID,Account,Channel", all, StringComparison.Ordinal);

        var refused = await customer.GetAsync("/admin/replies/export");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var anonymous = await fixture.Portal.CreateBrowserLikeClient().GetAsync("/console/replies/export");
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await customer.GetAsync("/console/replies/export?from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task TheAdminsSeeUnmatchedRepliesWithTheAccountColumn()
    {
        var message = await SendAsync(_account.Id, "13800138500");
        await AddReplyAsync(_account.Id, message, "13800138500", "matched one", DateTimeOffset.UtcNow);
        await AddReplyAsync(null, null, "13800138501", "unmatched one", DateTimeOffset.UtcNow);

        var grid = _page.Render<AdminRepliesPage>("[data-testid=replies-grid]");
        Filter(grid, "filter-mobile", "1380013850");

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count), Wait);
        Assert.Contains(_account.ApiId, grid.Markup, StringComparison.Ordinal);
        Assert.Equal("Unmatched", grid.Find("[data-testid=unmatched]").TextContent.Trim());
    }

    /// <summary>Types into a debounced filter and leaves it, as a person does (leaving applies it at once).</summary>
    private static void Filter<T>(IRenderedComponent<T> page, string testId, string value) where T : Microsoft.AspNetCore.Components.IComponent
    {
        page.Find($"input[data-testid={testId}]").Input(value);
        page.Find($"input[data-testid={testId}]").Blur();
    }

    private static IReadOnlyList<AngleSharp.Dom.IElement> Rows<T>(IRenderedComponent<T> page) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.FindAll("[data-testid=replies-grid] tbody tr.mud-table-row");

    private async Task<Message> SendAsync(int accountId, string mobile)
    {
        var message = new Message
        {
            AccountId = accountId,
            Mobile = mobile,
            Text = "【SmsPortal】您的验证码是：1234。",
            Status = MessageStatus.Delivered,
            AcceptedAt = DateTimeOffset.UtcNow,
            Parts = 1,
            Door = SubmissionDoor.Console,
            Channel = "simulator",
        };
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private async Task AddReplyAsync(int? accountId, Message? answers, string mobile, string content, DateTimeOffset at, bool optOut = false)
    {
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        db.Replies.Add(new Reply { AccountId = accountId, MessageId = answers?.Id, Mobile = mobile, To = "106900", Content = content, Channel = "simulator", ReceivedAt = at, IsOptOut = optOut });
        await db.SaveChangesAsync();
    }
}
