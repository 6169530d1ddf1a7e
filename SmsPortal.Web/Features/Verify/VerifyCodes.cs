using System.Globalization;
using SmsPortal.Infrastructure.Verify;

namespace SmsPortal.Web.Features.Verify;

/// <summary>
/// The result codes of Verify in the vendor's style, for the vendor-style form API and the REST problem documents.
/// 2 is success; a refused send keeps the submission's own code (4051, 4085, 406…); Verify's own refusals are the 409x
/// family, next to 4089, and not the vendor's.
/// </summary>
internal static class VerifyCodes
{
    public const int Success = 2;
    public const int ServiceNotFound = 4090;
    public const int InvalidParameter = 4091;
    public const int ChannelNotAvailable = 4092;
    public const int CountryNotAllowed = 4093;
    public const int TooSoon = 4094;
    public const int NotFound = 4095;
    public const int Expired = 4096;
    public const int MaxAttemptsReached = 4097;
    public const int WrongCode = 4098;
    public const int SpendCapReached = 4099;

    /// <summary>The code and the message of a result that did not go through.</summary>
    public static (int Code, string Message) Of(VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Failure switch
        {
            VerifyFailure.SendRefused => ((int)result.Send!.Code, result.Send.Message),
            VerifyFailure.ServiceNotFound => (ServiceNotFound, "验证服务不存在"),
            VerifyFailure.InvalidParameter => (InvalidParameter, "参数不正确：" + result.Detail),
            VerifyFailure.ChannelNotAvailable => (ChannelNotAvailable, "不支持该发送方式"),
            VerifyFailure.CountryNotAllowed => (CountryNotAllowed, "该号码所在国家或地区不在服务允许范围内"),
            VerifyFailure.TooSoon => (TooSoon, string.Format(CultureInfo.InvariantCulture, "同一手机号码发送验证码过于频繁，请【{0}】秒后再试", result.RetryAfterSeconds)),
            VerifyFailure.NotFound => (NotFound, "验证记录不存在"),
            VerifyFailure.Expired => (Expired, "验证码已过期"),
            VerifyFailure.MaxAttemptsReached => (MaxAttemptsReached, "验证次数超过限制"),
            VerifyFailure.SpendCapReached => (SpendCapReached, "验证服务今日发送量已达上限"),
            _ => (Success, "成功"),
        };
    }

    public static string WrongCodeMessage => "验证码错误";

    /// <summary>The HTTP status of a refusal on the REST door.</summary>
    public static int StatusOf(VerifyResult result) => result.Failure switch
    {
        VerifyFailure.ServiceNotFound or VerifyFailure.NotFound => StatusCodes.Status404NotFound,
        VerifyFailure.CountryNotAllowed => StatusCodes.Status403Forbidden,
        VerifyFailure.TooSoon or VerifyFailure.MaxAttemptsReached or VerifyFailure.SpendCapReached => StatusCodes.Status429TooManyRequests,
        VerifyFailure.Expired => StatusCodes.Status410Gone,
        _ => StatusCodes.Status400BadRequest,
    };
}
