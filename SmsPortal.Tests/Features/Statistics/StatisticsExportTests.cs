using System.Net;
using System.Text;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;
using static SmsPortal.Tests.Features.Statistics.StatisticsWorld;

namespace SmsPortal.Tests.Features.Statistics;

/// <summary>GET /console/statistics/export and /admin/statistics/export through the real HTTP stack, signed in through the pages.</summary>
public sealed class StatisticsExportTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    private PortalFactory Portal => fixture.Portal;

    [Fact]
    public async Task ACustomerExportsItsOwnCarriersAsCsvThatExcelReads()
    {
        var (client, accountId) = await CustomerAsync();
        var other = await TestAccounts.CreateAsync(Portal);
        var day = new DateOnly(2025, 7, 1);
        await AddAsync(Portal, accountId,
            Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(day, 9)),
            Sent("13800138001", "【Acme】b", MessageStatus.Failed, DayAt(day, 9)),
            Sent("13012345678", "【Acme】c", MessageStatus.Delivered, DayAt(day, 9), parts: 3));
        await AddAsync(Portal, other.Id, Sent("13312345678", "【Other】d", MessageStatus.Delivered, DayAt(day, 9)));

        var response = await client.GetAsync("/console/statistics/export?by=carrier&from=2025-07-01&to=2025-07-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("sms-statistics-carrier-20250701-20250701.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        Assert.Equal(
            ["Carrier,Details,Sent,Delivered,Failed,Pending,Delivery rate,Parts charged,Charged abroad (CNY)", "China Mobile,,2,1,1,0,0.5000,2,0.00", "China Unicom,,1,1,0,0,1.0000,3,0.00"],
            Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task AChineseReaderGetsChineseHeadersAndNames()
    {
        var (client, accountId) = await CustomerAsync();
        await AddAsync(Portal, accountId, Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(new DateOnly(2025, 7, 2), 9)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/statistics/export?by=carrier&from=2025-07-02&to=2025-07-02");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dzh-CN%7Cuic%3Dzh-CN");

        var text = Encoding.UTF8.GetString(await (await client.SendAsync(request)).Content.ReadAsByteArrayAsync());

        Assert.Contains("运营商,说明,发送,成功,失败,待回执,成功率,计费条数,国际短信扣费（元）", text, StringComparison.Ordinal);
        Assert.Contains("中国移动,,1,1,0,0,1.0000,1,0.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ByCountryWithTheMoneyChargedAndDaysNamingTheZoneTheyAreCountedIn()
    {
        var (client, accountId) = await CustomerAsync();
        var day = new DateOnly(2025, 7, 3);
        var hk = Sent("852 91234567", "【Acme】code 1", MessageStatus.Delivered, DayAt(day, 9), parts: 2);
        (hk.Country, hk.PriceFen) = ("852", 70);
        var refunded = Sent("852 91234568", "【Acme】code 2", MessageStatus.Failed, DayAt(day, 10));
        (refunded.Country, refunded.PriceFen) = ("852", 35);
        await AddAsync(Portal, accountId, hk, refunded, Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(day, 11)));

        var countries = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/console/statistics/export?by=country&from=2025-07-03&to=2025-07-03"))[3..]);
        var days = Encoding.UTF8.GetString((await client.GetByteArrayAsync("/console/statistics/export?by=day&from=2025-07-03&to=2025-07-03"))[3..]);

        // A key starting with + is escaped as every CSV text that could be read as a formula ('+852 shows as +852).
        Assert.Equal(
            ["Country,Details,Sent,Delivered,Failed,Pending,Delivery rate,Parts charged,Charged abroad (CNY)", "\"'+852\",HK,2,1,1,0,0.5000,3,0.70", "\"'+86\",CN,1,1,0,0,1.0000,1,0.00"],
            countries.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Day (UTC+08:00),", days, StringComparison.Ordinal);
        Assert.Contains("2025-07-03,,3,2,1,0,0.6667,4,0.70", days, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("by=channel", "'channel' is no grouping here; use one of: day, template, signature, carrier, country.")]
    [InlineData("by=2", "'2' is no grouping here")]
    [InlineData("from=2025/07/01", "'from' must be a day written yyyy-MM-dd, not '2025/07/01'.")]
    [InlineData("from=2025-07-02&to=2025-07-01", "The last day comes before the first.")]
    [InlineData("from=2025-01-01&to=2025-12-31", "Choose at most 92 days.")]
    [InlineData("by=sideways&to=never", "'sideways' is no grouping here; use one of: day, template, signature, carrier, country. 'to' must be a day written yyyy-MM-dd, not 'never'.")]
    public async Task AQueryThatMeansNothingIsRefusedWithEveryReason(string query, string reason)
    {
        var (client, _) = await CustomerAsync();

        var response = await client.GetAsync("/console/statistics/export?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdminExportsOneAccountOrEveryAccountAndAnUnknownOneIsRefused()
    {
        var admin = await fixture.AdminAsync();
        var a = await TestAccounts.CreateAsync(Portal);
        var day = new DateOnly(2025, 8, 1);
        await AddAsync(Portal, a.Id, Sent("13800138000", "【Acme】a", MessageStatus.Delivered, DayAt(day, 9), channel: "up-a"));

        var one = await admin.GetStringAsync($"/admin/statistics/export?by=channel&from=2025-08-01&to=2025-08-01&account={a.ApiId}");
        var every = await admin.GetStringAsync("/admin/statistics/export?by=account&from=2025-08-01&to=2025-08-01");
        var unknown = await admin.GetAsync("/admin/statistics/export?account=NOSUCH1");

        Assert.Contains("up-a,,1,1,0,0,1.0000,1", one, StringComparison.Ordinal);
        Assert.Contains(a.ApiId + ",", every, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("No account has the API ID 'NOSUCH1'.", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerCannotReadTheAdminsExportAndNobodySignedInGetsTheSignInPage()
    {
        var (client, _) = await CustomerAsync();

        var customer = await client.GetAsync("/admin/statistics/export");
        var anonymous = await Portal.CreateBrowserLikeClient().GetAsync("/console/statistics/export");

        Assert.Equal(HttpStatusCode.Redirect, customer.StatusCode);
        Assert.Contains("/Account/AccessDenied", customer.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, int AccountId)> CustomerAsync()
    {
        var email = $"statistics-{Guid.NewGuid():N}@example.com";
        var client = await People.RegisteredCustomerAsync(Portal, email);
        var user = await People.FindAsync(Portal, email);
        return (client, user!.AccountId!.Value);
    }
}
