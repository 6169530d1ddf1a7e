using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class ContentRulesTests
{
    private static readonly SensitiveWordMatcher Words = SensitiveWordMatcher.Build(["代开发票"]);

    [Fact]
    public void AcceptsAnOrdinaryNotification()
    {
        Assert.Null(ContentRules.Check("尊敬的张三，您的订单20180515006已发货", SendLimits.VendorDefaults, Words));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n\t")]
    public void EmptyContentIs404(string? body)
    {
        Assert.Equal(ResultCode.ContentMissing, ContentRules.Check(body, SendLimits.VendorDefaults, Words)?.Code);
    }

    [Fact]
    public void ThreeHundredCharactersPassAndThreeHundredAndOneAre4073()
    {
        Assert.Null(ContentRules.Check(new string('字', 300), SendLimits.VendorDefaults, Words));
        Assert.Equal(ResultCode.ContentTooLong, ContentRules.Check(new string('字', 301), SendLimits.VendorDefaults, Words)?.Code);
    }

    [Fact]
    public void ACharacterOutsideTheBmpCountsOneAgainstTheMaximum()
    {
        var body = new string('字', 299) + "𠮷";

        Assert.Null(ContentRules.Check(body, SendLimits.VendorDefaults, Words));
    }

    [Fact]
    public void ATightenedMaximumApplies()
    {
        var limits = SendLimits.VendorDefaults with { MaxContentLength = 70 };

        Assert.Equal(ResultCode.ContentTooLong, ContentRules.Check(new string('字', 71), limits, Words)?.Code);
    }

    [Fact]
    public void AnEmojiIs4074()
    {
        Assert.Equal(ResultCode.EmojiInContent, ContentRules.Check("您的快递已到👍", SendLimits.VendorDefaults, Words)?.Code);
    }

    [Fact]
    public void ASensitiveWordIs407AndTheRecordsLearnWhichWord()
    {
        var rejection = ContentRules.Check("本公司长期代开-发票", SendLimits.VendorDefaults, Words);

        Assert.Equal(ResultCode.SensitiveWords, rejection?.Code);
        Assert.Equal("代开发票", rejection?.Detail);
        Assert.Equal("短信内容含有敏感字符", rejection?.Message);
    }

    [Fact]
    public void TooLongIsAnsweredBeforeEmojiAndEmojiBeforeSensitiveWords()
    {
        Assert.Equal(ResultCode.ContentTooLong, ContentRules.Check(new string('字', 300) + "😀", SendLimits.VendorDefaults, Words)?.Code);
        Assert.Equal(ResultCode.EmojiInContent, ContentRules.Check("代开发票😀", SendLimits.VendorDefaults, Words)?.Code);
    }
}
