using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class SegmentCounterTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void ChineseTextIsOneSmsUpToSeventyCharactersThenSixtySevenAPart(int length, int parts)
    {
        var text = new string('短', length);

        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(length, count.Units);
        Assert.Equal(parts, count.Parts);
    }

    [Fact]
    public void TheSignatureCountsAgainstTheSeventy()
    {
        var body = "您的验证码是：123456。请不要把验证码泄露给其他人。" + new string('。', 36);
        Assert.Equal(64, body.Length);

        var alone = SegmentCounter.Count(body);
        var signed = SegmentCounter.Count(SignatureRules.Compose("云片科技", body));

        Assert.Equal(1, alone.Parts);
        Assert.Equal(70, signed.Units);
        Assert.Equal(1, signed.Parts);
        Assert.Equal(2, SegmentCounter.Count(SignatureRules.Compose("云片科技A", body)).Parts);
    }

    [Fact]
    public void TheDefaultTemplateWithItsSignatureIsOneSms()
    {
        var text = SignatureRules.Compose("互亿无线", "您的验证码是：358946。请不要把验证码泄露给其他人。");

        var count = SegmentCounter.Count(text);

        Assert.Equal(new SegmentCount(SmsEncoding.Ucs2, 34, 1), count);
    }

    [Fact]
    public void BracketsOfTheSignatureMakeAnyTextUcs2()
    {
        Assert.Equal(SmsEncoding.Gsm7, SegmentCounter.Count("Your code is 1234").Encoding);
        Assert.Equal(SmsEncoding.Ucs2, SegmentCounter.Count(SignatureRules.Compose("Acme", "Your code is 1234")).Encoding);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void PlainLatinTextIsGsm7WithOneHundredSixtyThenOneHundredFiftyThree(int length, int parts)
    {
        var count = SegmentCounter.Count(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(parts, count.Parts);
    }

    [Theory]
    [InlineData("€", 2)]
    [InlineData("{", 2)]
    [InlineData("}", 2)]
    [InlineData("[", 2)]
    [InlineData("]", 2)]
    [InlineData("~", 2)]
    [InlineData("\\", 2)]
    [InlineData("^", 2)]
    [InlineData("|", 2)]
    [InlineData("£", 1)]
    [InlineData("é", 1)]
    [InlineData("Ø", 1)]
    [InlineData("Δ", 1)]
    [InlineData("¿", 1)]
    [InlineData("\n", 1)]
    public void ExtensionTableCharactersCountTwoSeptetsAndBasicOnesOne(string character, int units)
    {
        var count = SegmentCounter.Count(character);

        Assert.Equal(SmsEncoding.Gsm7, count.Encoding);
        Assert.Equal(units, count.Units);
    }

    [Fact]
    public void EuroSignsPushAGsm7TextPastOneSms()
    {
        var text = new string('a', 158) + "€";

        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 160, 1), SegmentCounter.Count(text));
        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 161, 2), SegmentCounter.Count(text + "a"));
    }

    [Fact]
    public void AnEscapeSequenceIsNeverSplitAcrossParts()
    {
        // 152 septets, then € needs two: it moves whole to the second part.
        var text = new string('a', 152) + "€" + new string('a', 152);

        var count = SegmentCounter.Count(text);

        Assert.Equal(306, count.Units);
        Assert.Equal(3, count.Parts);
    }

    [Theory]
    [InlineData("Prix: 5€")]
    [InlineData("Grüße aus München")]
    public void EuropeanTextInTheGsmAlphabetStaysGsm7(string text)
    {
        Assert.Equal(SmsEncoding.Gsm7, SegmentCounter.Count(text).Encoding);
    }

    [Theory]
    [InlineData("ça va")] // ç is not GSM-7, only Ç is
    [InlineData("naïve")]
    [InlineData("Hello 世界")]
    [InlineData("`quoted`")]
    public void AnyCharacterOutsideTheGsmAlphabetMakesTheWholeTextUcs2(string text)
    {
        var count = SegmentCounter.Count(text);

        Assert.Equal(SmsEncoding.Ucs2, count.Encoding);
        Assert.Equal(text.Length, count.Units);
    }

    [Fact]
    public void AnEmojiTakesTwoUcs2Units()
    {
        var count = SegmentCounter.Count(new string('好', 68) + "😀");

        Assert.Equal(70, count.Units);
        Assert.Equal(1, count.Parts);
        Assert.Equal(2, SegmentCounter.Count(new string('好', 69) + "😀").Parts);
    }

    [Fact]
    public void ASurrogatePairIsNeverSplitAcrossParts()
    {
        // 134 units would fill two parts exactly, but the pair after 66 units does not fit in the first 67: it opens
        // the second part, and the last unit needs a third.
        var text = new string('好', 66) + "𠮷" + new string('好', 66);

        var count = SegmentCounter.Count(text);

        Assert.Equal(134, count.Units);
        Assert.Equal(3, count.Parts);
        Assert.Equal(2, SegmentCounter.Count(new string('好', 65) + "𠮷" + new string('好', 67)).Parts);
    }

    [Fact]
    public void AnEmptyTextIsNoSms()
    {
        Assert.Equal(0, SegmentCounter.Count(string.Empty).Parts);
    }
}
