using SmsPortal.Infrastructure.Channels.Smpp.Server;

namespace SmsPortal.Tests.Features.Channels;

/// <summary>The short SMPP password the console shows beside a key: 8 characters, stable, different per key, accepted in bind.</summary>
public sealed class SmppPasswordTests
{
    [Fact]
    public void TheShortPasswordIsEightCharactersStablePerKeyAndAcceptedOnlyForItsKey()
    {
        var key = "testdemo0123456789abcdef01234567";
        var other = "testdemo0123456789abcdef01234568";

        var password = SmppPassword.ShortFor(key);

        Assert.Equal(8, password.Length);
        Assert.Equal(password, SmppPassword.ShortFor(key));
        Assert.NotEqual(password, SmppPassword.ShortFor(other));
        Assert.DoesNotContain(password, key, StringComparison.Ordinal);
        Assert.True(SmppPassword.Matches(password, [key]));
        Assert.True(SmppPassword.Matches(key, [key]));
        Assert.False(SmppPassword.Matches(password, [other]));
        Assert.False(SmppPassword.Matches(key[..8], [key]));
    }
}
