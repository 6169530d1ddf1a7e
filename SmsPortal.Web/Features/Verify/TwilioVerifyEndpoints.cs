using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Verify;
using SmsPortal.Web.Features.ApiAccess;

namespace SmsPortal.Web.Features.Verify;

/// <summary>
/// A Twilio Verify v2–compatible surface, so that code written against Twilio's SDKs works by changing the base URL:
/// form-encoded requests, HTTP Basic with the API ID and API key, Twilio's JSON shapes (snake_case) and error documents
/// ({code, message, more_info, status}). The subset and what it leaves out: docs/decisions/0025-verify.md.
/// </summary>
internal static class TwilioVerifyEndpoints
{
    public static void MapTwilioVerify(this IEndpointRouteBuilder endpoints)
    {
        var v2 = RestApi.RestApiEndpoints.Group(endpoints, "/v2/Services", "Twilio Verify").ExcludeFromDescription();
        v2.MapPost("", CreateServiceAsync);
        v2.MapGet("", ListServicesAsync);
        v2.MapGet("/{serviceSid}", FetchServiceAsync);
        v2.MapPost("/{serviceSid}", UpdateServiceAsync);
        v2.MapPost("/{serviceSid}/Verifications", StartAsync);
        v2.MapGet("/{serviceSid}/Verifications/{verificationSid}", FetchVerificationAsync);
        v2.MapPost("/{serviceSid}/Verifications/{verificationSid}", UpdateVerificationAsync);
        v2.MapPost("/{serviceSid}/VerificationCheck", CheckAsync);
    }

    private static async Task<IResult> CreateServiceAsync(HttpContext http, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, form, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (Unsupported(form!, "CustomCodeEnabled", "Psd2Enabled", "DoNotShareWarningEnabled", "DtmfInputRequired") is { } unsupported)
        {
            return unsupported;
        }

        if (!TryInt(form!["CodeLength"], out var codeLength))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: CodeLength");
        }

        var settings = VerifySettings.Defaults(form!["FriendlyName"].ToString()) with { CodeLength = codeLength ?? VerifySettings.DefaultCodeLength };
        var (service, error) = await catalog.CreateAsync(profile, settings, cancellationToken);
        return service is null
            ? Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: " + error)
            : Results.Json(ServiceJson(http, profile, service), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListServicesAsync(HttpContext http, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, _, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var services = await catalog.ListAsync(profile.AccountId, cancellationToken);
        var url = BaseUrl(http) + "/v2/Services";
        return Results.Json(new Dictionary<string, object?>
        {
            ["services"] = services.Select(s => ServiceJson(http, profile, s)).ToList(),
            ["meta"] = new Dictionary<string, object?>
            {
                ["page"] = 0,
                ["page_size"] = services.Count,
                ["first_page_url"] = url + "?PageSize=50&Page=0",
                ["previous_page_url"] = null,
                ["url"] = url + "?PageSize=50&Page=0",
                ["next_page_url"] = null,
                ["key"] = "services",
            },
        });
    }

    private static async Task<IResult> FetchServiceAsync(HttpContext http, string serviceSid, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, _, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var service = await catalog.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        return service is null ? NotFound(http) : Results.Json(ServiceJson(http, profile, service));
    }

    private static async Task<IResult> UpdateServiceAsync(HttpContext http, string serviceSid, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, form, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (!TryInt(form!["CodeLength"], out var codeLength))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: CodeLength");
        }

        var name = form!["FriendlyName"].ToString();
        var (service, error) = await catalog.UpdateAsync(profile, serviceSid, s => s with { Name = name.Length > 0 ? name : s.Name, CodeLength = codeLength ?? s.CodeLength }, cancellationToken);
        if (service is null)
        {
            return NotFound(http);
        }

        return error is null ? Results.Json(ServiceJson(http, profile, service)) : Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: " + error);
    }

    private static async Task<IResult> StartAsync(HttpContext http, string serviceSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, form, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (string.IsNullOrEmpty(form!["To"]))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter `To`");
        }

        if (string.IsNullOrEmpty(form["Channel"]))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter `Channel`");
        }

        if (Unsupported(form, "CustomCode", "CustomFriendlyName", "CustomMessage", "Amount", "Payee", "RateLimits", "ChannelConfiguration", "TemplateSid") is { } unsupported)
        {
            return unsupported;
        }

        try
        {
            var result = await verifications.StartAsync(profile, SubmissionDoor.RestApi, serviceSid, form["To"], form["Channel"], form["Locale"], ApiRateLimiting.AddressOf(http), cancellationToken);
            return result.IsDone
                ? Results.Json(VerificationJson(http, profile, result.Verification!), statusCode: StatusCodes.Status201Created)
                : Refusal(http, result);
        }
        catch (SubmissionQueueFullException)
        {
            http.Response.Headers.RetryAfter = "1";
            return Error(StatusCodes.Status429TooManyRequests, 20429, "Too Many Requests");
        }
    }

    private static async Task<IResult> FetchVerificationAsync(HttpContext http, string serviceSid, string verificationSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, _, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var result = await verifications.FindAsync(profile, serviceSid, verificationSid, cancellationToken);
        return result.IsDone ? Results.Json(VerificationJson(http, profile, result.Verification!)) : Refusal(http, result);
    }

    private static async Task<IResult> UpdateVerificationAsync(HttpContext http, string serviceSid, string verificationSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, form, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (!string.Equals(form!["Status"], "canceled", StringComparison.Ordinal))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter `Status`: only canceled is supported");
        }

        var result = await verifications.CancelAsync(profile, serviceSid, null, verificationSid, cancellationToken);
        return result.IsDone ? Results.Json(VerificationJson(http, profile, result.Verification!)) : Refusal(http, result);
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string serviceSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, form, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (string.IsNullOrEmpty(form!["To"]) && string.IsNullOrEmpty(form["VerificationSid"]))
        {
            return Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: To or VerificationSid is required");
        }

        var result = await verifications.CheckAsync(profile, serviceSid, form["To"], form["VerificationSid"], form["Code"], cancellationToken);
        if (!result.IsDone)
        {
            return Refusal(http, result);
        }

        var verification = result.Verification!;
        var json = Common(profile, verification, result.Valid);
        json["sna_attempts_error_codes"] = Array.Empty<object>();
        return Results.Json(json);
    }

    /// <summary>HTTP Basic with the API ID as the user and the API key as the password, through the one credential check.</summary>
    private static async Task<(SendingProfile? Profile, IFormCollection? Form, IResult? Refused)> AuthenticateAsync(HttpContext http, SubmissionService submissions, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || Credentials(header.Parameter) is not var (apiId, apiKey))
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"SmsPortal\"";
            return (null, null, Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate"));
        }

        var (profile, refused) = await submissions.AuthenticateKeyAsync(apiId, apiKey, ApiRateLimiting.AddressOf(http), cancellationToken);
        if (refused is not null)
        {
            return (null, null, refused.Code switch
            {
                ResultCode.TooFrequent or ResultCode.TooManyFailedAttempts => Error(StatusCodes.Status429TooManyRequests, 20429, "Too Many Requests"),
                ResultCode.AccountFrozen or ResultCode.IpNotAllowed or ResultCode.IpNotBound => Error(StatusCodes.Status403Forbidden, 20003, "Permission Denied: " + refused.Message),
                _ => Error(StatusCodes.Status401Unauthorized, 20003, "Authenticate"),
            });
        }

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        return (profile, form, null);
    }

    private static (string ApiId, string ApiKey)? Credentials(string? parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? null : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Twilio's error for a Verify result that did not go through.</summary>
    private static IResult Refusal(HttpContext http, VerifyResult result)
    {
        if (result.RetryAfterSeconds is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        }

        return result.Failure switch
        {
            VerifyFailure.ServiceNotFound or VerifyFailure.NotFound or VerifyFailure.Expired => NotFound(http),
            VerifyFailure.MaxAttemptsReached => Error(StatusCodes.Status429TooManyRequests, 60202, "Max check attempts reached"),
            VerifyFailure.TooSoon => Error(StatusCodes.Status429TooManyRequests, 60203, "Max send attempts reached: " + result.Detail),
            VerifyFailure.CountryNotAllowed => Error(StatusCodes.Status403Forbidden, 60605, "Verification delivery attempt blocked: " + result.Detail),
            VerifyFailure.ChannelNotAvailable => Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter `Channel`: " + result.Detail),
            VerifyFailure.SendRefused when result.Send!.Code is ResultCode.MobileMissing or ResultCode.BadMobileFormat => Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter `To`"),
            VerifyFailure.SendRefused when result.Send!.Code is ResultCode.PerSecondLimit or ResultCode.DailyLimitPerNumber or ResultCode.VerificationCodesPerNumberPerDay or ResultCode.OverLimitBlacklisted or ResultCode.TooFrequent
                or ResultCode.NumberVelocity or ResultCode.AddressVelocity or ResultCode.AccountVelocity or ResultCode.RangeVelocity
                => Error(StatusCodes.Status429TooManyRequests, 60203, $"Max send attempts reached: {(int)result.Send.Code} {result.Send.Message}"),
            VerifyFailure.SendRefused when result.Send!.Code is ResultCode.CountryNotAllowed
                => Error(StatusCodes.Status403Forbidden, 60605, $"Verification delivery attempt blocked: {(int)result.Send.Code} {result.Send.Message}"),
            VerifyFailure.SendRefused when result.Send!.Code is ResultCode.RangeBlocked
                => Error(StatusCodes.Status403Forbidden, 60410, $"Verification delivery attempt blocked: {(int)result.Send.Code} {result.Send.Message}"),
            VerifyFailure.SpendCapReached => Error(StatusCodes.Status429TooManyRequests, 60203, "Max send attempts reached: " + result.Detail),
            VerifyFailure.SendRefused => Error(StatusCodes.Status400BadRequest, 60200, $"The SMS was refused: {(int)result.Send!.Code} {result.Send.Message}"),
            _ => Error(StatusCodes.Status400BadRequest, 60200, "Invalid parameter: " + result.Detail),
        };
    }

    private static IResult NotFound(HttpContext http) =>
        Error(StatusCodes.Status404NotFound, 20404, $"The requested resource {http.Request.Path.Value?["/v2".Length..]} was not found");

    private static IResult Error(int status, int code, string message) => Results.Json(
        new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = "https://www.twilio.com/docs/errors/" + code.ToString(CultureInfo.InvariantCulture),
            ["status"] = status,
        },
        statusCode: status);

    /// <summary>A Twilio parameter this surface does not implement: refused, never silently ignored.</summary>
    private static IResult? Unsupported(IFormCollection form, params string[] names) =>
        names.FirstOrDefault(form.ContainsKey) is { } name ? Error(StatusCodes.Status400BadRequest, 60200, $"Invalid parameter `{name}`: not supported by SmsPortal") : null;

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, out int? number)
    {
        number = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            number = parsed;
            return true;
        }

        return false;
    }

    private static Dictionary<string, object?> ServiceJson(HttpContext http, SendingProfile profile, VerifyService service)
    {
        var url = $"{BaseUrl(http)}/v2/Services/{service.Sid}";
        return new()
        {
            ["sid"] = service.Sid,
            ["account_sid"] = profile.ApiId,
            ["friendly_name"] = service.Name,
            ["code_length"] = service.CodeLength,
            ["lookup_enabled"] = false,
            ["psd2_enabled"] = false,
            ["skip_sms_to_landlines"] = false,
            ["dtmf_input_required"] = false,
            ["tts_name"] = null,
            ["do_not_share_warning_enabled"] = false,
            ["custom_code_enabled"] = false,
            ["push"] = new Dictionary<string, object?> { ["include_date"] = false, ["apn_credential_sid"] = null, ["fcm_credential_sid"] = null },
            ["totp"] = new Dictionary<string, object?> { ["issuer"] = null, ["time_step"] = null, ["code_length"] = null, ["skew"] = null },
            ["default_template_sid"] = null,
            ["verify_event_subscription_enabled"] = false,
            ["date_created"] = Date(service.CreatedAt),
            ["date_updated"] = Date(service.UpdatedAt),
            ["url"] = url,
            ["links"] = new Dictionary<string, object?>
            {
                ["verification_checks"] = url + "/VerificationCheck",
                ["verifications"] = url + "/Verifications",
            },
        };
    }

    private static Dictionary<string, object?> VerificationJson(HttpContext http, SendingProfile profile, VerificationView verification)
    {
        var json = Common(profile, verification, verification.Status == VerificationStatus.Approved);
        json["lookup"] = new Dictionary<string, object?>();
        json["send_code_attempts"] = new[] { new Dictionary<string, object?> { ["time"] = Date(verification.LastSentAt), ["channel"] = verification.Channel, ["attempt_sid"] = null } };
        json["sna"] = null;
        json["url"] = $"{BaseUrl(http)}/v2/Services/{verification.ServiceSid}/Verifications/{verification.Sid}";
        return json;
    }

    /// <summary>What a verification and a verification check share in Twilio's JSON.</summary>
    private static Dictionary<string, object?> Common(SendingProfile profile, VerificationView verification, bool valid) => new()
    {
        ["sid"] = verification.Sid,
        ["service_sid"] = verification.ServiceSid,
        ["account_sid"] = profile.ApiId,
        ["to"] = To(verification.Mobile),
        ["channel"] = verification.Channel,
        ["status"] = VerifyRestEndpoints.StatusName(verification.Status),
        ["valid"] = valid,
        ["amount"] = null,
        ["payee"] = null,
        ["date_created"] = Date(verification.CreatedAt),
        ["date_updated"] = Date(verification.UpdatedAt),
    };

    /// <summary>E.164, as Twilio answers with it.</summary>
    private static string To(string mobile) => MobileNumber.Parse(mobile) is { IsAccepted: true } parsed ? parsed.Value!.E164 : mobile;

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
