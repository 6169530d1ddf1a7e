using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsPortal.Domain.Sending;
using SmsPortal.Infrastructure.Sending;

namespace SmsPortal.Tests.Features.Security;

/// <summary>
/// The REST batch endpoints in the isolation matrix: A's batch (scheduled days ahead, so it stays put) is read and
/// paused, resumed or cancelled by A (the positive control, put back afterwards); anybody else sees nothing of it and
/// changes nothing; a batch with A's template is made by A alone.
/// </summary>
public sealed partial class TenantIsolationTests
{
    /// <summary>A property, not a field: the endpoint list in the other part of this class spreads it while its own fields initialise.</summary>
    public static string[] BatchRowKeys =>
    [
        "POST /api/v1/batches",
        "GET /api/v1/batches/{id:int}",
        "POST /api/v1/batches/{id:int}/pause",
        "POST /api/v1/batches/{id:int}/resume",
        "POST /api/v1/batches/{id:int}/cancel",
    ];

    private static readonly SemaphoreSlim BatchOfAMade = new(1, 1);

    private Task BatchRowAsync(Caller caller, string endpoint) => endpoint == "POST /api/v1/batches"
        ? RestBatchCreateAsync(caller)
        : RestBatchOfAAsync(caller, endpoint);

    private async Task RestBatchCreateAsync(Caller caller)
    {
        var before = await world.Portal.QueryAsync(db => db.SendBatches.CountAsync(b => b.TemplateId == A.TemplateId));
        using var response = await RestAsync(caller, HttpMethod.Post, "/api/v1/batches", new { mobiles = new[] { FreshMobile() }, templateId = A.TemplateId, content = "T1", sendAt = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) });
        var seen = await SeenAsync(response);
        var after = await world.Portal.QueryAsync(db => db.SendBatches.CountAsync(b => b.TemplateId == A.TemplateId));
        if (caller == Caller.CustomerA)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"A makes a batch with its own template: {response.StatusCode} {seen}");
            Assert.Equal(before + 1, after);
            return;
        }

        AssertNothingOfA(caller, "POST /api/v1/batches", response, seen);
        Assert.Equal(world.MemberOf(caller) is not null ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, after);
    }

    private async Task RestBatchOfAAsync(Caller caller, string endpoint)
    {
        var id = await BatchOfAAsync();
        var url = endpoint.Replace("{id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var method = endpoint.StartsWith("GET", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post;
        var before = await StateOfBatchAsync(id);
        using var response = await RestAsync(caller, method, url);
        var seen = await SeenAsync(response);
        if (caller == Caller.CustomerA)
        {
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"A acts on its own batch: {response.StatusCode} {seen}");
            await world.Portal.QueryAsync(db => db.SendBatches.Where(b => b.Id == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.State, SendBatchState.Scheduled).SetProperty(b => b.FinishedAt, (DateTimeOffset?)null)));
            return;
        }

        AssertNothingOfA(caller, $"{method} {url}", response, seen);
        Assert.Equal(world.MemberOf(caller) is not null ? HttpStatusCode.NotFound : HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await StateOfBatchAsync(id));
    }

    private Task<SendBatchState> StateOfBatchAsync(int id) =>
        world.Portal.QueryAsync(db => db.SendBatches.Where(b => b.Id == id).Select(b => b.State).SingleAsync());

    /// <summary>A's batch, made once for the matrix, a month ahead so no worker starts it.</summary>
    private async Task<int> BatchOfAAsync()
    {
        await BatchOfAMade.WaitAsync();
        try
        {
            var existing = await world.Portal.QueryAsync(db => db.SendBatches.Where(b => b.AccountId == A.AccountId && b.CreatedBy == "isolation").Select(b => (int?)b.Id).FirstOrDefaultAsync());
            if (existing is { } id)
            {
                return id;
            }

            var profile = (await world.Portal.Service<SendingProfiles>().FindByAccountIdAsync(A.AccountId, CancellationToken.None))!;
            var created = await world.Portal.Service<SendBatches>().CreateAsync(
                profile,
                new NewSendBatch(SubmissionDoor.RestApi, null, "isolation", [FreshMobile()], "T1", A.TemplateId.ToString(System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddDays(30)),
                CancellationToken.None);
            Assert.True(created.IsCreated, created.Message);
            return created.BatchId!.Value;
        }
        finally
        {
            BatchOfAMade.Release();
        }
    }
}
