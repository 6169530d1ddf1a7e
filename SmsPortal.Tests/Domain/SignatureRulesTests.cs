using SmsPortal.Domain.Review;
using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class SignatureRulesTests
{
    [Theory]
    [InlineData("互亿无线")]
    [InlineData("京东")]
    [InlineData("阿里云")]
    [InlineData("58同城")]
    [InlineData("12306")]
    [InlineData("Acme")]
    [InlineData("Acme Cloud")]
    [InlineData("美团 外卖")]
    [InlineData("Ab")]
    [InlineData("中华人民共和国国家市场监督管理总局信息中心服务平台北京分公司")]
    public void AcceptsPlainNamesOfTwoToThirtyCharacters(string signature)
    {
        Assert.Null(SignatureRules.Check(signature));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("京")]
    [InlineData("中华人民共和国国家市场监督管理总局信息中心服务平台北京分公司啊")]   // 31
    [InlineData("【京东】")]
    [InlineData("[京东]")]
    [InlineData("(京东)")]
    [InlineData("（京东）")]
    [InlineData("<京东>")]
    [InlineData("《京东》")]
    [InlineData("「京东」")]
    [InlineData("京东!")]
    [InlineData("京东商城-自营")]
    [InlineData("A&B")]
    [InlineData("李·宁")]
    [InlineData("京东😀")]
    [InlineData(" 京东")]
    [InlineData("京东 ")]
    [InlineData("京  东")]
    [InlineData("京\t东")]
    [InlineData("京东\n")]
    public void AnythingElseIs4070(string? signature)
    {
        Assert.Equal(ResultCode.BadSignatureFormat, SignatureRules.Check(signature)?.Code);
    }

    [Fact]
    public void LengthIsCountedInCharactersNotUtf16Units()
    {
        Assert.Null(SignatureRules.Check("𠮷野"));
        Assert.Equal(ResultCode.BadSignatureFormat, SignatureRules.Check("𠮷")?.Code);
    }

    [Theory]
    [InlineData("【京东】您的订单已发货", "京东", "您的订单已发货")]
    [InlineData("【Acme Cloud】Your code is 1234", "Acme Cloud", "Your code is 1234")]
    [InlineData("【】您好", "", "您好")]
    [InlineData("【京东】", "京东", "")]
    public void TakesALeadingSignatureOffTheText(string text, string signature, string body)
    {
        Assert.Equal(new SignedText(signature, body), SignatureRules.Split(text));
    }

    [Theory]
    [InlineData("您的订单已发货【京东】")]
    [InlineData("您的验证码是：【变量】")]
    [InlineData("【京东您的订单已发货")]
    [InlineData("【京【东】您好")]
    [InlineData(" 【京东】您好")]
    [InlineData("[京东]您好")]
    [InlineData("")]
    public void ATextThatDoesNotStartWithAClosedBracketHasNoSignature(string text)
    {
        Assert.Equal(new SignedText(null, text), SignatureRules.Split(text));
    }

    [Fact]
    public void ComposingPutsTheSignatureInBracketsInFront()
    {
        Assert.Equal("【京东】您的订单已发货", SignatureRules.Compose("京东", "您的订单已发货"));
    }
}
