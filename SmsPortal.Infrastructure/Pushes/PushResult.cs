using SmsPortal.Domain.Pushes;

namespace SmsPortal.Infrastructure.Pushes;

/// <summary>What one attempt of a push came to, to be written back to its outbox row.</summary>
public readonly record struct PushResult(long Id, PushState State, int Attempts, long DueAtMs, long? DoneAtMs, string Answer);
