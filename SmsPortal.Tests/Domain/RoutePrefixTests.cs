using SmsPortal.Domain.Channels;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class RoutePrefixTests
{
    [Theory]
    [InlineData("+", "+", true)]
    [InlineData("+852", "852 ", true)]
    [InlineData(" +852 9 ", "852 9", true)]
    [InlineData("8529", "852 9", true)]
    [InlineData("+1", "1 ", true)]
    [InlineData("1", "1", true)]
    [InlineData("+86", "86 ", false)]
    [InlineData("+999", "999 ", false)]
    [InlineData("+852 9x", "852 9x", false)]
    public void APrefixIsReadAsNumbersAreStored(string typed, string stored, bool valid)
    {
        Assert.Equal((stored, valid), RoutePrefix.Normalise(typed));
    }

    [Theory]
    [InlineData(null, "13800138000", true)]
    [InlineData(null, "852 91234567", false)]
    [InlineData("+", "852 91234567", true)]
    [InlineData("+", "13800138000", false)]
    [InlineData("1", "13800138000", true)]
    [InlineData("1", "1 2025550123", false)]
    [InlineData("1 ", "1 2025550123", true)]
    [InlineData("1 ", "13800138000", false)]
    [InlineData("852 ", "852 91234567", true)]
    [InlineData("852 9", "852 61234567", false)]
    [InlineData("852", "852 91234567", true)]   // stored before prefixes abroad took their space
    public void ANumberAbroadTakesOnlyAPrefixAbroadAndAMainlandNumberOnlyAMainlandOne(string? prefix, string mobile, bool takes)
    {
        Assert.Equal(takes, RoutePrefix.Takes(prefix, mobile));
        Assert.Equal(takes, new Route { Channel = "c", Prefix = prefix }.Matches(1, mobile, Carrier.Unknown));
    }
}
