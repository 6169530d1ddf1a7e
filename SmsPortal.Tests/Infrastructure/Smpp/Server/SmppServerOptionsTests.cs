using Microsoft.Extensions.Configuration;
using SmsPortal.Infrastructure;
using SmsPortal.Infrastructure.Channels.Smpp.Server;

namespace SmsPortal.Tests.Infrastructure.Smpp.Server;

public sealed class SmppServerOptionsTests
{
    private static SmppServerOptions Read(params (string Key, string Value)[] settings) =>
        SmppServerOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.GroupBy(s => s.Key).Select(g => new KeyValuePair<string, string?>("Smpp:" + g.Key, g.Last().Value)))
            .Build().GetSection("Smpp"));

    [Fact]
    public void TheServerIsOffUnlessAPortIsSet()
    {
        Assert.False(Read().Enabled);
        Assert.True(Read(("Port", "0")).Enabled);
        Assert.Equal(2775, Read(("Port", "2775")).Port);
    }

    [Theory]
    [InlineData("Port", "70000", "Smpp:Port")]
    [InlineData("Port", "abc", "Smpp:Port")]
    [InlineData("Window", "0", "Smpp:Window")]
    [InlineData("MaxSessionsPerAccount", "-1", "Smpp:MaxSessionsPerAccount")]
    [InlineData("MaxPerSecondPerAccount", "fast", "Smpp:MaxPerSecondPerAccount")]
    [InlineData("InactivitySeconds", "2", "Smpp:InactivitySeconds")]
    [InlineData("EnquireLinkSeconds", "500", "Smpp:EnquireLinkSeconds")]
    [InlineData("Host", "example.com", "Smpp:Host")]
    [InlineData("PartHoldMilliseconds", "90000", "Smpp:PartHoldMilliseconds")]
    public void AWrongSettingStopsTheStartAndIsNamed(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("Port", "2775"), (key, value)));
        Assert.Equal(named, error.Setting);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWrongSettingIsNamedAtOnce()
    {
        var error = Assert.Throws<ConfigurationException>(() => Read(("Port", "2775"), ("MaxConnectionsPerAddress", "0"), ("BindTimeoutSeconds", "x"),
            ("BindLockoutFailures", "-3"), ("MaxPendingPartBytesPerBind", "9000"), ("MaxPendingPartBytesPerAccount", "5000"), ("KeyCheckSeconds", "0")));
        Assert.Equal("Smpp:MaxConnectionsPerAddress", error.Setting);
        foreach (var named in new[] { "Smpp:MaxConnectionsPerAddress", "Smpp:BindTimeoutSeconds", "Smpp:BindLockoutFailures", "Smpp:MaxPendingPartBytesPerBind", "Smpp:KeyCheckSeconds" })
        {
            Assert.Contains(named, error.Message, StringComparison.Ordinal);
        }

        var defaults = Read(("Port", "2775"));
        Assert.Equal((20, 5, 10, 15), (defaults.MaxConnectionsPerAddress, defaults.BindTimeoutSeconds, defaults.BindLockoutFailures, defaults.BindLockoutMinutes));
    }

    [Fact]
    public void TheShortSmppPasswordIsEightCharactersFromTheKeyAndOnlyItsKeysMatch()
    {
        var key = "testdemo0123456789abcdef01234567";
        var short1 = SmppPassword.ShortFor(key);

        Assert.Equal(8, short1.Length);
        Assert.Equal(short1, SmppPassword.ShortFor(key));
        Assert.NotEqual(short1, SmppPassword.ShortFor(key[..^1] + "8"));
        Assert.True(SmppPassword.Matches(short1, [key]));
        Assert.True(SmppPassword.Matches(key, ["other0123456789abcdef0123456789a", key]));
        Assert.False(SmppPassword.Matches(key[..8], [key]));
        Assert.False(SmppPassword.Matches("", [key]));
    }
}
