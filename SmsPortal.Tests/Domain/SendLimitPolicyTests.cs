using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class SendLimitPolicyTests
{
    private static readonly SendLimits Vendor = SendLimits.VendorDefaults;

    [Fact]
    public void AFirstMessageToANumberPasses()
    {
        Assert.Null(SendLimitPolicy.Check(Vendor, new NumberCounters(), isVerificationCode: true, accountSentToday: 0));
    }

    [Fact]
    public void ASecondMessageInTheSameSecondIs4080()
    {
        var rejection = SendLimitPolicy.Check(Vendor, new NumberCounters(SentThisSecond: 1, SentToday: 1), false, 1);

        Assert.Equal(ResultCode.PerSecondLimit, rejection?.Code);
        Assert.Equal("同一手机号码同一秒钟之内发送频率不能超过1条", rejection?.Message);
    }

    [Fact]
    public void AThirdIdenticalMessageInOneMinuteIs4080()
    {
        Assert.Null(SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 1, IdenticalThisMinute: 1, IdenticalToday: 1), false, 0));
        Assert.Equal(
            ResultCode.PerSecondLimit,
            SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 2, IdenticalThisMinute: 2, IdenticalToday: 2), false, 0)?.Code);
    }

    [Fact]
    public void ASixthVerificationCodeInADayIs4085()
    {
        Assert.Null(SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 4, VerificationCodesToday: 4), true, 0));

        var rejection = SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 5, VerificationCodesToday: 5), true, 0);

        Assert.Equal(ResultCode.VerificationCodesPerNumberPerDay, rejection?.Code);
        Assert.Equal("同一手机号验证码短信发送超出【5】条", rejection?.Message);
    }

    [Fact]
    public void ASixthMessageOfAnyKindInADayIs4082()
    {
        var rejection = SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 5, VerificationCodesToday: 2), false, 0);

        Assert.Equal(ResultCode.DailyLimitPerNumber, rejection?.Code);
        Assert.Equal("超出同一手机号一天之内【5】条短信限制", rejection?.Message);
    }

    [Fact]
    public void AVerificationCodeAfterFiveNotificationsIs4082()
    {
        Assert.Equal(
            ResultCode.DailyLimitPerNumber,
            SendLimitPolicy.Check(Vendor, new NumberCounters(SentToday: 5), true, 0)?.Code);
    }

    [Fact]
    public void IdenticalTextOverItsDailyLimitIs4082ShowingThatLimit()
    {
        var limits = Vendor with { MaxPerNumberPerDay = 100 };

        var rejection = SendLimitPolicy.Check(limits, new NumberCounters(SentToday: 20, IdenticalToday: 20), false, 0);

        Assert.Equal(ResultCode.DailyLimitPerNumber, rejection?.Code);
        Assert.Equal("超出同一手机号一天之内【20】条短信限制", rejection?.Message);
        Assert.Null(SendLimitPolicy.Check(limits, new NumberCounters(SentToday: 20, IdenticalToday: 19), false, 0));
    }

    [Fact]
    public void TightenedLimitsShowInTheMessages()
    {
        var limits = Vendor with { MaxVerificationCodesPerNumberPerDay = 3, MaxPerNumberPerDay = 4 };

        Assert.Equal("同一手机号验证码短信发送超出【3】条", SendLimitPolicy.Check(limits, new NumberCounters(SentToday: 3, VerificationCodesToday: 3), true, 0)?.Message);
        Assert.Equal("超出同一手机号一天之内【4】条短信限制", SendLimitPolicy.Check(limits, new NumberCounters(SentToday: 4), false, 0)?.Message);
    }

    [Fact]
    public void TheAccountsDailyCapIs4051WhenSet()
    {
        var limits = Vendor with { MaxPerAccountPerDay = 1000 };

        Assert.Null(SendLimitPolicy.Check(limits, new NumberCounters(), false, 999));
        Assert.Equal(ResultCode.InsufficientCredits, SendLimitPolicy.Check(limits, new NumberCounters(), false, 1000)?.Code);
        Assert.Null(SendLimitPolicy.Check(Vendor, new NumberCounters(), false, 1_000_000));
    }

    [Fact]
    public void TheAccountsCapIsAnsweredBeforeTheNumbersLimits()
    {
        var limits = Vendor with { MaxPerAccountPerDay = 10 };

        Assert.Equal(ResultCode.InsufficientCredits, SendLimitPolicy.Check(limits, new NumberCounters(SentThisSecond: 1), false, 10)?.Code);
    }

    [Fact]
    public void TheTwentiethOverLimitSendBlacklistsTheNumberWith408()
    {
        var nineteenth = SendLimitPolicy.Check(Vendor, new NumberCounters(SentThisSecond: 1, OverLimitRejections: 18), false, 0);
        var twentieth = SendLimitPolicy.Check(Vendor, new NumberCounters(SentThisSecond: 1, OverLimitRejections: 19), false, 0);

        Assert.Equal(ResultCode.PerSecondLimit, nineteenth?.Code);
        Assert.Equal(ResultCode.OverLimitBlacklisted, twentieth?.Code);
        Assert.Equal("发送超限（[20]条），已加入黑名单，可登入平台解除", twentieth?.Message);
    }

    [Fact]
    public void ABlacklistedNumberStays408EvenWithinItsLimits()
    {
        var rejection = SendLimitPolicy.Check(Vendor, new NumberCounters(OverLimitRejections: 20), false, 0);

        Assert.Equal(ResultCode.OverLimitBlacklisted, rejection?.Code);
    }

    [Fact]
    public void OverLimitSendsOnlyCountTowardTheBlacklistWhenALimitIsHit()
    {
        Assert.Null(SendLimitPolicy.Check(Vendor, new NumberCounters(OverLimitRejections: 19), false, 0));
    }

    [Fact]
    public void AStricterBlacklistThresholdShowsInTheMessage()
    {
        var limits = Vendor with { OverLimitSendsBeforeBlacklist = 5 };

        var rejection = SendLimitPolicy.Check(limits, new NumberCounters(SentToday: 5, OverLimitRejections: 4), false, 0);

        Assert.Equal("发送超限（[5]条），已加入黑名单，可登入平台解除", rejection?.Message);
    }

    [Fact]
    public void AnAcceptedMessageCountsEverywhereAndAsAVerificationCodeOnlyWhenItIsOne()
    {
        Assert.Equal(new CounterChanges(true, true, true, false, false), SendLimitPolicy.CountersToIncrement(ResultCode.Accepted, true));
        Assert.Equal(new CounterChanges(true, false, true, false, false), SendLimitPolicy.CountersToIncrement(ResultCode.Accepted, false));
    }

    [Theory]
    [InlineData(ResultCode.PerSecondLimit)]
    [InlineData(ResultCode.DailyLimitPerNumber)]
    [InlineData(ResultCode.VerificationCodesPerNumberPerDay)]
    public void APerNumberLimitRejectionCountsAsOverLimitOnly(ResultCode code)
    {
        Assert.Equal(CounterChanges.None with { OverLimit = true }, SendLimitPolicy.CountersToIncrement(code, true));
    }

    [Fact]
    public void A408AlsoPutsTheNumberOnTheBlacklist()
    {
        Assert.Equal(CounterChanges.None with { OverLimit = true, Blacklist = true }, SendLimitPolicy.CountersToIncrement(ResultCode.OverLimitBlacklisted, false));
    }

    [Theory]
    [InlineData(ResultCode.InsufficientCredits)]
    [InlineData(ResultCode.TemplateMismatch)]
    [InlineData(ResultCode.BadMobileFormat)]
    [InlineData(ResultCode.SensitiveWords)]
    [InlineData(ResultCode.Failed)]
    public void OtherRejectionsCountNothing(ResultCode code)
    {
        Assert.Equal(CounterChanges.None, SendLimitPolicy.CountersToIncrement(code, true));
    }

    [Fact]
    public void ThirtySendsInADayFollowTheVendorsRules()
    {
        // One number, verification codes minutes apart (so only the daily limits bite), counters kept as a caller keeps them.
        var counters = new NumberCounters();
        var answers = new List<ResultCode>();
        for (var i = 0; i < 30; i++)
        {
            var rejection = SendLimitPolicy.Check(Vendor, counters, isVerificationCode: true, accountSentToday: counters.SentToday);
            var code = rejection?.Code ?? ResultCode.Accepted;
            answers.Add(code);
            var changes = SendLimitPolicy.CountersToIncrement(code, isVerificationCode: true);
            counters = counters with
            {
                SentToday = counters.SentToday + (changes.Sent ? 1 : 0),
                VerificationCodesToday = counters.VerificationCodesToday + (changes.VerificationCode ? 1 : 0),
                IdenticalToday = counters.IdenticalToday + (changes.Identical ? 1 : 0),
                OverLimitRejections = counters.OverLimitRejections + (changes.OverLimit ? 1 : 0),
            };
        }

        Assert.Equal(Enumerable.Repeat(ResultCode.Accepted, 5), answers.Take(5));
        Assert.Equal(Enumerable.Repeat(ResultCode.VerificationCodesPerNumberPerDay, 19), answers.Skip(5).Take(19));
        Assert.Equal(Enumerable.Repeat(ResultCode.OverLimitBlacklisted, 6), answers.Skip(24));
    }
}
