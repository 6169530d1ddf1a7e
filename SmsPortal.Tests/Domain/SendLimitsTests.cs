using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class SendLimitsTests
{
    [Fact]
    public void TheDefaultsAreTheVendors()
    {
        var limits = SendLimits.VendorDefaults;

        Assert.Equal(300, limits.MaxContentLength);
        Assert.Equal(8, limits.MaxVariableLength);
        Assert.Equal(1, limits.MaxPerNumberPerSecond);
        Assert.Equal(5, limits.MaxPerNumberPerDay);
        Assert.Equal(5, limits.MaxVerificationCodesPerNumberPerDay);
        Assert.Equal(2, limits.MaxIdenticalPerNumberPerMinute);
        Assert.Equal(20, limits.MaxIdenticalPerNumberPerDay);
        Assert.Equal(20, limits.OverLimitSendsBeforeBlacklist);
        Assert.Null(limits.MaxPerAccountPerDay);
        Assert.Empty(limits.Problems());
    }

    [Fact]
    public void AnAccountCanTightenButNotLoosenThePlatformsLimits()
    {
        var platform = SendLimits.VendorDefaults with { MaxPerNumberPerDay = 50 };
        var account = SendLimits.VendorDefaults with { MaxPerNumberPerDay = 10, MaxVariableLength = 20, MaxVerificationCodesPerNumberPerDay = 3 };

        var inForce = platform.TightenedBy(account);

        Assert.Equal(10, inForce.MaxPerNumberPerDay);
        Assert.Equal(8, inForce.MaxVariableLength);
        Assert.Equal(3, inForce.MaxVerificationCodesPerNumberPerDay);
        Assert.Equal(20, inForce.MaxIdenticalPerNumberPerDay);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(1000, null, 1000)]
    [InlineData(null, 200, 200)]
    [InlineData(1000, 200, 200)]
    [InlineData(100, 200, 100)]
    public void TheAccountDailyCapInForceIsTheSmallerOfTheTwoThatAreSet(int? platformCap, int? accountCap, int? expected)
    {
        var platform = SendLimits.VendorDefaults with { MaxPerAccountPerDay = platformCap };
        var account = SendLimits.VendorDefaults with { MaxPerAccountPerDay = accountCap };

        Assert.Equal(expected, platform.TightenedBy(account).MaxPerAccountPerDay);
    }

    [Fact]
    public void LimitsBelowOneAreReportedAsProblems()
    {
        var limits = SendLimits.VendorDefaults with { MaxPerNumberPerSecond = 0, MaxPerAccountPerDay = -1 };

        var problems = limits.Problems();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains(nameof(SendLimits.MaxPerNumberPerSecond), StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(nameof(SendLimits.MaxPerAccountPerDay), StringComparison.Ordinal));
    }
}
