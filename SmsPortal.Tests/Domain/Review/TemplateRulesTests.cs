using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain.Review;

public sealed class TemplateRulesTests
{
    private static readonly SensitiveWordMatcher Words = SensitiveWordMatcher.Build(["发票", "法轮功", "vpn"]);

    [Fact]
    public void AcceptsAVendorStyleTemplateWithSamples()
    {
        var (template, fault) = TemplateRules.Check("您的订单【单号】已由【快递】发出，请注意查收。", ["20261120", "顺丰"], 8, Words);

        Assert.Null(fault);
        Assert.Equal(["单号", "快递"], template!.VariableNames);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyTemplateIsRefusedAs404(string? text)
    {
        var (_, fault) = TemplateRules.Check(text, null, 8, Words);

        Assert.Equal(TemplateProblem.Empty, fault!.Problem);
        Assert.Equal("模板内容不能为空", TemplateRules.VendorMessage(fault));
    }

    [Theory]
    [InlineData("您的验证码是【code", TemplateParseErrorKind.UnclosedPlaceholder, "第7个字符处的【没有对应的】")]
    [InlineData("您的验证码是【】", TemplateParseErrorKind.EmptyPlaceholder, "【】内没有变量名")]
    [InlineData("您的验证码是【1code】", TemplateParseErrorKind.InvalidVariableName, "变量名【1code】")]
    [InlineData("您的验证码是【co-de】", TemplateParseErrorKind.InvalidVariableName, "只能由字母和数字组成")]
    [InlineData("【a【b】】", TemplateParseErrorKind.UnclosedPlaceholder, "第1个字符处")]
    public void BrokenPlaceholdersAreRefusedSayingWhere(string text, TemplateParseErrorKind kind, string said)
    {
        var (template, fault) = TemplateRules.Check(text, null, 8, Words);

        Assert.Null(template);
        Assert.Equal(TemplateProblem.BrokenPlaceholder, fault!.Problem);
        Assert.Equal(kind, fault.ParseError!.Kind);
        Assert.Contains(said, TemplateRules.VendorMessage(fault), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("低价代开发 票，联系【电话】", "发票")]
    [InlineData("翻墙用Ｖ Ｐ Ｎ，【链接】", "vpn")]
    [InlineData("法【x】轮功", "法轮功")]   // split around a placeholder that a space would fill
    public void SensitiveWordsAreRefusedAs407(string text, string word)
    {
        var (_, fault) = TemplateRules.Check(text, null, 8, Words);

        Assert.Equal(TemplateProblem.SensitiveWord, fault!.Problem);
        Assert.Equal(word, fault.Detail);
        Assert.Equal("短信内容含有敏感字符", TemplateRules.VendorMessage(fault));
    }

    [Fact]
    public void ASensitiveWordInASampleIsRefusedToo()
    {
        var (_, fault) = TemplateRules.Check("您好【name】", ["发票"], 8, Words);

        Assert.Equal(TemplateProblem.SensitiveWord, fault!.Problem);
    }

    [Fact]
    public void SamplesMustFitThePlaceholders()
    {
        Assert.Equal(TemplateProblem.SampleCount, TemplateRules.Check("【a】和【b】", ["1"], 8, Words).Fault!.Problem);
        Assert.Equal(TemplateProblem.SampleValue, TemplateRules.Check("【a】和【b】", ["1", "123456789"], 8, Words).Fault!.Problem);
        Assert.Null(TemplateRules.Check("【a】和【b】", ["1", "123456789"], 9, Words).Fault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void TheVariableLimitStaysWithinBounds(int limit)
    {
        Assert.Equal(TemplateProblem.MaxVariableLength, TemplateRules.Check("验证码【code】", null, limit, Words).Fault!.Problem);
    }

    [Fact]
    public void EmojiAndOverlongTextsAreRefused()
    {
        Assert.Equal(TemplateProblem.Emoji, TemplateRules.Check("生日快乐🎂【name】", null, 8, Words).Fault!.Problem);
        Assert.Equal(TemplateProblem.TooLong, TemplateRules.Check(new string('好', 301), null, 8, Words).Fault!.Problem);
        Assert.Null(TemplateRules.Check(new string('好', 300), null, 8, Words).Fault);
    }

    [Fact]
    public void ThePreviewPutsTheSamplesInPlace()
    {
        Assert.Equal("您的验证码是1234。", TemplateRules.Preview("您的验证码是【code】。", ["1234"]));
        Assert.Equal("您的验证码是【code】。", TemplateRules.Preview("您的验证码是【code】。", []));
        Assert.Equal(["1", "b c"], TemplateRules.SplitSamples(TemplateRules.JoinSamples(["1", "b c"])));
    }
}
