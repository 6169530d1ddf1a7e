using System.Collections.Frozen;
using System.Globalization;

namespace SmsPortal.Domain.Sending;

/// <summary>
/// The vendor's message texts, byte for byte as its clients and their logs know them. A bracketed number in a
/// text (【8】, [20], 【5】) is a limit: SmsPortal shows the one in force, keeping the vendor's brackets.
/// </summary>
public static class ResultMessages
{
    private static readonly FrozenDictionary<ResultCode, string> SubmitTexts = new Dictionary<ResultCode, string>
    {
        [ResultCode.Failed] = "提交失败",
        [ResultCode.Accepted] = "提交成功",
        [ResultCode.IpNotAllowed] = "非法ip访问",
        [ResultCode.AccountMissing] = "帐号不能为空",
        [ResultCode.PasswordMissing] = "密码不能为空",
        [ResultCode.MobileMissing] = "手机号码不能为空",
        [ResultCode.MobileBlacklisted] = "手机号码已被列入黑名单",
        [ResultCode.ContentMissing] = "短信内容不能为空",
        [ResultCode.BadCredentials] = "API ID 或 API KEY 不正确",
        [ResultCode.AccountFrozen] = "账号被冻结",
        [ResultCode.DynamicPasswordExpired] = "动态密码已过期",
        [ResultCode.DynamicPasswordWrong] = "动态密码校验失败",
        [ResultCode.InsufficientCredits] = "剩余条数不足",
        [ResultCode.IpNotBound] = "访问ip与备案ip不符",
        [ResultCode.TooManyFailedAttempts] = "验证失败次数过多，请稍后再试",
        [ResultCode.BadMobileFormat] = "手机号码格式不正确",
        [ResultCode.SensitiveWords] = "短信内容含有敏感字符",
        [ResultCode.BadSignatureFormat] = "签名格式不正确",
        [ResultCode.NoTemplateFiled] = "没有提交备案模板",
        [ResultCode.TemplateMismatch] = "提交的短信内容与审核通过的模板内容不匹配",
        [ResultCode.VariableTooLong] = "变量内容超过指定的长度【{0}】",
        [ResultCode.ContentTooLong] = "短信内容超出长度限制",
        [ResultCode.EmojiInContent] = "短信内容包含emoji符号",
        [ResultCode.SignatureNotApproved] = "签名未通过审核",
        [ResultCode.OverLimitBlacklisted] = "发送超限（[{0}]条），已加入黑名单，可登入平台解除",
        [ResultCode.PerSecondLimit] = "同一手机号码同一秒钟之内发送频率不能超过1条",
        [ResultCode.DailyLimitPerNumber] = "超出同一手机号一天之内【{0}】条短信限制",
        [ResultCode.VerificationCodesPerNumberPerDay] = "同一手机号验证码短信发送超出【{0}】条",
        [ResultCode.TooFrequent] = "提交过于频繁，请稍后再试",
        [ResultCode.RangeBlocked] = "该号段疑似短信轰炸，已暂停发送，可登入平台解除",
        [ResultCode.CountryNotAllowed] = "该号码所在国家或地区不在账号允许发送范围内",
        [ResultCode.NoInternationalPrice] = "该号码所在国家或地区暂无国际短信价格",
        [ResultCode.ResellerMoneyShort] = "服务商国际短信余额不足，请联系您的服务商",
        [ResultCode.RangeVelocity] = "同一号段发送频率超出限制【{0}】条",
        [ResultCode.NumberVelocity] = "同一手机号码发送频率超出限制【{0}】条",
        [ResultCode.AddressVelocity] = "同一IP地址发送频率超出限制【{0}】条",
        [ResultCode.AccountVelocity] = "账号发送频率超出限制【{0}】条",
        [ResultCode.ScheduleTimeInvalid] = "定时发送时间格式不正确",
        [ResultCode.ScheduleTimeOutOfRange] = "定时发送时间已过期或超出允许范围",
    }.ToFrozenDictionary();

    /// <summary>The codes the vendor documents for GetNum.</summary>
    public static IReadOnlySet<ResultCode> GetNumCodes { get; } = new HashSet<ResultCode>
    {
        ResultCode.Accepted, ResultCode.IpNotAllowed, ResultCode.AccountMissing, ResultCode.PasswordMissing,
        ResultCode.BadCredentials, ResultCode.AccountFrozen,
    }.ToFrozenSet();

    /// <summary>The codes the vendor documents for AddTemplate.</summary>
    public static IReadOnlySet<ResultCode> AddTemplateCodes { get; } = new HashSet<ResultCode>
    {
        ResultCode.Accepted, ResultCode.IpNotAllowed, ResultCode.AccountMissing, ResultCode.PasswordMissing,
        ResultCode.ContentMissing, ResultCode.BadCredentials, ResultCode.AccountFrozen, ResultCode.SensitiveWords,
    }.ToFrozenSet();

    /// <summary>
    /// The Submit message for <paramref name="code"/>. <paramref name="limitInForce"/> fills the bracket of
    /// 40722, 408, 4082 and 4085; without it the vendor's default shows.
    /// </summary>
    public static string Submit(ResultCode code, int? limitInForce = null)
    {
        if (!SubmitTexts.TryGetValue(code, out var text))
        {
            throw new ArgumentOutOfRangeException(nameof(code), code, "Not a vendor result code.");
        }

        return code switch
        {
            ResultCode.VariableTooLong => Fill(text, limitInForce ?? SendLimits.VendorDefaults.MaxVariableLength),
            ResultCode.OverLimitBlacklisted => Fill(text, limitInForce ?? SendLimits.VendorDefaults.OverLimitSendsBeforeBlacklist),
            ResultCode.DailyLimitPerNumber => Fill(text, limitInForce ?? SendLimits.VendorDefaults.MaxPerNumberPerDay),
            ResultCode.VerificationCodesPerNumberPerDay => Fill(text, limitInForce ?? SendLimits.VendorDefaults.MaxVerificationCodesPerNumberPerDay),
            ResultCode.RangeVelocity or ResultCode.NumberVelocity or ResultCode.AddressVelocity or ResultCode.AccountVelocity => Fill(text, limitInForce ?? 0),
            _ => text,
        };
    }

    /// <summary>
    /// The GetNum message: success reads 查询成功; every other code keeps its Submit text (a dynamic password
    /// on GetNum can also end in 40501 or 40502).
    /// </summary>
    public static string GetNum(ResultCode code) =>
        code == ResultCode.Accepted ? "查询成功" : Submit(code);

    /// <summary>The AddTemplate message: 404 speaks of the template, not of an SMS; the rest as for Submit.</summary>
    public static string AddTemplate(ResultCode code) => code switch
    {
        ResultCode.ContentMissing => "模板内容不能为空",
        _ => Submit(code),
    };

    private static string Fill(string text, int limit) =>
        string.Format(CultureInfo.InvariantCulture, text, limit);
}
