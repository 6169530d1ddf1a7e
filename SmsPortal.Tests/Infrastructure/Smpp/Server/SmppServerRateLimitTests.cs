using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Infrastructure.Channels.Smpp.Protocol;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

/// <summary>
/// Issue 12, finding 5 on the SMPP door: RateLimits hold per account over all its binds and per client address, as on
/// the HTTP doors; beyond them a submit_sm is answered ESME_RTHROTTLED and nothing is stored or charged.
/// </summary>
public sealed class SmppServerRateLimitTests : IAsyncLifetime
{
    private const int PerSecond = 5;
    private const int PerBind = 30;
    private const string Text = "Your code is 1, valid for 5 minutes.";
    private RatedPortal? _portal;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoBindsOfOneAccountAreHeldTogetherToTheAccountsRateWhileAnotherAccountKeepsItsOwn()
    {
        var portal = await StartAsync(perAccount: PerSecond, perAddress: 0);
        var busy = await SendingAccountAsync(portal);
        var other = await SendingAccountAsync(portal);
        await using var first = await BindAsync(portal, busy, "127.0.0.2");
        await using var second = await BindAsync(portal, busy, "127.0.0.3");
        await using var third = await BindAsync(portal, other, "127.0.0.4");

        var watch = Stopwatch.StartNew();
        var flood = Task.WhenAll(SubmitManyAsync(first, 136, PerBind), SubmitManyAsync(second, 137, PerBind));
        var polite = await SubmitManyAsync(third, 135, PerSecond);
        var busyAnswers = (await flood).SelectMany(a => a).ToList();

        Assert.All(polite, s => Assert.Equal(SmppStatus.Ok, s));
        await AssertHeldAsync(portal, busyAnswers, watch.Elapsed, busy.Id);
        Assert.Equal(PerSecond, await portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == other.Id)));
    }

    [Fact]
    public async Task OneAddressIsHeldToItsRateOverAllItsAccountsWhileAnotherAddressKeepsItsOwn()
    {
        var portal = await StartAsync(perAccount: 0, perAddress: PerSecond);
        var one = await SendingAccountAsync(portal);
        var two = await SendingAccountAsync(portal);
        var elsewhere = await SendingAccountAsync(portal);
        await using var first = await BindAsync(portal, one, "127.0.0.5");
        await using var second = await BindAsync(portal, two, "127.0.0.5");
        await using var third = await BindAsync(portal, elsewhere, "127.0.0.6");

        var watch = Stopwatch.StartNew();
        var flood = Task.WhenAll(SubmitManyAsync(first, 136, PerBind), SubmitManyAsync(second, 137, PerBind));
        var polite = await SubmitManyAsync(third, 135, PerSecond);
        var answers = await flood;

        Assert.All(polite, s => Assert.Equal(SmppStatus.Ok, s));
        await AssertHeldAsync(portal, [.. answers.SelectMany(a => a)], watch.Elapsed, one.Id, two.Id);
    }

    /// <summary>
    /// A second's worth at once, a second's worth waiting, then a second's worth each second: of 60 sent together only
    /// those pass, the rest get ESME_RTHROTTLED and leave no message and no charge.
    /// </summary>
    private static async Task AssertHeldAsync(RatedPortal portal, IReadOnlyList<uint> answers, TimeSpan elapsed, params int[] accountIds)
    {
        Assert.All(answers, s => Assert.Contains(s, new[] { SmppStatus.Ok, SmppStatus.Throttled }));
        var accepted = answers.Count(s => s == SmppStatus.Ok);
        var allowed = PerSecond * (2 + (int)Math.Ceiling(elapsed.TotalSeconds));
        Assert.True(accepted >= PerSecond && accepted <= allowed, $"{accepted} of {answers.Count} accepted in {elapsed.TotalSeconds:0.0} s, at most {allowed} allowed");
        Assert.Equal(accepted, await portal.QueryAsync(db => db.Messages.CountAsync(m => accountIds.Contains(m.AccountId))));
        var balances = 0L;
        foreach (var id in accountIds)
        {
            balances += await portal.Portal.CheckedBalanceAsync(id);
        }

        Assert.Equal((1000L * accountIds.Length) - accepted, balances);
    }

    private async Task<RatedPortal> StartAsync(int perAccount, int perAddress)
    {
        _portal = new RatedPortal(perAccount, perAddress);
        await _portal.InitializeAsync();
        return _portal;
    }

    private static Task<TestAccounts.Made> SendingAccountAsync(RatedPortal portal) => TestAccounts.CreateAsync(portal.Portal, 1000, verified: true, paid: true, signatures: ["Acme"],
        templates: [("code", "Your code is 【code】, valid for 5 minutes.", TemplateKind.VerificationCode)]);

    private static async Task<TestEsme> BindAsync(RatedPortal portal, TestAccounts.Made account, string from)
    {
        var esme = await portal.ConnectAsync(from: from);
        Assert.Equal(SmppStatus.Ok, await esme.BindAsync(SmppCommand.BindTransmitter, account.ApiId, account.ApiKey));
        return esme;
    }

    private static async Task<uint[]> SubmitManyAsync(TestEsme esme, int prefix, int count)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            esme.SubmitAsync(prefix.ToString(CultureInfo.InvariantCulture) + (10_000_001 + i).ToString(CultureInfo.InvariantCulture), Text, registeredDelivery: 0)));
        Assert.All(results, r => Assert.Equal(SmppRequestOutcome.Answered, r.Outcome));
        return [.. results.Select(r => r.Response!.Status)];
    }

    /// <summary>The SMPP door with the RateLimits under test and its own per-account cap out of the way.</summary>
    private sealed class RatedPortal(int perAccount, int perAddress) : SmppServerPortal
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["RateLimits:PerAccountPerSecond"] = perAccount.ToString(CultureInfo.InvariantCulture);
            settings["RateLimits:PerAddressPerSecond"] = perAddress.ToString(CultureInfo.InvariantCulture);
            settings["Smpp:MaxPerSecondPerAccount"] = "100000";
        }
    }
}
