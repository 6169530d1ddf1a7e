using Microsoft.AspNetCore.Diagnostics;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Verify;
using SmsPortal.Web.Features.ApiAccess;
using SmsPortal.Web.Features.VendorApi;

namespace SmsPortal.Web.Features.Verify;

/// <summary>
/// Verify in the vendor's form style, beside sms.php: /webservice/verify.php with method=Start, Check or Cancel, and
/// /verify/Start.json, /verify/Check.json, /verify/Cancel.json. The same parameters reading (query and body, form or
/// JSON, declared charset), credentials (account + API key, or md5(account + apikey + time) as for GetNum), and
/// answers (XML in the vendor's namespace by default, JSON with format=json) as the rest of the vendor API.
/// </summary>
internal static class VerifyVendorEndpoints
{
    public static void MapVerifyVendorApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/webservice/verify.php", ["GET", "POST"], (HttpContext context, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, verifications, null, false, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress).ExcludeFromDescription();
        foreach (var method in new[] { "Start", "Check", "Cancel" })
        {
            endpoints.MapMethods($"/verify/{method}.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken) =>
                HandleAsync(context, submissions, verifications, method, true, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress).ExcludeFromDescription();
        }
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SubmissionService submissions, Verifications verifications, string? method, bool forceJson, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var parameters = await VendorParameters.ReadAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        method ??= parameters["method"] ?? "";
        var json = forceJson || string.Equals(parameters["format"], "json", StringComparison.OrdinalIgnoreCase);
        var root = RootOf(method);
        var (code, profile) = await submissions.CheckPasswordAsync(parameters["account"], parameters["password"], parameters["time"], ApiRateLimiting.AddressOf(context), cancellationToken);
        if (profile is null)
        {
            return Answer(json, root, (int)code, ResultMessages.GetNum(code), "", "");
        }

        var serviceId = parameters["serviceid"];
        try
        {
            if (root == "StartResult")
            {
                var started = await verifications.StartAsync(profile, SubmissionDoor.VendorApi, serviceId, parameters["mobile"], parameters["channel"], parameters["locale"], ApiRateLimiting.AddressOf(context), cancellationToken);
                return started.IsDone
                    ? VendorAnswers.Answer(json, root, VerifyCodes.Success, "发送成功", ("verifyid", started.Verification!.Sid), ("smsid", started.Send!.SmsId!))
                    : Refused(json, root, started, ("smsid", "0"));
            }

            if (root == "CheckResult")
            {
                var checkedCode = await verifications.CheckAsync(profile, serviceId, parameters["mobile"], parameters["verifyid"], parameters["code"], cancellationToken);
                if (!checkedCode.IsDone)
                {
                    return Refused(json, root, checkedCode, ("status", checkedCode.Verification is { } v ? VerifyRestEndpoints.StatusName(v.Status) : ""));
                }

                var verification = checkedCode.Verification!;
                return checkedCode.Valid
                    ? Answer(json, root, VerifyCodes.Success, "验证成功", verification.Sid, VerifyRestEndpoints.StatusName(verification.Status))
                    : Answer(json, root, VerifyCodes.WrongCode, VerifyCodes.WrongCodeMessage, verification.Sid, VerifyRestEndpoints.StatusName(verification.Status));
            }

            if (root == "CancelResult")
            {
                var canceled = await verifications.CancelAsync(profile, serviceId, parameters["mobile"], parameters["verifyid"], cancellationToken);
                return canceled.IsDone
                    ? Answer(json, root, VerifyCodes.Success, "取消成功", canceled.Verification!.Sid, VerifyRestEndpoints.StatusName(canceled.Verification.Status))
                    : Refused(json, root, canceled, ("status", canceled.Verification is { } v ? VerifyRestEndpoints.StatusName(v.Status) : ""));
            }

            return Answer(json, root, VerifyCodes.InvalidParameter, "参数不正确：method 应为 Start、Check 或 Cancel", "", "");
        }
        catch (SubmissionQueueFullException)
        {
            context.Response.Headers.RetryAfter = "1";
            return VendorAnswers.Answer(json, root, (int)ResultCode.TooFrequent, ResultMessages.Submit(ResultCode.TooFrequent), ("verifyid", ""));
        }
    }

    private static string RootOf(string method) => method.ToLowerInvariant() switch
    {
        "start" => "StartResult",
        "check" => "CheckResult",
        "cancel" => "CancelResult",
        _ => "VerifyResult",
    };

    private static IResult Answer(bool json, string root, int code, string message, string verifyId, string status) =>
        root == "StartResult"
            ? VendorAnswers.Answer(json, root, code, message, ("verifyid", verifyId), ("smsid", "0"))
            : VendorAnswers.Answer(json, root, code, message, ("verifyid", verifyId), ("status", status));

    private static IResult Refused(bool json, string root, VerifyResult result, (string Name, object Value) last)
    {
        var (code, message) = VerifyCodes.Of(result);
        return VendorAnswers.Answer(json, root, code, message, ("verifyid", result.Verification?.Sid ?? ""), last);
    }
}
