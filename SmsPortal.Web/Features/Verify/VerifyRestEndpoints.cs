using System.Globalization;
using SmsPortal.Domain.Sending;
using SmsPortal.Domain.Verify;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Infrastructure.Verify;
using SmsPortal.Web.Features.RestApi;

namespace SmsPortal.Web.Features.Verify;

/// <summary>A Verify service to make. Unset fields take the defaults: 6 digits, 10 minutes, 5 checks, 60 s between codes to a number, the platform's template, any country.</summary>
/// <param name="Name">What the service is called (shown nowhere to the user receiving the code).</param>
/// <param name="CodeLength">4 to 10 characters.</param>
/// <param name="Alphabet">digits, letters (A–Z without I and O) or mixed (2–9 and those letters).</param>
/// <param name="LifetimeMinutes">1 to 30.</param>
/// <param name="TemplateId">An approved template of the account with one variable, long enough for the code; unset for template 1.</param>
/// <param name="MaxAttempts">Checks one code allows, 1 to 10.</param>
/// <param name="MinGapSeconds">Seconds between two codes to one number, 60 to 3600.</param>
/// <param name="AllowedCountries">Calling codes codes may go to ("86", "852"); empty for any.</param>
/// <param name="VoiceFallbackSeconds">5 to 600: a code whose SMS is not delivered within this time is also called out by voice; unset for never.</param>
/// <param name="DailyCap">The daily spend cap: codes the service may send a day, 1 to 1000000 (default 1000); past it a start is refused (4099) and costs nothing.</param>
public sealed record CreateVerifyServiceRequest(string Name, int? CodeLength, string? Alphabet, int? LifetimeMinutes, int? TemplateId, int? MaxAttempts, int? MinGapSeconds, IReadOnlyList<string>? AllowedCountries, int? VoiceFallbackSeconds = null, int? DailyCap = null);

public sealed record VerifyServiceResponse(string Sid, string Name, int CodeLength, string Alphabet, int LifetimeMinutes, int TemplateId, int MaxAttempts, int MinGapSeconds, IReadOnlyList<string> AllowedCountries, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int? VoiceFallbackSeconds, int DailyCap);

/// <summary>Send a code to a number.</summary>
/// <param name="Mobile">The receiving number, as for messages.</param>
/// <param name="Channel">sms (the default), or call: a voice call speaks the code (where the platform has a voice channel).</param>
/// <param name="Locale">Kept with the verification; the template decides the text.</param>
public sealed record StartVerificationRequest(string Mobile, string? Channel, string? Locale);

/// <summary>Check a code: name the verification by its sid, or the number whose pending code it is.</summary>
public sealed record CheckVerificationRequest(string? Mobile, string? VerificationSid, string Code);

/// <summary>A verification: status is pending, approved, canceled, expired or max_attempts_reached.</summary>
public sealed record VerificationResponse(string Sid, string ServiceSid, string Mobile, string Channel, string Status, int Sends, int Checks, int MaxChecks, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? SmsId);

/// <summary>The answer to a check: valid is true only for the check that approved the code.</summary>
public sealed record CheckVerificationResponse(string Sid, string ServiceSid, string Mobile, string Status, bool Valid, int ChecksLeft);

/// <summary>REST /api/v1/verify: the same credentials and problem documents as the rest of /api/v1; one service behind every Verify door.</summary>
internal static class VerifyRestEndpoints
{
    public static void MapVerifyRestApi(this IEndpointRouteBuilder endpoints)
    {
        var verify = RestApiEndpoints.Group(endpoints, "/api/v1/verify", "Verify");
        verify.MapPost("/services", CreateServiceAsync).WithSummary("Make a Verify service");
        verify.MapGet("/services", ListServicesAsync).WithSummary("The account's Verify services");
        verify.MapGet("/services/{serviceSid}", GetServiceAsync).WithSummary("One Verify service");
        verify.MapPost("/services/{serviceSid}/verifications", StartAsync).WithSummary("Send a code")
            .WithDescription("One pending code per number: a start inside the code's lifetime sends the same code again, at most once per the service's gap (429 and Retry-After before it). Charged like any SMS.");
        verify.MapGet("/services/{serviceSid}/verifications/{verificationSid}", GetVerificationAsync).WithSummary("A verification and its status");
        verify.MapPost("/services/{serviceSid}/verifications/{verificationSid}/cancel", CancelAsync).WithSummary("Cancel a pending verification");
        verify.MapPost("/services/{serviceSid}/checks", CheckAsync).WithSummary("Check a code")
            .WithDescription("200 with valid true approves the verification (once); valid false is a wrong code and counts as a check. 404 when nothing is pending, 410 when the code expired, 429 when the checks are spent.");
    }

    private static async Task<IResult> CreateServiceAsync(HttpContext http, CreateVerifyServiceRequest request, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var defaults = VerifySettings.Defaults(request.Name ?? "");
        var alphabet = request.Alphabet is null ? defaults.Alphabet : VerifySettings.ParseAlphabet(request.Alphabet);
        if (alphabet is null)
        {
            return Invalid("alphabet must be digits, letters or mixed.");
        }

        var settings = defaults with
        {
            CodeLength = request.CodeLength ?? defaults.CodeLength,
            Alphabet = alphabet.Value,
            LifetimeMinutes = request.LifetimeMinutes ?? defaults.LifetimeMinutes,
            TemplateId = request.TemplateId,
            MaxAttempts = request.MaxAttempts ?? defaults.MaxAttempts,
            MinGapSeconds = request.MinGapSeconds ?? defaults.MinGapSeconds,
            AllowedCountries = VerifySettings.SplitCountries(string.Join(',', request.AllowedCountries ?? [])),
            VoiceFallbackSeconds = request.VoiceFallbackSeconds,
            DailyCap = request.DailyCap ?? defaults.DailyCap,
        };
        var (service, error) = await catalog.CreateAsync(profile, settings, cancellationToken);
        return service is null ? Invalid(error!) : Results.Created($"/api/v1/verify/services/{service.Sid}", ServiceResponse(service));
    }

    private static async Task<IResult> ListServicesAsync(HttpContext http, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        return profile is null ? refused! : Results.Ok((await catalog.ListAsync(profile.AccountId, cancellationToken)).Select(ServiceResponse).ToList());
    }

    private static async Task<IResult> GetServiceAsync(HttpContext http, string serviceSid, SubmissionService submissions, VerifyServiceCatalog catalog, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var service = await catalog.FindAsync(profile.AccountId, serviceSid, cancellationToken);
        return service is null ? Refusal(http, VerifyResult.Fail(VerifyFailure.ServiceNotFound, $"No Verify service {serviceSid} of this account.")) : Results.Ok(ServiceResponse(service));
    }

    private static async Task<IResult> StartAsync(HttpContext http, string serviceSid, StartVerificationRequest request, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var result = await verifications.StartAsync(profile, SubmissionDoor.RestApi, serviceSid, request.Mobile, request.Channel, request.Locale, ApiAccess.ApiRateLimiting.AddressOf(http), cancellationToken);
        return result.IsDone
            ? Results.Created($"/api/v1/verify/services/{serviceSid}/verifications/{result.Verification!.Sid}", VerificationResponse(result.Verification, result.Send?.SmsId))
            : Refusal(http, result);
    }

    private static async Task<IResult> GetVerificationAsync(HttpContext http, string serviceSid, string verificationSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var result = await verifications.FindAsync(profile, serviceSid, verificationSid, cancellationToken);
        return result.IsDone ? Results.Ok(VerificationResponse(result.Verification!, null)) : Refusal(http, result);
    }

    private static async Task<IResult> CancelAsync(HttpContext http, string serviceSid, string verificationSid, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var result = await verifications.CancelAsync(profile, serviceSid, null, verificationSid, cancellationToken);
        return result.IsDone ? Results.Ok(VerificationResponse(result.Verification!, null)) : Refusal(http, result);
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string serviceSid, CheckVerificationRequest request, SubmissionService submissions, Verifications verifications, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var result = await verifications.CheckAsync(profile, serviceSid, request.Mobile, request.VerificationSid, request.Code, cancellationToken);
        if (!result.IsDone)
        {
            return Refusal(http, result);
        }

        var verification = result.Verification!;
        return Results.Ok(new CheckVerificationResponse(verification.Sid, verification.ServiceSid, verification.Mobile, StatusName(verification.Status), result.Valid, Math.Max(0, verification.MaxChecks - verification.Checks)));
    }

    internal static string StatusName(VerificationStatus status) => status switch
    {
        VerificationStatus.MaxAttemptsReached => "max_attempts_reached",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static VerifyServiceResponse ServiceResponse(VerifyService service) => new(
        service.Sid, service.Name, service.CodeLength, VerifySettings.NameOf(service.Alphabet), service.LifetimeMinutes,
        service.TemplateId ?? Domain.Review.MessageTemplate.DefaultId, service.MaxAttempts, service.MinGapSeconds, service.AllowedCountryList,
        service.CreatedAt, service.UpdatedAt, service.VoiceFallbackSeconds, service.DailyCap);

    private static VerificationResponse VerificationResponse(VerificationView verification, string? smsId) => new(
        verification.Sid, verification.ServiceSid, verification.Mobile, verification.Channel, StatusName(verification.Status),
        verification.Sends, verification.Checks, verification.MaxChecks, verification.CreatedAt, verification.ExpiresAt, smsId);

    private static IResult Invalid(string detail) =>
        RestApiEndpoints.Problem(StatusCodes.Status400BadRequest, detail, VerifyCodes.InvalidParameter);

    private static IResult Refusal(HttpContext http, VerifyResult result)
    {
        if (result.Failure == VerifyFailure.SendRefused)
        {
            return RestApiEndpoints.Refusal(result.Send!);
        }

        if (result.RetryAfterSeconds is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        }

        var (code, message) = VerifyCodes.Of(result);
        return RestApiEndpoints.Problem(VerifyCodes.StatusOf(result), result.Detail ?? message, code);
    }
}
