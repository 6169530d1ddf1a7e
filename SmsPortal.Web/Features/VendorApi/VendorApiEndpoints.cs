using Microsoft.AspNetCore.Diagnostics;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Web.Features.VendorApi;

/// <summary>
/// The vendor-compatible HTTP interface (../shared/vendor-api.md): /webservice/sms.php with method=Submit,
/// GetNum or AddTemplate, and the newer /sms/Submit.json and /sms/GetNum.json. Code written for the vendor
/// works by changing only the host.
/// </summary>
internal static class VendorApiEndpoints
{
    public static void MapVendorApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/webservice/sms.php", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, method: null, forceJson: false, cancellationToken)).DisableAntiforgery();
        endpoints.MapMethods("/sms/Submit.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, "Submit", forceJson: true, cancellationToken)).DisableAntiforgery();
        endpoints.MapMethods("/sms/GetNum.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, "GetNum", forceJson: true, cancellationToken)).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpContext context, SubmissionService submissions, string? method, bool forceJson, CancellationToken cancellationToken)
    {
        // A machine interface answers with its own status codes, not the console's error pages.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }

        var parameters = await VendorParameters.ReadAsync(context.Request, cancellationToken);
        if (parameters is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        method ??= parameters["method"];
        var json = forceJson || string.Equals(parameters["format"], "json", StringComparison.OrdinalIgnoreCase);
        var clientIp = ClientIp(context);
        try
        {
            if (string.Equals(method, "GetNum", StringComparison.OrdinalIgnoreCase))
            {
                var (code, balance) = await submissions.GetNumAsync(parameters["account"], parameters["password"], parameters["time"], clientIp, cancellationToken);
                return VendorAnswers.Answer(json, "GetNumResult", (int)code, ResultMessages.GetNum(code), ("num", code == ResultCode.Accepted ? balance : 0));
            }

            if (string.Equals(method, "Submit", StringComparison.OrdinalIgnoreCase))
            {
                var result = await submissions.SubmitVendorAsync(
                    new VendorSubmit(parameters["account"], parameters["password"], parameters["mobile"], parameters["content"], parameters["templateid"], parameters["time"], clientIp),
                    SubmissionDoor.VendorApi,
                    cancellationToken);
                return VendorAnswers.Answer(json, "SubmitResult", (int)result.Code, result.Message, ("smsid", result.SmsId ?? "0"));
            }

            return VendorAnswers.Answer(json, "SubmitResult", (int)ResultCode.Failed, ResultMessages.Submit(ResultCode.Failed), ("smsid", "0"));
        }
        catch (SubmissionQueueFullException)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }
    }

    private static string? ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
