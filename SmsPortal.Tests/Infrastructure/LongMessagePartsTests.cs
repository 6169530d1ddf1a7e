using SmsPortal.Infrastructure.Channels;

namespace SmsPortal.Tests.Infrastructure;

/// <summary>The one joiner of long-message parts that SMPP replies, the SMPP server door and modems share.</summary>
public sealed class LongMessagePartsTests
{
    [Fact]
    public void PartsInAnyOrderJoinOnceEachRepeatsAndStrayNumbersIgnored()
    {
        var parts = new LongMessageParts<string>(3, DateTimeOffset.UnixEpoch);

        Assert.True(parts.Add(3, "c"));
        Assert.True(parts.Add(1, "a"));
        Assert.False(parts.Add(1, "A"));
        Assert.False(parts.Add(0, "zero"));
        Assert.False(parts.Add(4, "four"));
        Assert.False(parts.IsComplete);
        Assert.Equal("a…c", parts.Join(string.Concat));

        Assert.True(parts.Add(2, "b"));
        Assert.True(parts.IsComplete);
        Assert.Equal(3, parts.Received);
        Assert.Equal("abc", parts.Join(string.Concat));
        Assert.Equal(["a", "b", "c"], parts.Present());
    }

    [Fact]
    public void AWholeMessageIsDecodedAtOnceSoACharacterSplitAcrossPartsComesOutWhole()
    {
        // "中" in UTF-16 big-endian is 4E 2D: a sender may split it between two parts.
        var parts = new LongMessageParts<byte[]>(2, DateTimeOffset.UnixEpoch);
        parts.Add(1, [0x4E]);
        parts.Add(2, [0x2D]);

        Assert.Equal("中", parts.Join(all => System.Text.Encoding.BigEndianUnicode.GetString(all.SelectMany(p => p).ToArray())));
    }
}
