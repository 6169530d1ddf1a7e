namespace SmsPortal.Infrastructure.Records;

/// <summary>
/// One message with everything stored about it: the times its row keeps (accepted, handed to the carrier, final),
/// the channel and what the upstream called it and said last, the ledger lines it caused, and the pushes that
/// reported it. No per-state history is stored beyond these times.
/// </summary>
/// <param name="Upstream">The upstream's last answer (the submit answer, then the receipt); the receipt's text: field is cut when records are masked.</param>
public sealed record RecordDetail(
    RecordRow Row,
    DateTimeOffset? SubmittedAt,
    string? Channel,
    string? UpstreamId,
    string? Upstream,
    int DispatchAttempts,
    IReadOnlyList<RecordCharge> Charges,
    IReadOnlyList<RecordPush> Pushes);
