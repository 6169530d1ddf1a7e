using System.ComponentModel;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Persistence;
using SmsPortal.Infrastructure.Sending;
using SmsPortal.Web.Features.ApiAccess;

namespace SmsPortal.Web.Features.RestApi;

/// <summary>A message to send: one number, and either a template with its values or text that matches an approved template.</summary>
/// <param name="Mobile">The receiving number: 11 mainland digits (with or without +86), or "852 91234567" abroad.</param>
/// <param name="TemplateId">An approved template's id; 1 is the platform's verification-code template.</param>
/// <param name="Content">With a template: the values joined by '|'. Without: the text, optionally starting with 【signature】.</param>
public sealed record SendRequest(string Mobile, int? TemplateId, string? Content);

/// <summary>The same message to many numbers (at most 1,000), each decided on its own.</summary>
public sealed record BatchSendRequest(IReadOnlyList<string> Mobiles, int? TemplateId, string? Content);

/// <summary>An accepted message: its id is the vendor's smsid.</summary>
public sealed record SendResponse(string SmsId, string Status);

/// <summary>One number's outcome in a batch: code 2 and an smsid when accepted, else the vendor's code and message.</summary>
public sealed record BatchItem(string Mobile, int Code, string Message, string? SmsId);

public sealed record MessageResponse(string SmsId, string Mobile, string Text, int Parts, string Status, DateTimeOffset AcceptedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DoneAt, string? UpstreamStatus);

public sealed record BalanceResponse(long Balance);

/// <summary>
/// REST /api/v1: JSON, credentials in the X-Api-Id and X-Api-Key headers, the same submission service as
/// every other door. A refusal is a problem document whose `code` is the vendor's result code.
/// </summary>
internal static class RestApiEndpoints
{
    public const int MaxBatch = 1000;

    public static void MapRestApi(this IEndpointRouteBuilder endpoints)
    {
        var api = Group(endpoints, "/api/v1", "Messages");

        api.MapPost("/messages", SendAsync).WithSummary("Send one message").WithDescription("Idempotency-Key: the same key answers the same message instead of sending again.");
        api.MapPost("/messages/batch", SendBatchAsync).WithSummary("Send one message to up to 1,000 numbers");
        api.MapGet("/messages/{smsId}", GetMessageAsync).WithSummary("A message and its delivery status");
        api.MapGet("/balance", GetBalanceAsync).WithSummary("SMS the account can still send");
    }

    /// <summary>A group of a machine interface: no antiforgery, the per-address rate limit, its own status codes instead of the console's error pages.</summary>
    internal static RouteGroupBuilder Group(IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapGroup(prefix).DisableAntiforgery().RequireRateLimiting(ApiRateLimiting.PerAddress).WithTags(tag);
        group.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return await next(context);
        });
        return group;
    }

    private static async Task<IResult> SendAsync(
        HttpContext http, SendRequest request, SubmissionService submissions,
        [FromHeader(Name = "Idempotency-Key"), Description("Makes a retried send safe: at most 100 characters.")] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is { Length: > 100 })
        {
            return Problem(StatusCodes.Status400BadRequest, "Idempotency-Key is longer than 100 characters.", null);
        }

        var (profile, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        try
        {
            var result = await submissions.SubmitAsAsync(profile, SubmissionDoor.RestApi, request.Mobile, request.Content, request.TemplateId?.ToString(System.Globalization.CultureInfo.InvariantCulture), idempotencyKey, false, new SubmissionOrigin(ApiRateLimiting.AddressOf(http)), cancellationToken);
            return result.IsAccepted
                ? Results.Accepted($"/api/v1/messages/{result.SmsId}", new SendResponse(result.SmsId!, "accepted"))
                : Refusal(result);
        }
        catch (SubmissionQueueFullException)
        {
            http.Response.Headers.RetryAfter = "1";
            return ApiRateLimiting.TooFrequentProblem();
        }
    }

    private static async Task<IResult> SendBatchAsync(HttpContext http, BatchSendRequest request, SubmissionService submissions, CancellationToken cancellationToken)
    {
        if (request.Mobiles is null || request.Mobiles.Count == 0 || request.Mobiles.Count > MaxBatch)
        {
            return Problem(StatusCodes.Status400BadRequest, $"mobiles must hold 1 to {MaxBatch} numbers.", null);
        }

        var (profile, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        // Each number is decided on its own: one that meets a full queue is answered 4089 beside the ones already
        // accepted (and charged), never a 429 for the whole batch.
        var template = request.TemplateId?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var origin = new SubmissionOrigin(ApiRateLimiting.AddressOf(http));
        var results = await Task.WhenAll(request.Mobiles.Select(async mobile =>
        {
            try
            {
                return await submissions.SubmitAsAsync(profile, SubmissionDoor.RestApi, mobile, request.Content, template, null, false, origin, cancellationToken);
            }
            catch (SubmissionQueueFullException)
            {
                return new SubmitResult(ResultCode.TooFrequent);
            }
        }));
        return Results.Ok(request.Mobiles.Zip(results, (mobile, r) => new BatchItem(mobile, (int)r.Code, r.Message, r.SmsId)).ToList());
    }

    private static async Task<IResult> GetMessageAsync(HttpContext http, string smsId, SubmissionService submissions, IDbContextFactory<SmsPortalDbContext> contexts, CancellationToken cancellationToken)
    {
        var (profile, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var id = Message.IdOfSmsId(smsId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = id is null ? null : await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.AccountId == profile.AccountId, cancellationToken);
        return message is null || message.SmsId != smsId
            ? Problem(StatusCodes.Status404NotFound, $"No message {smsId} of this account.", null)
            : Results.Ok(new MessageResponse(message.SmsId, message.Mobile, message.Text, message.Parts, StatusName(message.Status), message.AcceptedAt, message.SubmittedAt, message.DoneAt, message.UpstreamStatus));
    }

    private static async Task<IResult> GetBalanceAsync(HttpContext http, SubmissionService submissions, SubmissionWriter writer, CancellationToken cancellationToken)
    {
        var (profile, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        return profile is null ? refused! : Results.Ok(new BalanceResponse(await writer.BalanceAsync(profile.AccountId, cancellationToken)));
    }

    /// <summary>The REST API's credentials (X-Api-Id and X-Api-Key), shared by every /api/v1 group.</summary>
    internal static async Task<(SendingProfile? Profile, IResult? Refused)> AuthenticateAsync(HttpContext http, SubmissionService submissions, CancellationToken cancellationToken)
    {
        var apiId = http.Request.Headers["X-Api-Id"].ToString();
        var apiKey = http.Request.Headers["X-Api-Key"].ToString();
        if (apiId.Length == 0 || apiKey.Length == 0)
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "Send the X-Api-Id and X-Api-Key headers.", (int)ResultCode.BadCredentials));
        }

        var (profile, refused) = await submissions.AuthenticateKeyAsync(apiId, apiKey, ApiRateLimiting.AddressOf(http), cancellationToken);
        if (refused is null)
        {
            return (profile, null);
        }

        if (refused.Code is ResultCode.TooFrequent or ResultCode.TooManyFailedAttempts)
        {
            http.Response.Headers.RetryAfter = refused.Code == ResultCode.TooFrequent ? "1" : http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value.LockoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (null, Refusal(refused));
    }

    internal static IResult Refusal(SubmitResult result) => Problem(result.Code switch
    {
        ResultCode.BadCredentials or ResultCode.AccountMissing or ResultCode.PasswordMissing => StatusCodes.Status401Unauthorized,
        ResultCode.AccountFrozen or ResultCode.IpNotAllowed or ResultCode.IpNotBound => StatusCodes.Status403Forbidden,
        ResultCode.InsufficientCredits or ResultCode.ResellerMoneyShort => StatusCodes.Status402PaymentRequired,
        ResultCode.TooManyFailedAttempts or ResultCode.TooFrequent => StatusCodes.Status429TooManyRequests,
        ResultCode.PerSecondLimit or ResultCode.DailyLimitPerNumber or ResultCode.VerificationCodesPerNumberPerDay or ResultCode.OverLimitBlacklisted => StatusCodes.Status429TooManyRequests,
        ResultCode.NumberVelocity or ResultCode.AddressVelocity or ResultCode.AccountVelocity or ResultCode.RangeVelocity => StatusCodes.Status429TooManyRequests,
        ResultCode.RangeBlocked or ResultCode.CountryNotAllowed or ResultCode.NoInternationalPrice => StatusCodes.Status403Forbidden,
        ResultCode.MobileBlacklisted => StatusCodes.Status422UnprocessableEntity,
        ResultCode.Failed => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    }, result.Message, (int)result.Code);

    internal static IResult Problem(int status, string title, int? code) => Results.Problem(
        title: title,
        statusCode: status,
        extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    private static string StatusName(MessageStatus status) => status switch
    {
        MessageStatus.Dispatching => "accepted",
        _ => status.ToString().ToLowerInvariant(),
    };
}
