using System.Net;
using SmsPortal.Tests.Features.Verify;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Abuse;

/// <summary>The per-range velocity limit (Abuse:PerRange) through the REST door: one account into one range stops at the limit (4084) and pays nothing for it.</summary>
public sealed class RangeVelocityTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync()
    {
        _portal.Settings["Abuse:PerRange:Limit"] = "5";
        _portal.Settings["Abuse:PerRange:WindowSeconds"] = "600";
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task OneAccountIntoOneRangeStopsAtTheLimitWhileOtherRangesAndOtherAccountsGoOn()
    {
        var busy = await TestAccounts.CreateAsync(_portal, credits: 100);
        var other = await TestAccounts.CreateAsync(_portal, credits: 100);
        var range = "1398" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var answers = new List<HttpResponseMessage>();
        for (var i = 1; i <= 6; i++)
        {
            answers.Add(await SendAsync(busy, range + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
        }

        var anotherRange = await SendAsync(busy, "1399" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "0001");
        var anotherAccount = await SendAsync(other, range + "0009");

        Assert.All(answers.Take(5), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[5].StatusCode);
        Assert.Equal(4084, await VerifyRestClient.CodeOfProblemAsync(answers[5]));
        Assert.Equal(HttpStatusCode.Accepted, anotherRange.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, anotherAccount.StatusCode);
        Assert.Equal(100 - 6, await _portal.CheckedBalanceAsync(busy.Id));
    }

    private Task<HttpResponseMessage> SendAsync(TestAccounts.Made account, string mobile) => VerifyRestClient.SendSmsAsync(_portal, account, mobile);
}
