using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Tests.Support;

namespace SmsPortal.Tests.Features.Sending;

/// <summary>The per-number and per-account limits, with the portal's clock moved by hand.</summary>
public sealed class SendLimitTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, 500, TimeSpan.Zero));
    private readonly PortalFactory _portal = new();
    private VendorClient _api = default!;
    private TestAccounts.Made _account = default!;

    public async Task InitializeAsync()
    {
        _portal.Clock = _clock;
        _api = new VendorClient(_portal.CreateClient());
        _account = await TestAccounts.CreateAsync(_portal, credits: 10_000, verified: true, paid: true, signatures: ["快递通"],
            templates: [("note", "您的包裹【code】已到站。", TemplateKind.Notification)]);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task ASecondMessageToANumberWithinOneSecondIs4080()
    {
        var mobile = Mobile();

        var first = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "1111", "1");
        var second = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "2222", "1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var third = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "3333", "1");

        Assert.Equal(2, first.Code);
        Assert.Equal(4080, second.Code);
        Assert.Equal("同一手机号码同一秒钟之内发送频率不能超过1条", second.Msg);
        Assert.Equal(2, third.Code);
    }

    [Fact]
    public async Task TheSixthVerificationCodeOfTheDayIs4085AndTheSixthNoticeIs4082()
    {
        var codes = Mobile();
        var notices = Mobile();
        var answers = new List<int>();
        var noticeAnswers = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await _api.SubmitAsync(_account.ApiId, _account.ApiKey, codes, $"{1000 + i}", "1")).Code);
            noticeAnswers.Add((await _api.SubmitAsync(_account.ApiId, _account.ApiKey, notices, $"A{i}", _account.Templates["note"].ToString(System.Globalization.CultureInfo.InvariantCulture))).Code);
            _clock.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal([2, 2, 2, 2, 2, 4085], answers);
        Assert.Equal([2, 2, 2, 2, 2, 4082], noticeAnswers);
        var last = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, notices, "A9", _account.Templates["note"].ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("超出同一手机号一天之内【5】条短信限制", last.Msg);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, (await _api.SubmitAsync(_account.ApiId, _account.ApiKey, codes, "7777", "1")).Code);
    }

    [Fact]
    public async Task TwentyOverLimitSendsBlacklistTheNumberWith408()
    {
        var mobile = Mobile();
        Assert.Equal(2, (await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "1000", "1")).Code);
        var codes = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            codes.Add((await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, $"{2000 + i}", "1")).Code);
        }

        Assert.All(codes.Take(19), c => Assert.Equal(4080, c));
        Assert.Equal(408, codes[^1]);
        _clock.Advance(TimeSpan.FromDays(2));
        var after = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "3000", "1");
        Assert.Equal(408, after.Code);
        Assert.Equal("发送超限（[20]条），已加入黑名单，可登入平台解除", after.Msg);
        await using var db = await _portal.Service<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync();
        var entry = await db.BlockedNumbers.SingleAsync(b => b.AccountId == _account.Id && b.Mobile == mobile && b.Reason == BlockReason.OverLimit);

        // Released by the customer: the number sends again, and its count of over-limit sends starts from zero.
        Assert.Equal(SmsPortal.Infrastructure.Review.ReleaseOutcome.Released, await _portal.Service<SmsPortal.Infrastructure.Review.Blacklist>().ReleaseAsync(_account.Id, entry.Id, CancellationToken.None));
        _portal.Service<SmsPortal.Infrastructure.Sending.SendingProfiles>().ForgetAll();
        Assert.Equal(2, (await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "4000", "1")).Code);
        Assert.Equal(4080, (await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "4001", "1")).Code);
    }

    [Fact]
    public async Task AnAccountsOwnTighterLimitShowsInTheMessage()
    {
        await TestAccounts.SetAsync(_portal, _account.Id, a => a.Limits.MaxPerNumberPerDay = 2);
        var mobile = Mobile();
        var template = _account.Templates["note"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(2, (await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, $"B{i}", template)).Code);
            _clock.Advance(TimeSpan.FromSeconds(2));
        }

        var third = await _api.SubmitAsync(_account.ApiId, _account.ApiKey, mobile, "B3", template);

        Assert.Equal(4082, third.Code);
        Assert.Equal("超出同一手机号一天之内【2】条短信限制", third.Msg);
        await TestAccounts.SetAsync(_portal, _account.Id, a => a.Limits.MaxPerNumberPerDay = null);
    }

    private static string Mobile() => SmsPortal.Tests.Support.Numbers.Deliverable("137");
}
