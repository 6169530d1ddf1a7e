using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>Issue 12, finding 11: a dynamic password lets one request in; the same one again inside its window is refused.</summary>
public sealed class DynamicPasswordReplayTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private PortalFactory _portal = default!;
    private VendorClient _api = default!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory { Clock = _clock };
        _api = new VendorClient(_portal.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ADynamicPasswordSubmitsOnceAndItsReplayIsAWrongPassword()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        var time = Now();
        var hash = DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138010", "1234", time);

        var first = await _api.SubmitAsync(account.ApiId, hash, "13800138010", "1234", "1", time: time);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var replay = await _api.SubmitAsync(account.ApiId, hash, "13800138010", "1234", "1", time: time, clientIp: "198.51.100.20");
        var upper = await _api.SubmitAsync(account.ApiId, hash.ToUpperInvariant(), "13800138010", "1234", "1", time: time, json: true);

        Assert.Equal(2, first.Code);
        Assert.Equal((40502, "动态密码校验失败", "0"), (replay.Code, replay.Msg, replay.SmsId));
        Assert.Equal(40502, upper.Code);
        Assert.Equal(1, await _portal.QueryAsync(db => db.Messages.CountAsync(m => m.AccountId == account.Id)));

        // A new time is a new password; the plain key is not a dynamic password and is never used up.
        var later = Now();
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138010", "1234", later), "13800138010", "1234", "1", time: later)).Code);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, account.ApiKey, "13800138010", "4321", "1", time: later)).Code);
    }

    [Fact]
    public async Task AGetNumDynamicPasswordAnswersOnceAndItsReplayIs405()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 7);
        var time = Now();
        var parameters = new Dictionary<string, string> { ["account"] = account.ApiId, ["password"] = DynamicPassword.ForGetNum(account.ApiId, account.ApiKey, time), ["time"] = time };

        var first = await _api.CallAsync("GetNum", parameters);
        var replay = await _api.CallAsync("GetNum", parameters, json: true);

        Assert.Equal((2, "7"), (first.Code, first.Num));
        Assert.Equal((405, "0"), (replay.Code, replay.Num));
    }

    [Fact]
    public async Task UsedPasswordsAreForgottenOnceTheirWindowHasClosed()
    {
        var account = await TestAccounts.CreateAsync(_portal, credits: 10);
        var time = Now();
        var hash = DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138011", "1234", time);
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, hash, "13800138011", "1234", "1", time: time)).Code);
        Assert.Equal(1, await _portal.QueryAsync(db => db.UsedDynamicPasswords.CountAsync()));

        // Past the window the old hash is expired (40501, as before), and the next use clears what has expired.
        _clock.Advance(TimeSpan.FromSeconds(400));
        Assert.Equal(40501, (await _api.SubmitAsync(account.ApiId, hash, "13800138011", "1234", "1", time: time)).Code);
        var now = Now();
        Assert.Equal(2, (await _api.SubmitAsync(account.ApiId, DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138012", "1234", now), "13800138012", "1234", "1", time: now)).Code);

        var left = await _portal.QueryAsync(db => db.UsedDynamicPasswords.Select(u => u.Password).ToListAsync());
        Assert.Equal([DynamicPassword.ForSubmit(account.ApiId, account.ApiKey, "13800138012", "1234", now)], left);
    }

    private string Now() => _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
