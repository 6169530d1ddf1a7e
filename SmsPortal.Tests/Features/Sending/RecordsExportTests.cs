using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>GET /console/records/export through the real HTTP stack, signed in as a customer through the pages.</summary>
public sealed class RecordsExportTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task ExportsTheFilteredRowsOfTheSignedInAccountOnlyAsCsvThatExcelReads()
    {
        var (client, accountId) = await CustomerAsync();
        var other = await TestAccounts.CreateAsync(Portal);
        await AddAsync(accountId,
            Sent("13800138001", "【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。", MessageStatus.Delivered, 1),
            Sent("13800138002", "=HYPERLINK(\"http://evil\"),\"quoted\"", MessageStatus.Delivered, null),
            Sent("13800138003", "【SmsPortal】您的验证码是：9999。请不要把验证码泄露给其他人。", MessageStatus.Failed, 1));
        await AddAsync(other.Id, Sent("13900139000", "another account's", MessageStatus.Delivered, null));

        var response = await client.GetAsync("/console/records/export?status=Delivered");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("sms-records-", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("smsid,Number,Message,SMS,Status,Sent at (UTC+08:00),Status at (UTC+08:00),Sent through,Country,Price (CNY)", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",13800138002,\"'=HYPERLINK(\"\"http://evil\"\"),\"\"quoted\"\"\",1,Delivered,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",13800138001,【SmsPortal】您的验证码是：1234。请不要把验证码泄露给其他人。,1,Delivered,", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("13900139000", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMaskingAccountExportsMaskedTextWithChineseHeadersForAChineseReader()
    {
        var (client, accountId) = await CustomerAsync();
        await AddAsync(accountId, Sent("13800138001", "【SmsPortal】您的验证码是：5678。请不要把验证码泄露给其他人。", MessageStatus.Delivered, 1));
        await TestAccounts.SetAsync(Portal, accountId, a => a.MaskRecords = true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/records/export?from=2000-01-01&mobile=0138");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");

        var response = await client.SendAsync(request);

        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("smsid,手机号码,短信内容,计费条数,状态,发送时间 (UTC+08:00),状态时间 (UTC+08:00),发送方式", text, StringComparison.Ordinal);
        Assert.Contains("【SmsPortal】您的验证码是：****。请不要把验证码泄露给其他人。,1,发送成功,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=Sideways", "'Sideways' is not a status")]
    [InlineData("status=2", "'2' is not a status")]
    [InlineData("from=18/11/2026", "'18/11/2026' is not a date for 'from'")]
    public async Task AFilterThatMeansNothingIsRefusedWithTheReason(string query, string reason)
    {
        var (client, _) = await CustomerAsync();

        var response = await client.GetAsync("/console/records/export?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NobodySignedInGetsTheSignInPage()
    {
        var response = await Portal.CreateBrowserLikeClient().GetAsync("/console/records/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, int AccountId)> CustomerAsync()
    {
        var email = $"export-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email);
        var user = await People.FindAsync(Portal, email);
        return (client, user!.AccountId!.Value);
    }

    private static Message Sent(string mobile, string text, MessageStatus status, int? templateId) => new()
    {
        Mobile = mobile,
        Text = text,
        Status = status,
        AcceptedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        DoneAt = DateTimeOffset.UtcNow,
        TemplateId = templateId,
        Parts = 1,
        Door = SubmissionDoor.Console,
    };

    private async Task AddAsync(int accountId, params Message[] messages)
    {
        await using var db = await Portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        foreach (var message in messages)
        {
            message.AccountId = accountId;
            db.Messages.Add(message);
        }

        await db.SaveChangesAsync();
    }
}
