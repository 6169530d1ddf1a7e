using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using SmsPortal.Domain.Accounts;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>
/// Issue 12, finding 10: API IDs cannot be enumerated through the vendor API or REST, and guessing is slowed,
/// then refused for a cooling period (4053 on the vendor API, 429 with code 4053 on REST).
/// </summary>
public sealed class CredentialProbingTests : IAsyncLifetime
{
    private const string WrongKey = "wrongkey0123456789abcdef01234567";
    private const string NoAccount = "C99999999";
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _portal = default!;
    private VendorClient _api = default!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory { Clock = _clock };
        _portal.Settings["RateLimits:FailuresBeforeSlowDown"] = "3";
        _portal.Settings["RateLimits:SlowDownMilliseconds"] = "150";
        _portal.Settings["RateLimits:FailuresPerApiIdBeforeLockout"] = "4";
        _portal.Settings["RateLimits:FailuresPerAddressBeforeLockout"] = "6";
        _portal.Settings["RateLimits:LockoutSeconds"] = "300";
        _api = new VendorClient(_portal.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task AWrongApiIdAndAWrongKeyGetTheSameAnswerOnEveryCallAndDoor()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        var time = Now();
        var wrongHash = DynamicPassword.ForSubmit(account.ApiId, WrongKey, "13800138000", "1234", time);

        async Task<(int Plain, int Dynamic, int GetNum, (HttpStatusCode, int) OverRest)> ProbeAsync(string apiId, string ip) => (
            (await _api.SubmitAsync(apiId, WrongKey, "13800138000", "1234", "1", clientIp: ip)).Code,
            (await _api.SubmitAsync(apiId, wrongHash, "13800138000", "1234", "1", time: time, clientIp: ip)).Code,
            (await _api.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = apiId, ["password"] = wrongHash, ["time"] = time }, clientIp: ip)).Code,
            await RestBalanceAsync(apiId, WrongKey, ip));

        var existing = await ProbeAsync(account.ApiId, "198.51.100.1");
        var missing = await ProbeAsync(NoAccount, "198.51.100.2");

        Assert.Equal(existing, missing);
        Assert.Equal((405, 40502, 405, (HttpStatusCode.Unauthorized, 405)), missing);
    }

    [Fact]
    public async Task NothingAboutAnAccountShowsBeforeItsSecretIsProven()
    {
        var bound = await TestAccounts.CreateAsync(_portal);
        await TestAccounts.SetAsync(_portal, bound.Id, a => a.AllowedIps = "203.0.113.7");
        var frozen = await TestAccounts.CreateAsync(_portal);
        await TestAccounts.SetAsync(_portal, frozen.Id, a => a.Status = AccountStatus.Frozen);

        Assert.Equal(405, (await _api.SubmitAsync(bound.ApiId, WrongKey, "13800138000", "1234", "1", clientIp: "198.51.100.3")).Code);
        Assert.Equal(405, (await _api.SubmitAsync(frozen.ApiId, WrongKey, "13800138000", "1234", "1", clientIp: "198.51.100.4")).Code);
        Assert.Equal((HttpStatusCode.Unauthorized, 405), await RestBalanceAsync(bound.ApiId, WrongKey, "198.51.100.5"));

        // With the secret, the account's own rules still answer as the vendor does.
        Assert.Equal(4052, (await _api.SubmitAsync(bound.ApiId, bound.ApiKey, "13800138000", "1234", "1", clientIp: "198.51.100.3")).Code);
        Assert.Equal(4050, (await _api.SubmitAsync(frozen.ApiId, frozen.ApiKey, "13800138000", "1234", "1", clientIp: "198.51.100.4")).Code);
    }

    [Fact]
    public async Task RepeatedFailuresFromOneAddressSlowDownThenLockItOutForTheCoolingPeriod()
    {
        const string attacker = "198.51.100.66";
        var answers = new List<int>();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 6; i++)
        {
            // A different API ID each time: only the address ties these guesses together.
            var started = Stopwatch.GetTimestamp();
            answers.Add((await _api.SubmitAsync("G" + i.ToString("D8", CultureInfo.InvariantCulture), WrongKey, "13800138000", "1234", "1", clientIp: attacker)).Code);
            slowest = Stopwatch.GetElapsedTime(started);
        }

        Assert.All(answers, code => Assert.Equal(405, code));
        Assert.True(slowest >= TimeSpan.FromMilliseconds(3 * 150), $"the 6th failure was answered after {slowest.TotalMilliseconds} ms");

        // Locked: even the right key is refused from there, with the same code on every call; others get in.
        var locked = await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "13800138000", "1234", "1", clientIp: attacker);
        Assert.Equal((4053, "验证失败次数过多，请稍后再试", "0"), (locked.Code, locked.Msg, locked.SmsId));
        Assert.Equal(4053, (await _api.CallAsync("GetNum", new Dictionary<string, string> { ["account"] = PortalFactory.DemoApiId, ["password"] = PortalFactory.DemoApiKey }, json: true, clientIp: attacker)).Code);
        Assert.Equal((HttpStatusCode.TooManyRequests, 4053), await RestBalanceAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, attacker));
        Assert.Equal(2, (await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "13800138001", "1234", "1", clientIp: "198.51.100.67")).Code);

        _clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(2, (await _api.SubmitAsync(PortalFactory.DemoApiId, PortalFactory.DemoApiKey, "13800138002", "1234", "1", clientIp: attacker)).Code);
    }

    [Fact]
    public async Task GuessingOneApiIdsKeyFromManyAddressesLocksItButNotForAnAddressThatUsedItBefore()
    {
        var account = await TestAccounts.CreateAsync(_portal);
        const string owner = "203.0.113.10";
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, "13800138003", "1234", "1", clientIp: owner)).Code);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(405, (await _api.SubmitAsync(account.ApiId, WrongKey, "13800138000", "1234", "1", clientIp: $"192.0.2.{i + 1}")).Code);
        }

        // A fifth guesser, even with the right key, learns nothing more; the owner still sends.
        Assert.Equal(4053, (await _api.SubmitAsync(account.ApiId, account.ApiKey, "13800138004", "1234", "1", clientIp: "192.0.2.99")).Code);
        Assert.Equal((HttpStatusCode.TooManyRequests, 4053), await RestBalanceAsync(account.ApiId, account.ApiKey, "192.0.2.98"));
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, "13800138005", "1234", "1", clientIp: owner)).Code);

        // The same holds for an API ID that names no account: its answers are the same as for one that does.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(405, (await _api.SubmitAsync(NoAccount, WrongKey, "13800138000", "1234", "1", clientIp: $"192.0.2.{i + 11}")).Code);
        }

        Assert.Equal(4053, (await _api.SubmitAsync(NoAccount, WrongKey, "13800138000", "1234", "1", clientIp: "192.0.2.97")).Code);
    }

    private async Task<(HttpStatusCode Status, int Code)> RestBalanceAsync(string apiId, string apiKey, string ip)
    {
        using var client = _portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/balance");
        request.Headers.Add("X-Api-Id", apiId);
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add(TestClientAddress.Header, ip);
        using var response = await client.SendAsync(request);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.RetryAfter?.Delta);
        }

        return (response.StatusCode, problem.RootElement.GetProperty("code").GetInt32());
    }

    private string Now() => _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
