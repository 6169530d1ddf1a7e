using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class TemplateTextTests
{
    [Fact]
    public void TheDefaultTemplateHasOneVariable()
    {
        var template = TemplateText.Parse(MessageTemplate.DefaultText).Template;

        Assert.NotNull(template);
        Assert.Equal(["变量"], template.VariableNames);
        Assert.Equal(["您的验证码是：", "。请不要把验证码泄露给其他人。"], template.Literals);
    }

    [Fact]
    public void ANotificationTemplateKeepsItsVariablesInOrder()
    {
        var template = TemplateText.Parse("尊敬的【name】，您的订单【order1】已发货").Template;

        Assert.NotNull(template);
        Assert.Equal(["name", "order1"], template.VariableNames);
        Assert.Equal(["尊敬的", "，您的订单", "已发货"], template.Literals);
    }

    [Fact]
    public void ATemplateWithoutPlaceholdersIsFixedText()
    {
        var template = TemplateText.Parse("您的账户已开通，欢迎使用。").Template;

        Assert.NotNull(template);
        Assert.Empty(template.VariableNames);
        Assert.Equal(["您的账户已开通，欢迎使用。"], template.Literals);
    }

    [Fact]
    public void PlaceholdersMaySitAtTheEdgesAndNextToEachOther()
    {
        var template = TemplateText.Parse("【a】【b】x【c】").Template;

        Assert.NotNull(template);
        Assert.Equal(["a", "b", "c"], template.VariableNames);
        Assert.Equal(["", "", "x", ""], template.Literals);
    }

    [Fact]
    public void AClosingBracketWithoutAnOpeningOneIsText()
    {
        var template = TemplateText.Parse("价格】【price】元").Template;

        Assert.NotNull(template);
        Assert.Equal(["price"], template.VariableNames);
        Assert.Equal("价格】", template.Literals[0]);
    }

    [Theory]
    [InlineData(null, TemplateParseErrorKind.Empty, 0)]
    [InlineData("  ", TemplateParseErrorKind.Empty, 0)]
    [InlineData("您的验证码是：【变量。", TemplateParseErrorKind.UnclosedPlaceholder, 7)]
    [InlineData("【a【b】", TemplateParseErrorKind.UnclosedPlaceholder, 0)]
    [InlineData("您好【】", TemplateParseErrorKind.EmptyPlaceholder, 2)]
    [InlineData("订单【1order】", TemplateParseErrorKind.InvalidVariableName, 2)]
    [InlineData("订单【order_id】", TemplateParseErrorKind.InvalidVariableName, 2)]
    [InlineData("订单【order id】", TemplateParseErrorKind.InvalidVariableName, 2)]
    [InlineData("订单【1】", TemplateParseErrorKind.InvalidVariableName, 2)]
    public void BrokenPlaceholdersAreAParseError(string? text, TemplateParseErrorKind kind, int position)
    {
        var parse = TemplateText.Parse(text);

        Assert.Null(parse.Template);
        Assert.Equal(kind, parse.Error?.Kind);
        Assert.Equal(position, parse.Error?.Position);
    }

    [Fact]
    public void ABadNameIsNamedInTheError()
    {
        Assert.Equal("1order", TemplateText.Parse("订单【1order】").Error?.Name);
    }

    [Theory]
    [InlineData("【code2】")]
    [InlineData("【变量1】")]
    [InlineData("【Ｎａｍｅ】")]
    public void NamesMayMixLettersOfAnyScriptAndDigitsAfterTheFirst(string text)
    {
        Assert.NotNull(TemplateText.Parse(text).Template);
    }

    [Fact]
    public void FillingPutsTheValuesInTheirPlaces()
    {
        var template = TemplateText.Parse("尊敬的【name】，您的订单【order1】已发货").Template!;

        var filled = template.Fill(["张三", "20180515"], 8);

        Assert.True(filled.IsAccepted);
        Assert.Equal("尊敬的张三，您的订单20180515已发货", filled.Value);
    }

    [Fact]
    public void FillingFromTheVendorsContentSplitsOnTheBar()
    {
        var template = TemplateText.Parse("订单【no】的收货人【name】应付【amount】").Template!;

        var filled = template.Fill("20180515|张三|100元", 8);

        Assert.Equal("订单20180515的收货人张三应付100元", filled.Value);
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("1234|5678|")]
    [InlineData("")]
    [InlineData(null)]
    public void TheWrongNumberOfValuesIs4072(string? content)
    {
        var template = TemplateText.Parse("尊敬的【name】，您的订单【order1】已发货").Template!;

        Assert.Equal(ResultCode.TemplateMismatch, template.Fill(content, 8).Rejection?.Code);
    }

    [Theory]
    [InlineData("张三|")]
    [InlineData("张三|2018\n0515")]
    [InlineData("【京东】|20180515")]
    public void EmptyMultiLineOrBracketedValuesAre4072(string content)
    {
        var template = TemplateText.Parse("尊敬的【name】，您的订单【order1】已发货").Template!;

        Assert.Equal(ResultCode.TemplateMismatch, template.Fill(content, 8).Rejection?.Code);
    }

    [Fact]
    public void AValueLongerThanTheLimitIs40722WithTheLimitAndTheVariable()
    {
        var template = TemplateText.Parse("尊敬的【name】，您的订单【order1】已发货").Template!;

        var rejection = template.Fill("张三|201805150061", 8).Rejection;

        Assert.Equal(ResultCode.VariableTooLong, rejection?.Code);
        Assert.Equal("变量内容超过指定的长度【8】", rejection?.Message);
        Assert.Equal("order1", rejection?.Detail);
        Assert.Equal("变量内容超过指定的长度【12】", template.Fill("张三|201805150061234", 12).Rejection?.Message);
    }

    [Fact]
    public void AFixedTemplateTakesNoValues()
    {
        var template = TemplateText.Parse("您的账户已开通。").Template!;

        Assert.Equal("您的账户已开通。", template.Fill(string.Empty, 8).Value);
        Assert.Equal(ResultCode.TemplateMismatch, template.Fill("x", 8).Rejection?.Code);
    }

    [Fact]
    public void RenderingWithMasksHidesTheValues()
    {
        var template = TemplateText.Parse(MessageTemplate.DefaultText).Template!;

        Assert.Equal("您的验证码是：***。请不要把验证码泄露给其他人。", template.Render(["***"]));
    }
}
