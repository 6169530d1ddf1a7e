using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// The records grid's own filters and pager (native elements in MudBlazor's markup, decision 0037), on the portal's real
/// services: pages read after the last one's id, each filter, the page size, and texts shown as texts.
/// </summary>
public sealed class RecordsGridTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private const string Rows = "[data-testid=records-grid] tbody tr.mud-table-row";

    [Fact]
    public async Task ThePagerTurnsPagesForwardBackAndToTheLastAndThePageSizeChangesThemAll()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal);
        var smsIds = await AddAsync(account.Id, Enumerable.Range(0, 45).Select(i => ($"1390013{i:D4}", MessageStatus.Delivered, "text " + i, 0)).ToArray());
        await using var context = Context(account.Id);
        var page = context.Render<RecordsPage>(Rows);

        page.WaitForAssertion(() => Assert.Equal("1–20 of 45", Info(page)));
        Assert.Equal(20, page.FindAll(Rows).Count);
        Assert.Contains(smsIds[44], page.FindAll(Rows)[0].TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=pager-previous]").HasAttribute("disabled"));

        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("21–40 of 45", Info(page)));
        Assert.Contains(smsIds[24], page.FindAll(Rows)[0].TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("41–45 of 45", Info(page)));
        Assert.Equal(5, page.FindAll(Rows).Count);
        Assert.True(page.Find("[data-testid=pager-next]").HasAttribute("disabled"));
        Assert.True(page.Find("[data-testid=pager-last]").HasAttribute("disabled"));

        page.Find("[data-testid=pager-previous]").Click();
        page.WaitForAssertion(() => Assert.Equal("21–40 of 45", Info(page)));
        page.Find("[data-testid=pager-first]").Click();
        page.WaitForAssertion(() => Assert.Equal("1–20 of 45", Info(page)));
        page.Find("[data-testid=pager-last]").Click();
        page.WaitForAssertion(() => Assert.Equal("41–45 of 45", Info(page)));
        Assert.Contains(smsIds[0], page.FindAll(Rows)[^1].TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=pager-size]").Change("50");
        page.WaitForAssertion(() => Assert.Equal("1–45 of 45", Info(page)));
        Assert.Equal(45, page.FindAll(Rows).Count);

        // Not a size offered: nothing changes.
        page.Find("[data-testid=pager-size]").Change("100000");
        await Task.Delay(200);
        Assert.Equal(45, page.FindAll(Rows).Count);
    }

    [Fact]
    public async Task EachFilterNarrowsTheRowsAndStartsFromTheFirstPage()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal);
        var rows = Enumerable.Range(0, 30).Select(i => ($"1370013{i:D4}", i % 3 == 0 ? MessageStatus.Failed : MessageStatus.Delivered, i == 7 ? "your parcel is here" : "code " + i, i < 5 ? 3 : 0)).ToArray();
        await AddAsync(account.Id, rows);
        await using var context = Context(account.Id);
        var page = context.Render<RecordsPage>(Rows);
        page.WaitForAssertion(() => Assert.Equal("1–20 of 30", Info(page)));
        page.Find("[data-testid=pager-next]").Click();
        page.WaitForAssertion(() => Assert.Equal("21–30 of 30", Info(page)));

        page.Find("[data-testid=filter-status]").Change(nameof(RecordStatus.Failed));
        page.WaitForAssertion(() => Assert.Equal("1–10 of 10", Info(page)));
        Assert.All(page.FindAll(Rows), r => Assert.Contains("Failed", r.TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=filter-status]").Change("NotAStatus");
        await Task.Delay(200);
        Assert.Equal("1–10 of 10", Info(page));
        page.Find("[data-testid=filter-status]").Change(nameof(RecordStatus.Any));
        page.WaitForAssertion(() => Assert.Equal("1–20 of 30", Info(page)));

        // Typing: the search is read once the typing stops, and the clear button empties it.
        page.Find("[data-testid=filter-mobile]").Input("1370013001");
        page.WaitForAssertion(() => Assert.Equal("1–10 of 10", Info(page)));
        page.Find("[data-testid=clear-mobile]").Click();
        page.WaitForAssertion(() => Assert.Equal("1–20 of 30", Info(page)));
        Assert.Empty(page.FindAll("[data-testid=clear-mobile]"));

        page.Find("[data-testid=filter-content]").Input("parcel");
        page.WaitForAssertion(() => Assert.Single(page.FindAll(Rows)));
        Assert.Contains("your parcel is here", page.Find(Rows).TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=clear-content]").Click();
        page.WaitForAssertion(() => Assert.Equal("1–20 of 30", Info(page)));

        // Dates in the reader's zone: the five rows of three days ago (the oldest), then nothing before it.
        var threeDaysAgo = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(-3), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).ToString("yyyy-MM-dd");
        page.Find("[data-testid=filter-from]").Change(threeDaysAgo);
        page.Find("[data-testid=filter-to]").Change(threeDaysAgo);
        page.WaitForAssertion(() => Assert.Equal("1–5 of 5", Info(page)));
        Assert.Contains($"from={threeDaysAgo}", Uri.UnescapeDataString(page.Find("[data-testid=export]").GetAttribute("href")!), StringComparison.Ordinal);
        page.Find("[data-testid=filter-to]").Change("2020-01-01");
        page.WaitForAssertion(() => Assert.Contains("No messages match these filters.", page.Find("[data-testid=records-grid] tbody").TextContent, StringComparison.Ordinal));
        Assert.Equal("", Info(page));
        page.Find("[data-testid=filter-to]").Change("not a date");
        await Task.Delay(200);
        Assert.Equal("", Info(page));
        page.Find("[data-testid=filter-to]").Change("");
        page.WaitForAssertion(() => Assert.Equal("1–20 of 30", Info(page)));
    }

    [Fact]
    public async Task AMessagesTextIsShownAsTextNotAsMarkup()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal);
        var smsId = (await AddAsync(account.Id, ("13600136000", MessageStatus.Delivered, "【Shop】<img src=x onerror=alert(1)> & \"quotes\"", 0)))[0];
        await using var context = Context(account.Id);
        var page = context.Render<RecordsPage>(Rows);

        var cell = page.Find(Rows).QuerySelector("td.sp-record-text")!;
        Assert.Equal("【Shop】<img src=x onerror=alert(1)> & \"quotes\"", cell.TextContent);
        Assert.Empty(page.FindAll("[data-testid=records-grid] img"));
        Assert.Equal("Details of " + smsId, page.Find($"[data-testid=detail-{smsId}]").GetAttribute("aria-label"));
    }

    private ConsolePageContext Context(int accountId) =>
        new(accountId, fixture.Portal.Service<MessageRecords>(), fixture.Portal.Service<ReceiptProcessor>());

    private static string Info<T>(IRenderedComponent<T> page) where T : Microsoft.AspNetCore.Components.IComponent =>
        page.Find("[data-testid=pager-info]").TextContent;

    /// <summary>Stores the messages oldest first (a second apart, or <c>daysAgo</c> days back) and returns their smsids.</summary>
    private async Task<string[]> AddAsync(int accountId, params (string Mobile, MessageStatus Status, string Text, int DaysAgo)[] rows)
    {
        var now = DateTimeOffset.UtcNow;
        var messages = rows.Select((r, i) => new Message
        {
            AccountId = accountId,
            Mobile = r.Mobile,
            Text = r.Text,
            Status = r.Status,
            AcceptedAt = r.DaysAgo > 0 ? now.AddDays(-r.DaysAgo) : now.AddSeconds(i - rows.Length),
            DoneAt = now,
            UpstreamStatus = r.Status == MessageStatus.Failed ? "UNDELIV" : null,
            TemplateId = 1,
            Parts = 1,
            Door = SubmissionDoor.Console,
        }).ToList();
        await using var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.SmsId).ToArray();
    }
}
