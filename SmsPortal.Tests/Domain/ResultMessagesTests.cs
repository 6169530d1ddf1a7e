using SmsPortal.Domain.Sending;

namespace SmsPortal.Tests.Domain;

public sealed class ResultMessagesTests
{
    [Theory]
    [InlineData(0, "提交失败")]
    [InlineData(2, "提交成功")]
    [InlineData(400, "非法ip访问")]
    [InlineData(401, "帐号不能为空")]
    [InlineData(402, "密码不能为空")]
    [InlineData(403, "手机号码不能为空")]
    [InlineData(4030, "手机号码已被列入黑名单")]
    [InlineData(404, "短信内容不能为空")]
    [InlineData(405, "API ID 或 API KEY 不正确")]
    [InlineData(4050, "账号被冻结")]
    [InlineData(40501, "动态密码已过期")]
    [InlineData(40502, "动态密码校验失败")]
    [InlineData(4051, "剩余条数不足")]
    [InlineData(4052, "访问ip与备案ip不符")]
    [InlineData(406, "手机号码格式不正确")]
    [InlineData(407, "短信内容含有敏感字符")]
    [InlineData(4070, "签名格式不正确")]
    [InlineData(4071, "没有提交备案模板")]
    [InlineData(4072, "提交的短信内容与审核通过的模板内容不匹配")]
    [InlineData(40722, "变量内容超过指定的长度【8】")]
    [InlineData(4073, "短信内容超出长度限制")]
    [InlineData(4074, "短信内容包含emoji符号")]
    [InlineData(4075, "签名未通过审核")]
    [InlineData(408, "发送超限（[20]条），已加入黑名单，可登入平台解除")]
    [InlineData(4080, "同一手机号码同一秒钟之内发送频率不能超过1条")]
    [InlineData(4082, "超出同一手机号一天之内【5】条短信限制")]
    [InlineData(4085, "同一手机号验证码短信发送超出【5】条")]
    public void EveryVendorCodeHasTheVendorsExactSubmitMessage(int code, string message)
    {
        Assert.True(Enum.IsDefined((ResultCode)code));
        Assert.Equal(message, ResultMessages.Submit((ResultCode)code));
    }

    [Theory]
    [InlineData(4053, "验证失败次数过多，请稍后再试")]
    [InlineData(4089, "提交过于频繁，请稍后再试")]
    [InlineData(4031, "该号段疑似短信轰炸，已暂停发送，可登入平台解除")]
    [InlineData(4032, "该号码所在国家或地区不在账号允许发送范围内")]
    [InlineData(4090, "定时发送时间格式不正确")]
    [InlineData(4091, "定时发送时间已过期或超出允许范围")]
    [InlineData(4033, "该号码所在国家或地区暂无国际短信价格")]
    [InlineData(4034, "服务商国际短信余额不足，请联系您的服务商")]
    public void SmsPortalsOwnCodesSitInTheVendorsFamiliesWithMessagesInItsStyle(int code, string message)
    {
        Assert.True(Enum.IsDefined((ResultCode)code));
        Assert.Equal(message, ResultMessages.Submit((ResultCode)code));
    }

    [Fact]
    public void TheEnumHoldsExactlyTheVendorsTwentySevenCodesAndSmsPortalsTwelve()
    {
        Assert.Equal(27 + 12, Enum.GetValues<ResultCode>().Length);
    }

    [Theory]
    [InlineData(40722, 6, "变量内容超过指定的长度【6】")]
    [InlineData(408, 10, "发送超限（[10]条），已加入黑名单，可登入平台解除")]
    [InlineData(4082, 3, "超出同一手机号一天之内【3】条短信限制")]
    [InlineData(4082, 20, "超出同一手机号一天之内【20】条短信限制")]
    [InlineData(4085, 2, "同一手机号验证码短信发送超出【2】条")]
    public void BracketedNumbersShowTheLimitInForce(int code, int limit, string message)
    {
        Assert.Equal(message, ResultMessages.Submit((ResultCode)code, limit));
    }

    [Fact]
    public void ALimitPassedWithACodeWithoutBracketsChangesNothing()
    {
        Assert.Equal("同一手机号码同一秒钟之内发送频率不能超过1条", ResultMessages.Submit(ResultCode.PerSecondLimit, 3));
        Assert.Equal("短信内容超出长度限制", ResultMessages.Submit(ResultCode.ContentTooLong, 300));
    }

    [Fact]
    public void ARejectionsMessageCarriesItsLimit()
    {
        var rejection = new Rejection(ResultCode.VariableTooLong, 12, "code");

        Assert.Equal("变量内容超过指定的长度【12】", rejection.Message);
    }

    [Fact]
    public void GetNumSaysQuerySucceededOnSuccessAndKeepsTheOtherTexts()
    {
        Assert.Equal("查询成功", ResultMessages.GetNum(ResultCode.Accepted));
        Assert.Equal("API ID 或 API KEY 不正确", ResultMessages.GetNum(ResultCode.BadCredentials));
        Assert.Equal("账号被冻结", ResultMessages.GetNum(ResultCode.AccountFrozen));
    }

    [Fact]
    public void AddTemplateSpeaksOfTheTemplateWhenItsContentIsMissing()
    {
        Assert.Equal("提交成功", ResultMessages.AddTemplate(ResultCode.Accepted));
        Assert.Equal("模板内容不能为空", ResultMessages.AddTemplate(ResultCode.ContentMissing));
        Assert.Equal("短信内容含有敏感字符", ResultMessages.AddTemplate(ResultCode.SensitiveWords));
    }

    [Fact]
    public void TheDocumentedCodeSetsOfGetNumAndAddTemplateAreTheVendors()
    {
        Assert.Equal(
            new[] { 2, 400, 401, 402, 405, 4050 },
            ResultMessages.GetNumCodes.Select(c => (int)c).Order());
        Assert.Equal(
            new[] { 2, 400, 401, 402, 404, 405, 407, 4050 },
            ResultMessages.AddTemplateCodes.Select(c => (int)c).Order());
    }

    [Fact]
    public void ANumberThatIsNoVendorCodeHasNoMessage()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResultMessages.Submit((ResultCode)4081));
    }
}
