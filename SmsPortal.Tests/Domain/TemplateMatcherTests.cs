using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class TemplateMatcherTests
{
    private static readonly TemplateMatcher Matcher = TemplateMatcher.Build(
    [
        new ApprovedTemplate(1, MessageTemplate.DefaultText),
        new ApprovedTemplate(7, "尊敬的【name】，您的订单【order1】已发货"),
        new ApprovedTemplate(9, "您的账户已开通，欢迎使用。"),
    ]);

    [Fact]
    public void AVerificationCodeMatchesTheDefaultTemplate()
    {
        var match = Matcher.Match("您的验证码是：358946。请不要把验证码泄露给其他人。", 8);

        Assert.True(match.IsAccepted);
        Assert.Equal(1, match.Value.TemplateId);
        Assert.Equal(["358946"], match.Value.Values);
    }

    [Fact]
    public void ANotificationMatchesWithEachValueInItsPlace()
    {
        var match = Matcher.Match("尊敬的张三，您的订单20180515已发货", 8);

        Assert.True(match.IsAccepted);
        Assert.Equal(7, match.Value.TemplateId);
        Assert.Equal(["张三", "20180515"], match.Value.Values);
    }

    [Fact]
    public void AFixedTemplateMatchesOnlyItsOwnText()
    {
        Assert.Equal(9, Matcher.Match("您的账户已开通，欢迎使用。", 8).Value?.TemplateId);
        Assert.Equal(ResultCode.TemplateMismatch, Matcher.Match("您的账户已开通，欢迎使用！", 8).Rejection?.Code);
    }

    [Fact]
    public void AValueMayContainTheTextThatFollowsItsPlaceholder()
    {
        var match = Matcher.Match("尊敬的张，三，您的订单1已发货", 8);

        Assert.Equal(["张，三", "1"], match.Value?.Values);
    }

    [Theory]
    [InlineData("您的验证码是：358946。请不要把验证码泄露给别人。")]
    [InlineData("您的验证码是：358946。请不要把验证码泄露给其他人。 ")]
    [InlineData("您的验证码是：。请不要把验证码泄露给其他人。")]
    [InlineData("您的验证码是：35\n8946。请不要把验证码泄露给其他人。")]
    [InlineData("您的验证码是：【京东】。请不要把验证码泄露给其他人。")]
    [InlineData("尊敬的张三，您的订单已发货")]
    [InlineData("尊敬的张三您的订单20180515已发货")]
    [InlineData("恭喜您中奖了，请点击链接领取")]
    public void TextThatNoApprovedTemplateMakesIs4072(string body)
    {
        Assert.Equal(ResultCode.TemplateMismatch, Matcher.Match(body, 8).Rejection?.Code);
    }

    [Fact]
    public void AnAccountWithoutApprovedTemplatesGets4071()
    {
        var none = TemplateMatcher.Build([]);

        Assert.Equal(ResultCode.NoTemplateFiled, none.Match("您的验证码是：1234。请不要把验证码泄露给其他人。", 8).Rejection?.Code);
    }

    [Fact]
    public void AValueThatIsOnlyTooLongIs40722WithTheLimitInForce()
    {
        var rejection = Matcher.Match("尊敬的欧阳娜娜娜娜娜娜娜，您的订单1已发货", 8).Rejection;

        Assert.Equal(ResultCode.VariableTooLong, rejection?.Code);
        Assert.Equal("变量内容超过指定的长度【8】", rejection?.Message);
        Assert.Equal("name", rejection?.Detail);
    }

    [Fact]
    public void ALongerLimitLetsTheSameValuePass()
    {
        Assert.True(Matcher.Match("尊敬的欧阳娜娜娜娜娜娜娜，您的订单1已发货", 10).IsAccepted);
        Assert.Equal("变量内容超过指定的长度【4】", Matcher.Match("尊敬的张三，您的订单20180515已发货", 4).Rejection?.Message);
    }

    [Fact]
    public void ATemplatesOwnLimitGovernsItsVariablesAndNamesItselfIn40722()
    {
        var matcher = TemplateMatcher.Build([
            new ApprovedTemplate(1, MessageTemplate.DefaultText, 8),
            new ApprovedTemplate(7, "尊敬的【name】，您的订单【order1】已发货", 12),
        ]);

        Assert.True(matcher.Match("尊敬的张三，您的订单201805150001已发货", 8).IsAccepted);
        Assert.Equal("变量内容超过指定的长度【12】", matcher.Match("尊敬的张三，您的订单2018051500012已发货", 8).Rejection?.Message);
        Assert.Equal("变量内容超过指定的长度【8】", matcher.Match("您的验证码是：123456789。请不要把验证码泄露给其他人。", 30).Rejection?.Message);
    }

    [Fact]
    public void EightCharactersPassAndNineDoNot()
    {
        Assert.True(Matcher.Match("您的验证码是：12345678。请不要把验证码泄露给其他人。", 8).IsAccepted);
        Assert.Equal(ResultCode.VariableTooLong, Matcher.Match("您的验证码是：123456789。请不要把验证码泄露给其他人。", 8).Rejection?.Code);
    }

    [Fact]
    public void TheMostSpecificTemplateWinsWhenSeveralMatch()
    {
        var matcher = TemplateMatcher.Build(
        [
            new ApprovedTemplate(3, "尊敬的【name】，您好"),
            new ApprovedTemplate(4, "尊敬的客户，您好"),
            new ApprovedTemplate(5, "【greeting】，您好"),
        ]);

        Assert.Equal(4, matcher.Match("尊敬的客户，您好", 8).Value?.TemplateId);
        Assert.Equal(3, matcher.Match("尊敬的张三，您好", 8).Value?.TemplateId);
        Assert.Equal(5, matcher.Match("早上好，您好", 8).Value?.TemplateId);
    }

    [Fact]
    public void BetweenEquallySpecificTemplatesTheLowestIdWins()
    {
        var matcher = TemplateMatcher.Build(
        [
            new ApprovedTemplate(12, "【a】已发货"),
            new ApprovedTemplate(11, "【b】已发货"),
        ]);

        Assert.Equal(11, matcher.Match("订单已发货", 8).Value?.TemplateId);
    }

    [Fact]
    public void AdjacentPlaceholdersSplitTheTextSomeWayThatFits()
    {
        var matcher = TemplateMatcher.Build([new ApprovedTemplate(2, "编号【a】【b】结束")]);

        var match = matcher.Match("编号ABCDEFGHIJ结束", 8);

        Assert.True(match.IsAccepted);
        Assert.Equal("ABCDEFGHIJ", string.Concat(match.Value.Values));
        Assert.All(match.Value.Values, v => Assert.InRange(v.Length, 1, 8));
    }

    [Fact]
    public void ManyAdjacentPlaceholdersDoNotMakeTheSearchExplode()
    {
        var text = "开始" + string.Concat(Enumerable.Range(0, 12).Select(i => $"【v{(char)('a' + i)}】")) + "结束";
        var matcher = TemplateMatcher.Build([new ApprovedTemplate(2, text)]);

        // 299 characters cannot fill twelve variables of at most 8: every split must be ruled out.
        var body = "开始" + new string('x', 299) + "结束";

        Assert.Equal(ResultCode.VariableTooLong, matcher.Match(body, 8).Rejection?.Code);
        Assert.Equal(ResultCode.TemplateMismatch, matcher.Match("开始" + new string('x', 11) + "结束", 8).Rejection?.Code);
    }

    [Fact]
    public void FindsTheOneTemplateAmongHundreds()
    {
        var approved = Enumerable.Range(100, 500)
            .Select(i => new ApprovedTemplate(i, $"【name】您好，您在第{i}号店的订单【order】已发货，请注意查收。"))
            .ToList();
        var matcher = TemplateMatcher.Build(approved);

        var match = matcher.Match("张三您好，您在第457号店的订单A1234567已发货，请注意查收。", 8);

        Assert.Equal(500, matcher.Count);
        Assert.Equal(457, match.Value?.TemplateId);
        Assert.Equal(["张三", "A1234567"], match.Value?.Values);
    }

    [Fact]
    public void ApprovedTemplatesThatDoNotParseNeverMatchAndAreReported()
    {
        var matcher = TemplateMatcher.Build(
        [
            new ApprovedTemplate(3, "您好【1x】"),
            new ApprovedTemplate(4, "您好【name】"),
        ]);

        Assert.Equal([3], matcher.Unparsable);
        Assert.Equal(4, matcher.Match("您好张三", 8).Value?.TemplateId);
    }

    [Fact]
    public void OnlyUnparsableTemplatesCountAsNoneFiled()
    {
        var matcher = TemplateMatcher.Build([new ApprovedTemplate(3, "您好【】")]);

        Assert.Equal(ResultCode.NoTemplateFiled, matcher.Match("您好", 8).Rejection?.Code);
    }
}
