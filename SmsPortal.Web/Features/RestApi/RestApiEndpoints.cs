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

/// <summary>An accepted message: its id is the vendor's smsid, and what it is charged.</summary>
/// <param name="SmsId">The vendor's smsid.</param>
/// <param name="Status">"accepted".</param>
/// <param name="Parts">The SMS it is charged as (a long text is several).</param>
/// <param name="Country">A number abroad: its country calling code ("852"); null for a mainland number (charged in credits).</param>
/// <param name="PriceFen">A number abroad: the money charged for it, in CNY fen (price per part × parts); null for a mainland number.</param>
public sealed record SendResponse(string SmsId, string Status, int Parts, string? Country, long? PriceFen);

/// <summary>One number's outcome in a batch: code 2 and an smsid when accepted, else the vendor's code and message.</summary>
/// <param name="Parts">Accepted: the SMS it is charged as; null when refused.</param>
/// <param name="Country">Accepted abroad: the country calling code; null otherwise.</param>
/// <param name="PriceFen">Accepted abroad: the money charged, in CNY fen; null otherwise.</param>
public sealed record BatchItem(string Mobile, int Code, string Message, string? SmsId, int? Parts = null, string? Country = null, long? PriceFen = null);

/// <param name="Country">A number abroad: its country calling code; null for a mainland number.</param>
/// <param name="PriceFen">A number abroad: the money charged, in CNY fen (refunded if it fails); null for a mainland number.</param>
public sealed record MessageResponse(string SmsId, string Mobile, string Text, int Parts, string Status, DateTimeOffset AcceptedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DoneAt, string? UpstreamStatus, string? Country = null, long? PriceFen = null);

/// <summary>The account's two balances.</summary>
/// <param name="Balance">SMS the account can still send to mainland numbers (credits).</param>
/// <param name="MoneyFen">Money for international SMS, in CNY fen (1234 is ¥12.34).</param>
public sealed record BalanceResponse(long Balance, long MoneyFen);

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

        api.MapPost("/messages", SendAsync).WithSummary("Send one message").WithDescription("Idempotency-Key: the same key answers the same message instead of sending again. A number abroad is charged in money: the answer names its country and priceFen (CNY fen).");
        api.MapPost("/messages/batch", SendBatchAsync).WithSummary("Send one message to up to 1,000 numbers");
        api.MapGet("/messages/{smsId}", GetMessageAsync).WithSummary("A message and its delivery status");
        api.MapGet("/balance", GetBalanceAsync).WithSummary("The account's balances: SMS it can still send, and money for international SMS")
            .WithDescription("balance: credits for mainland numbers; moneyFen: the money balance for numbers abroad, in CNY fen.");
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
            if (!result.IsAccepted)
            {
                return Refusal(result);
            }

            var charge = (await ChargesAsync(http, [result.MessageId!.Value], cancellationToken))[result.MessageId.Value];
            return Results.Accepted($"/api/v1/messages/{result.SmsId}", new SendResponse(result.SmsId!, "accepted", charge.Parts, charge.Country, charge.PriceFen));
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
        var charges = await ChargesAsync(http, results.Where(r => r.IsAccepted).Select(r => r.MessageId!.Value).Distinct().ToList(), cancellationToken);
        return Results.Ok(request.Mobiles.Zip(results, (mobile, r) => r.IsAccepted && charges.TryGetValue(r.MessageId!.Value, out var c)
            ? new BatchItem(mobile, (int)r.Code, r.Message, r.SmsId, c.Parts, c.Country, c.PriceFen)
            : new BatchItem(mobile, (int)r.Code, r.Message, r.SmsId)).ToList());
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
            : Results.Ok(new MessageResponse(message.SmsId, message.Mobile, message.Text, message.Parts, StatusName(message.Status), message.AcceptedAt, message.SubmittedAt, message.DoneAt, message.UpstreamStatus, message.Country, message.PriceFen));
    }

    private static async Task<IResult> GetBalanceAsync(HttpContext http, SubmissionService submissions, SubmissionWriter writer, CancellationToken cancellationToken)
    {
        var (profile, refused) = await AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        var (credits, moneyFen) = await writer.BalancesAsync(profile.AccountId, cancellationToken);
        return Results.Ok(new BalanceResponse(credits, moneyFen));
    }

    /// <summary>
    /// What the accepted messages are charged, as stored (so a replayed Idempotency-Key answers what the first send was
    /// charged): parts, and for numbers abroad the country and the money in fen. One read by primary key.
    /// </summary>
    private static async Task<Dictionary<long, (int Parts, string? Country, long? PriceFen)>> ChargesAsync(HttpContext http, IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<SmsPortalDbContext>>().CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking().Where(m => messageIds.Contains(m.Id)).Select(m => new { m.Id, m.Parts, m.Country, m.PriceFen }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => (r.Parts, r.Country, r.PriceFen));
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
