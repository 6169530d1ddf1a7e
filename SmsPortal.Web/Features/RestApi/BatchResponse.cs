namespace SmsPortal.Web.Features.RestApi;

/// <summary>A batch send and how far it got: numbers decided, accepted, and refused by the vendor's result code.</summary>
public sealed record BatchResponse(
    int Id,
    string State,
    int Total,
    int Parts,
    long Cost,
    DateTimeOffset ScheduledAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Submitted,
    int Accepted,
    IReadOnlyDictionary<string, int> RefusedByCode);
