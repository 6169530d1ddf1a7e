using SmsPortal.Domain.Pushes;

namespace SmsPortal.Infrastructure.Records;

/// <summary>A push that reported the message to the account's URL, and what the receiver answered last.</summary>
public sealed record RecordPush(PushKind Kind, PushState State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt, string Url, string? LastAnswer);
