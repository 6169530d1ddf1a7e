namespace SmsPortal.Domain.Sending;

/// <summary>
/// A dynamic password that already let a request in. Each one is good once: the same hash again before its
/// window closes is a replay (answered as a wrong password). Kept in the database so every node sees it.
/// </summary>
public sealed class UsedDynamicPassword
{
    public int AccountId { get; set; }

    /// <summary>The hash as lower-case hex (32 characters).</summary>
    public required string Password { get; set; }

    /// <summary>When the hash's time leaves the window: after this the hash is refused as expired anyway.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
