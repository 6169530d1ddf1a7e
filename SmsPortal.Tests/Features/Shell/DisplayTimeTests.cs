using System.Net;
using System.Security.Claims;
using AngleSharp.Html.Parser;
using Bunit;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Dispatch;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Records;
using SmsPortal.Tests.Support;
using SmsPortal.Web.Features.Localization;
using SmsPortal.Web.Features.Sending;

namespace SmsPortal.Tests.Features.Shell;

/// <summary>One display time zone: the platform's (China time) unless the person chose another on their profile, shown beside every time.</summary>
public sealed class DisplayTimeTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task APersonsChosenZoneIsUsedOnTheConsoleAndAnUnknownOneIsRefusedWithoutChangingIt()
    {
        var customer = await People.RegisteredCustomerAsync(fixture.Portal, $"zone-{Guid.NewGuid():N}@example.com");
        Assert.Matches(CreatedAt("08:00"), await TextAsync(customer, "/console/settings"));
        Assert.Contains("Platform default: China (Beijing) (UTC+08:00)", await TextAsync(customer, "/Account/Manage"), StringComparison.Ordinal);

        var saved = await Forms.SubmitAsync(customer, "/Account/Manage", "time-zone", new Dictionary<string, string> { ["ZoneInput.Zone"] = "Asia/Tokyo" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Your time zone has been saved.", await TextAsync(customer, "/Account/Manage"), StringComparison.Ordinal);
        Assert.Matches(CreatedAt("09:00"), await TextAsync(customer, "/console/settings"));
        var profile = new HtmlParser().ParseDocument(await customer.GetStringAsync("/Account/Manage"));
        Assert.Equal("Asia/Tokyo", profile.QuerySelector("[data-testid=time-zone] option[selected]")?.GetAttribute("value"));

        var refused = await Forms.SubmitAsync(customer, "/Account/Manage", "time-zone", new Dictionary<string, string> { ["ZoneInput.Zone"] = "Mars/Olympus" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("Choose one of the listed time zones.", await TextAsync(customer, "/Account/Manage"), StringComparison.Ordinal);
        Assert.Matches(CreatedAt("09:00"), await TextAsync(customer, "/console/settings"));
    }

    [Fact]
    public async Task TheRecordsPageShowsItsTimesInThePersonsZoneWithItsLabel()
    {
        var account = await TestAccounts.CreateAsync(fixture.Portal);
        var accepted = new DateTimeOffset(2026, 12, 1, 23, 30, 5, TimeSpan.Zero);
        await using (var db = await fixture.Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync())
        {
            db.Messages.Add(new Message { AccountId = account.Id, Mobile = "13800138003", Text = "【SmsPortal】您的验证码是：1234。", Parts = 1, AcceptedAt = accepted, Status = MessageStatus.Submitted, Door = SubmissionDoor.Console });
            await db.SaveChangesAsync();
        }

        await using var page = new ConsolePageContext(account.Id, fixture.Portal.Service<MessageRecords>(), fixture.Portal.Service<ReceiptProcessor>());
        page.AddClaims(new Claim(DisplayTime.ClaimType, "Asia/Tokyo"));
        var rendered = page.Render<RecordsPage>("[data-testid=records-grid] tbody tr.mud-table-row");
        rendered.WaitForAssertion(() => Assert.Contains("Sent at (UTC+09:00)", rendered.Find("[data-testid=records-grid] thead").TextContent, StringComparison.Ordinal));
        var cell = rendered.Find("[data-testid=records-grid] tbody tr.mud-table-row td").TextContent;
        Assert.Contains("2026-12-02", cell, StringComparison.Ordinal);
        Assert.Contains("08:30:05", cell, StringComparison.Ordinal);
    }

    private static async Task<string> TextAsync(HttpClient client, string url) => await Forms.TextOfAsync(await client.GetAsync(url));

    // The account's creation time on the settings page, rendered on the server, with its zone.
    private static Regex CreatedAt(string offset) => new($@"\d{{4}}-\d\d-\d\d \d\d:\d\d UTC\+{Regex.Escape(offset)}");
}
