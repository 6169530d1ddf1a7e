using System.Globalization;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Web.Features.RestApi;

/// <summary>
/// REST /api/v1/batches: batch and scheduled sends (decision 0036), the same service as the console's and the vendor
/// API's stime. A batch that cannot be made is a problem document with the vendor's code, and nothing is stored.
/// </summary>
internal static class RestBatchEndpoints
{
    public static void MapRestBatches(this IEndpointRouteBuilder endpoints)
    {
        var api = RestApiEndpoints.Group(endpoints, "/api/v1", "Batches");
        api.MapPost("/batches", CreateAsync).WithSummary("Send one message to many numbers as a durable batch, now or at sendAt");
        api.MapGet("/batches/{id:int}", GetAsync).WithSummary("A batch and its progress");
        api.MapPost("/batches/{id:int}/pause", (HttpContext http, int id, SubmissionService submissions, SendBatches batches, CancellationToken cancellationToken) =>
            MoveAsync(http, id, submissions, batches, batches.PauseAsync, cancellationToken)).WithSummary("Stop a batch after the chunk in progress");
        api.MapPost("/batches/{id:int}/resume", (HttpContext http, int id, SubmissionService submissions, SendBatches batches, CancellationToken cancellationToken) =>
            MoveAsync(http, id, submissions, batches, batches.ResumeAsync, cancellationToken)).WithSummary("Go on with a paused batch");
        api.MapPost("/batches/{id:int}/cancel", (HttpContext http, int id, SubmissionService submissions, SendBatches batches, CancellationToken cancellationToken) =>
            MoveAsync(http, id, submissions, batches, batches.CancelAsync, cancellationToken)).WithSummary("Stop a batch for good; what was accepted stays");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateBatchRequest request, SubmissionService submissions, SendBatches batches, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (request.Mobiles is null || request.Mobiles.Count == 0 || request.Mobiles.Count > batches.MaxNumbers)
        {
            return RestApiEndpoints.Problem(StatusCodes.Status400BadRequest, $"mobiles must hold 1 to {batches.MaxNumbers} numbers.", null);
        }

        DateTimeOffset? sendAt = null;
        if (!string.IsNullOrWhiteSpace(request.SendAt))
        {
            // An offset is required: a time without one would depend on where the server stands.
            if (!DateTimeOffset.TryParseExact(request.SendAt.Trim(), ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                || !request.SendAt.Trim().EndsWith('Z') && !request.SendAt.Contains('+', StringComparison.Ordinal) && request.SendAt.Trim().LastIndexOf('-') < 10)
            {
                return RestApiEndpoints.Refusal(new SubmitResult(ResultCode.ScheduleTimeInvalid, Detail: "sendAt is ISO 8601 with an offset, e.g. 2026-12-24T09:00:00+08:00"));
            }

            sendAt = parsed;
        }

        var created = await batches.CreateAsync(
            profile,
            new NewSendBatch(SubmissionDoor.RestApi, null, profile.ApiId, request.Mobiles, request.Content, request.TemplateId?.ToString(CultureInfo.InvariantCulture), sendAt),
            cancellationToken);
        if (!created.IsCreated)
        {
            return RestApiEndpoints.Refusal(new SubmitResult(created.Code, created.LimitInForce, Detail: created.Detail));
        }

        var batch = await batches.FindAsync(profile.AccountId, created.BatchId!.Value, cancellationToken);
        return Results.Accepted($"/api/v1/batches/{created.BatchId}", Response(batch!));
    }

    private static async Task<IResult> GetAsync(HttpContext http, int id, SubmissionService submissions, SendBatches batches, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        return await batches.FindAsync(profile.AccountId, id, cancellationToken) is { } batch
            ? Results.Ok(Response(batch))
            : RestApiEndpoints.Problem(StatusCodes.Status404NotFound, $"No batch {id} of this account.", null);
    }

    private static async Task<IResult> MoveAsync(HttpContext http, int id, SubmissionService submissions, SendBatches batches, Func<int, int, CancellationToken, Task<bool>> move, CancellationToken cancellationToken)
    {
        var (profile, refused) = await RestApiEndpoints.AuthenticateAsync(http, submissions, cancellationToken);
        if (profile is null)
        {
            return refused!;
        }

        if (await move(profile.AccountId, id, cancellationToken))
        {
            return Results.Ok(Response((await batches.FindAsync(profile.AccountId, id, cancellationToken))!));
        }

        return await batches.FindAsync(profile.AccountId, id, cancellationToken) is { } batch
            ? RestApiEndpoints.Problem(StatusCodes.Status409Conflict, $"Batch {id} is {batch.State.ToString().ToLowerInvariant()}.", null)
            : RestApiEndpoints.Problem(StatusCodes.Status404NotFound, $"No batch {id} of this account.", null);
    }

    private static BatchResponse Response(SendBatchRow b) => new(
        b.Id,
        b.State.ToString().ToLowerInvariant(),
        b.Total,
        b.Parts,
        b.Cost,
        b.ScheduledAt,
        b.StartedAt,
        b.FinishedAt,
        b.Progress.Submitted,
        b.Progress.Accepted,
        b.Progress.RefusedByCode.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value));
}
