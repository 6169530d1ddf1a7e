using Microsoft.AspNetCore.Diagnostics;
using SmsPortal.Domain.International;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.ApiAccess;

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
            HandleAsync(context, submissions, method: null, forceJson: false, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress);
        endpoints.MapMethods("/sms/Submit.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, "Submit", forceJson: true, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress);
        endpoints.MapMethods("/sms/GetNum.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleAsync(context, submissions, "GetNum", forceJson: true, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress);

        // The vendor's international product (decision 0035): the same style and the same API ID and key, numbers abroad only, charged in money.
        endpoints.MapMethods("/webservice/isms.php", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleInternationalAsync(context, submissions, method: null, forceJson: false, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress)
            .WithSummary("International SMS in the vendor's form style: method=Submit or GetNum")
            .WithDescription("The same parameters, dynamic password and answers as /webservice/sms.php; mobile is a number abroad such as \"852 91234567\", charged in money. GetNum answers num: the money balance in yuan.");
        endpoints.MapMethods("/isms/Submit.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleInternationalAsync(context, submissions, "Submit", forceJson: true, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress)
            .WithSummary("Send one international SMS, JSON answer");
        endpoints.MapMethods("/isms/GetNum.json", ["GET", "POST"], (HttpContext context, SubmissionService submissions, CancellationToken cancellationToken) =>
            HandleInternationalAsync(context, submissions, "GetNum", forceJson: true, cancellationToken)).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress)
            .WithSummary("The money balance for international SMS, JSON answer");
    }

    private static Task<IResult> HandleAsync(HttpContext context, SubmissionService submissions, string? method, bool forceJson, CancellationToken cancellationToken) =>
        AnswerAsync(context, method, forceJson, (parameters, called, json, clientIp) => DomesticAsync(context, submissions, parameters, called, json, clientIp, cancellationToken), cancellationToken);

    private static Task<IResult> HandleInternationalAsync(HttpContext context, SubmissionService submissions, string? method, bool forceJson, CancellationToken cancellationToken) =>
        AnswerAsync(context, method, forceJson, (parameters, called, json, clientIp) => InternationalAsync(submissions, parameters, called, json, clientIp, cancellationToken), cancellationToken);

    /// <summary>
    /// What every vendor-style call shares: its own status codes, the parameters (413 when the body is too large), the
    /// method and layout asked for, the caller's address, and a full writer queue answered 4089 in the method's layout.
    /// </summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, string? method, bool forceJson, Func<VendorParameters, string?, bool, string?, Task<IResult>> answer, CancellationToken cancellationToken)
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
        try
        {
            return await answer(parameters, method, json, ApiRateLimiting.AddressOf(context));
        }
        catch (SubmissionQueueFullException)
        {
            // The vendor's clients read the code from the body, as for every other refusal.
            context.Response.Headers.RetryAfter = "1";
            return VendorAnswers.Refusal(json, method, ResultCode.TooFrequent);
        }
    }

    private static async Task<IResult> DomesticAsync(HttpContext context, SubmissionService submissions, VendorParameters parameters, string? method, bool json, string? clientIp, CancellationToken cancellationToken)
    {
        if (string.Equals(method, "GetNum", StringComparison.OrdinalIgnoreCase))
        {
            // After the vendor's num: money, the balance for international SMS in yuan (decision 0034); clients read by name.
            var (code, balance, money) = await submissions.GetNumAsync(parameters["account"], parameters["password"], parameters["time"], clientIp, cancellationToken);
            return VendorAnswers.Answer(json, "GetNumResult", (int)code, ResultMessages.GetNum(code), ("num", code == ResultCode.Accepted ? balance : 0), ("money", Fen.Format(code == ResultCode.Accepted ? money : 0)));
        }

        if (string.Equals(method, "Submit", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(parameters["stime"]))
        {
            var (code, message, batchId) = await ScheduleAsync(context, submissions, parameters, clientIp, cancellationToken);
            return VendorAnswers.Answer(json, "SubmitResult", (int)code, message, ("smsid", "0"), ("taskid", batchId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"));
        }

        if (string.Equals(method, "Submit", StringComparison.OrdinalIgnoreCase))
        {
            var result = await submissions.SubmitVendorAsync(
                new VendorSubmit(parameters["account"], parameters["password"], parameters["mobile"], parameters["content"], parameters["templateid"], parameters["time"], clientIp),
                SubmissionDoor.VendorApi,
                cancellationToken);
            return VendorAnswers.Answer(json, "SubmitResult", (int)result.Code, result.Message, ("smsid", result.SmsId ?? "0"));
        }

        if (string.Equals(method, "AddTemplate", StringComparison.OrdinalIgnoreCase))
        {
            var (code, templateId) = await AddTemplateAsync(context, submissions, parameters, clientIp, cancellationToken);
            return VendorAnswers.Answer(json, "AddTemplateResult", (int)code, ResultMessages.AddTemplate(code), ("templateid", templateId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0"));
        }

        return VendorAnswers.Answer(json, "SubmitResult", (int)ResultCode.Failed, ResultMessages.Submit(ResultCode.Failed), ("smsid", "0"));
    }

    /// <summary>
    /// The international product: Submit to a number abroad through the one submission service, and GetNum, whose
    /// <c>num</c> is the money balance in yuan with two decimals (the product counts money, not messages). Nothing else.
    /// </summary>
    private static async Task<IResult> InternationalAsync(SubmissionService submissions, VendorParameters parameters, string? method, bool json, string? clientIp, CancellationToken cancellationToken)
    {
        if (string.Equals(method, "GetNum", StringComparison.OrdinalIgnoreCase))
        {
            var (code, _, money) = await submissions.GetNumAsync(parameters["account"], parameters["password"], parameters["time"], clientIp, cancellationToken);
            return VendorAnswers.Answer(json, "GetNumResult", (int)code, ResultMessages.GetNum(code), ("num", code == ResultCode.Accepted ? Fen.Format(money) : "0"));
        }

        if (string.Equals(method, "Submit", StringComparison.OrdinalIgnoreCase))
        {
            var result = await submissions.SubmitVendorInternationalAsync(
                new VendorSubmit(parameters["account"], parameters["password"], parameters["mobile"], parameters["content"], parameters["templateid"], parameters["time"], clientIp),
                cancellationToken);
            return VendorAnswers.Answer(json, "SubmitResult", (int)result.Code, result.Message, ("smsid", result.SmsId ?? "0"));
        }

        return VendorAnswers.Answer(json, "SubmitResult", (int)ResultCode.Failed, ResultMessages.Submit(ResultCode.Failed), ("smsid", "0"));
    }

    /// <summary>
    /// The vendor's scheduled send (its marketing product's <c>stime</c>, decision 0036): the same credentials as Submit,
    /// then a batch to the numbers in <c>mobile</c> (one, or several separated by commas) that starts at that time.
    /// A time that is not one is 4090, one in the past or too far ahead 4091; then nothing is created.
    /// </summary>
    private static async Task<(ResultCode Code, string Message, int? BatchId)> ScheduleAsync(HttpContext context, SubmissionService submissions, VendorParameters parameters, string? clientIp, CancellationToken cancellationToken)
    {
        var request = new VendorSubmit(parameters["account"], parameters["password"], parameters["mobile"], parameters["content"], parameters["templateid"], parameters["time"], clientIp);
        var (profile, refused) = await submissions.AuthenticateVendorAsync(request, cancellationToken);
        if (profile is null)
        {
            return (refused!.Code, refused.Message, null);
        }

        var batches = context.RequestServices.GetRequiredService<SendBatches>();
        var (at, badTime) = batches.ParseVendorTime(parameters["stime"]);
        if (badTime is { } code)
        {
            return (code, ResultMessages.Submit(code), null);
        }

        var mobiles = request.Mobile!.Split([',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var created = await batches.CreateAsync(profile, new NewSendBatch(SubmissionDoor.VendorApi, null, profile.ApiId, mobiles, request.Content, request.TemplateId, at), cancellationToken);
        return (created.Code, created.Message, created.BatchId);
    }

    /// <summary>
    /// Files a template for review, pending. The password is the API key or md5(account + apikey + time); the
    /// vendor's call has no kind, so a text that speaks of a code (验证码, 校验码, 动态码) is a verification-code
    /// template and anything else a notification.
    /// </summary>
    private static async Task<(ResultCode Code, int? TemplateId)> AddTemplateAsync(HttpContext context, SubmissionService submissions, VendorParameters parameters, string? clientIp, CancellationToken cancellationToken)
    {
        var (code, profile) = await submissions.CheckPasswordAsync(parameters["account"], parameters["password"], parameters["time"], clientIp, cancellationToken);
        if (profile is null)
        {
            return (code, null);
        }

        var content = parameters["content"];
        if (string.IsNullOrWhiteSpace(content))
        {
            return (ResultCode.ContentMissing, null);
        }

        var kind = new[] { "验证码", "校验码", "动态码" }.Any(word => content.Contains(word, StringComparison.Ordinal))
            ? Domain.Review.TemplateKind.VerificationCode
            : Domain.Review.TemplateKind.Notification;
        var templates = context.RequestServices.GetRequiredService<Infrastructure.Review.TemplateReviewService>();
        var filing = await templates.FileAsync(profile.AccountId, content, kind, cancellationToken: cancellationToken);
        return filing.IsFiled ? (ResultCode.Accepted, filing.TemplateId) : (filing.Code is ResultCode.SensitiveWords or ResultCode.ContentMissing ? filing.Code : ResultCode.Failed, null);
    }
}
