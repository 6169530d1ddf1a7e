using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class SensitiveWordMatcherTests
{
    private static readonly SensitiveWordMatcher Matcher = SensitiveWordMatcher.Build(["发票", "代开", "赌博", "VPN", "六合彩", "贷款"]);

    [Theory]
    [InlineData("本公司可代开增值税发票", "代开")]
    [InlineData("代 开发票，欢迎来电", "代开")]
    [InlineData("赌.博网站", "赌博")]
    [InlineData("赌★博", "赌博")]
    [InlineData("赌，博", "赌博")]
    [InlineData("赌 - 博", "赌博")]
    [InlineData("赌\u200B博", "赌博")]
    [InlineData("赌\u3000博", "赌博")]
    [InlineData("赌\n博", "赌博")]
    [InlineData("翻墙用vpn", "VPN")]
    [InlineData("翻墙用V.p.N", "VPN")]
    [InlineData("翻墙用ＶＰＮ", "VPN")]
    [InlineData("翻墙用ｖ　ｐ　ｎ", "VPN")]
    [InlineData("六合彩开奖", "六合彩")]
    public void FindsListedWordsThroughDisguises(string text, string word)
    {
        var match = Matcher.FindFirst(text);

        Assert.NotNull(match);
        Assert.Equal(word, match.Word);
    }

    [Theory]
    [InlineData("您的验证码是：123456。请不要把验证码泄露给其他人。")]
    [InlineData("尊敬的张三，您的订单20180515006已发货")]
    [InlineData("开发人员招聘")]
    [InlineData("赌场")]
    [InlineData("VP-X N")]
    [InlineData("贷 记 卡 款")]
    public void LeavesOrdinaryTextAlone(string text)
    {
        Assert.Null(Matcher.FindFirst(text));
    }

    [Fact]
    public void ReportsTheSpanOfTheOriginalTextTheWordCovers()
    {
        const string text = "您好，可代 . 开发票";

        var match = Matcher.FindFirst(text);

        Assert.NotNull(match);
        Assert.Equal("代 . 开", text.Substring(match.Index, match.Length));
    }

    [Fact]
    public void ReportsTheWordThatEndsFirst()
    {
        var match = Matcher.FindFirst("低息贷款，可开发票");

        Assert.NotNull(match);
        Assert.Equal("贷款", match.Word);
    }

    [Fact]
    public void FindsAWordInsideALongerListedWordsPrefix()
    {
        // "abcd" shares "abc" with the text; "bc" must still be found through the automaton's fail links.
        var matcher = SensitiveWordMatcher.Build(["abcd", "bc"]);

        var match = matcher.FindFirst("xabcx");

        Assert.NotNull(match);
        Assert.Equal("bc", match.Word);
        Assert.Equal(2, match.Index);
    }

    [Fact]
    public void FindsAShortWordThatEndsInsideALongerOne()
    {
        var matcher = SensitiveWordMatcher.Build(["法轮大法好", "大法"]);

        Assert.Equal("大法", matcher.FindFirst("法轮大法")?.Word);
    }

    [Fact]
    public void ListedWordsAreFoldedTooSoTheirCaseAndWidthDoNotMatter()
    {
        var matcher = SensitiveWordMatcher.Build(["Ｃａｓｉｎｏ", " 博 彩 "]);

        Assert.Equal("Ｃａｓｉｎｏ", matcher.FindFirst("online CASINO")?.Word);
        Assert.Equal(" 博 彩 ", matcher.FindFirst("博彩")?.Word);
    }

    [Fact]
    public void WordsThatFoldToNothingAreLeftOut()
    {
        var matcher = SensitiveWordMatcher.Build(["", "!!", "  ", "赌博"]);

        Assert.Equal(1, matcher.Count);
        Assert.Null(matcher.FindFirst("!! 你好 !!"));
    }

    [Fact]
    public void AnEmptyListFindsNothing()
    {
        Assert.Null(SensitiveWordMatcher.Empty.FindFirst("赌博"));
    }

    [Fact]
    public void ScansALongListInOnePass()
    {
        var words = Enumerable.Range(0, 20_000).Select(i => "禁词" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var matcher = SensitiveWordMatcher.Build(words);

        Assert.Equal(20_000, matcher.Count);
        Assert.Null(matcher.FindFirst(new string('禁', 300)));
        Assert.Equal("禁词12345", matcher.FindFirst("这里有禁-词-1 2 3 4 5呢")?.Word);
    }
}
